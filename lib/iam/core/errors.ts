// Errors are values a person can act on, named with AWS IAM's error codes. Operations throw them;
// pages and the Query API turn them into a panel or an AWS-shaped error response.

import type { Explanation } from "@/lib/policy";
import { needsMfaSession } from "./mfaDenial";

export type IamErrorCode =
  | "NoSuchEntity"
  | "EntityAlreadyExists"
  | "LimitExceeded"
  | "MalformedPolicyDocument"
  | "DeleteConflict"
  | "ValidationError"
  | "InvalidInput"
  | "PasswordPolicyViolation"
  | "EntityTemporarilyUnmodifiable"
  /** MFA codes that do not match the device (EnableMFADevice, ResyncMFADevice). */
  | "InvalidAuthenticationCode"
  /** Portcullis: the entity changed since the editor loaded it (CreatePolicyVersion's ExpectedDefaultVersionId). */
  | "ConcurrentModification"
  | "AccessDenied";

export class IamError extends Error {
  constructor(
    readonly code: IamErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }

  /** `NoSuchEntity: user "bob" does not exist`, as DESIGN.md shows errors to people. */
  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

/** Where in a workflow (an operation made of steps) a denial stopped it. */
export interface StoppedWorkflow {
  /** The operation the caller asked for: DeleteUserWithDependents. */
  readonly workflow: string;
  /** The step that was denied: DeleteAccessKey. */
  readonly step: string;
}

/** A denial by the policy engine: what was asked, on what, and the engine's explanation. */
export class AccessDeniedError extends IamError {
  constructor(
    readonly principalArn: string,
    readonly action: string,
    readonly resource: string,
    readonly explanation: Explanation,
    readonly stoppedWorkflow?: StoppedWorkflow,
  ) {
    super(
      "AccessDenied",
      `${stoppedWorkflow ? `${stoppedWorkflow.workflow} changed nothing: its ${stoppedWorkflow.step} step was denied. ` : ""}${principalArn} is not authorized to perform ${action} on resource ${resource}. ${explanation.summary}`,
    );
  }

  /** The same denial, as the reason a workflow stopped at one of its steps. */
  inWorkflow(workflow: string, step: string): AccessDeniedError {
    return new AccessDeniedError(this.principalArn, this.action, this.resource, this.explanation, { workflow, step });
  }
}

export function isIamError(error: unknown): error is IamError {
  return error instanceof IamError;
}

/** The plain shape an error takes when it crosses from a server action to the browser. */
export interface IamErrorView {
  readonly code: IamErrorCode;
  readonly message: string;
  readonly accessDenied?: {
    readonly action: string;
    readonly resource: string;
    readonly summary: string;
    readonly decidedBy: Explanation["decidedBy"];
    readonly stoppedWorkflow?: StoppedWorkflow;
    /** The denial hangs on MFA: signing in again with a code is the fix (mfaDenial.ts). */
    readonly needsMfa?: true;
  };
}

export function toErrorView(error: IamError): IamErrorView {
  if (error instanceof AccessDeniedError) {
    return {
      code: error.code,
      message: error.message,
      accessDenied: {
        action: error.action,
        resource: error.resource,
        summary: error.explanation.summary,
        decidedBy: error.explanation.decidedBy,
        ...(error.stoppedWorkflow ? { stoppedWorkflow: error.stoppedWorkflow } : {}),
        ...(needsMfaSession(error.explanation) ? { needsMfa: true as const } : {}),
      },
    };
  }
  return { code: error.code, message: error.message };
}

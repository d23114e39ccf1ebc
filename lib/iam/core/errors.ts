// Errors are values a person can act on, named with AWS IAM's error codes. Operations throw them;
// pages and the Query API turn them into a panel or an AWS-shaped error response.

import { POLICY_TYPE_NAMES, type Explanation } from "@/lib/policy";
import { needsMfaSession } from "./mfaDenial";
import { REVOKE_SESSIONS_POLICY_NAME } from "./rules";

export type IamErrorCode =
  | "NoSuchEntity"
  | "EntityAlreadyExists"
  | "LimitExceeded"
  | "MalformedPolicyDocument"
  | "DeleteConflict"
  | "ValidationError"
  | "InvalidInput"
  /** The operation is for IAM users only (ChangePassword by the root user). */
  | "InvalidUserType"
  | "PasswordPolicyViolation"
  | "EntityTemporarilyUnmodifiable"
  /** STS: the session policies are over their size limit (AssumeRole). */
  | "PackedPolicyTooLarge"
  /** MFA codes that do not match the device (EnableMFADevice, ResyncMFADevice, AssumeRole). */
  | "InvalidAuthenticationCode"
  /** Portcullis: the entity changed since the editor loaded it (CreatePolicyVersion's ExpectedDefaultVersionId). */
  | "ConcurrentModification"
  /** GetCredentialReport: no report was generated (410). */
  | "ReportNotPresent"
  /** GetCredentialReport: the latest report is over 4 hours old (410). */
  | "ReportExpired"
  /** GetCredentialReport: the report is still being generated (404). */
  | "ReportInProgress"
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
    /** Who was refused: a user, the root user, or a role session's ARN. */
    readonly principal: string;
    readonly action: string;
    readonly resource: string;
    readonly summary: string;
    /**
     * Allow statements that would have granted the request but for one unmet condition (a trust
     * policy's MFA requirement, an external ID): what a person needs to see to know what to change.
     */
    readonly unmetConditions?: readonly UnmetCondition[];
    readonly decidedBy: Explanation["decidedBy"];
    readonly stoppedWorkflow?: StoppedWorkflow;
    /** The denial hangs on MFA: signing in again with a code is the fix (mfaDenial.ts). */
    readonly needsMfa?: true;
    /** A role session refused by its role's AWSRevokeOlderSessions: a new session is the fix. */
    readonly sessionRevoked?: true;
  };
}

export interface UnmetCondition {
  readonly statement: string;
  readonly policy: string;
  /** "trust policy", "identity-based policy", …: what the person knows the policy as. */
  readonly policyKind: string;
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
  /** The request's value, or null when the request did not carry the key. */
  readonly requestValue: string | readonly string[] | null;
}

/** A few are enough to show what stood in the way; a long list would hide it. */
const MAX_UNMET_CONDITIONS = 5;

function unmetConditions(error: AccessDeniedError): UnmetCondition[] {
  const trust = error.action.toLowerCase().startsWith("sts:") && /:role\//.test(error.resource);
  return error.explanation.statements
    .filter((t) => t.effect === "Allow" && t.failed === "Condition" && t.condition !== undefined)
    .slice(0, MAX_UNMET_CONDITIONS)
    .map((t) => ({
      statement: t.statement,
      policy: t.policy,
      policyKind: t.policyType === "resource" && trust ? "trust policy" : POLICY_TYPE_NAMES[t.policyType],
      operator: t.condition!.operator,
      key: t.condition!.key,
      values: t.condition!.values,
      requestValue: t.condition!.requestValue,
    }));
}

export function toErrorView(error: IamError): IamErrorView {
  if (error instanceof AccessDeniedError) {
    const unmet = unmetConditions(error);
    return {
      code: error.code,
      message: error.message,
      accessDenied: {
        principal: error.principalArn,
        ...(unmet.length > 0 ? { unmetConditions: unmet } : {}),
        action: error.action,
        resource: error.resource,
        summary: error.explanation.summary,
        decidedBy: error.explanation.decidedBy,
        ...(error.stoppedWorkflow ? { stoppedWorkflow: error.stoppedWorkflow } : {}),
        ...(needsMfaSession(error.explanation) ? { needsMfa: true as const } : {}),
        ...(error.explanation.decidedBy.some((ref) => ref.effect === "Deny" && ref.policy.startsWith(`${REVOKE_SESSIONS_POLICY_NAME} `)) ? { sessionRevoked: true as const } : {}),
      },
    };
  }
  return { code: error.code, message: error.message };
}

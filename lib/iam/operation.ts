// The operation registry's mechanism: every read or write of IAM data is a named operation that
// mirrors an AWS IAM API (CreateUser, ListUsers, …). execute() is the only way to run one:
//   1. validate the input (zod) — a clear error, nothing written;
//   2. build the request context and ask the policy engine;
//   3. run the operation in one database transaction;
//   4. append the audit event (Allowed, Denied or Failed) with the change it records.
// A denial is audited and then thrown as AccessDenied with the engine's explanation.

import type { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import { db, type Tx } from "@/lib/db/client";
import { appendAuditEvent, type AuditResult } from "@/lib/db/audit";
import type { CompiledPolicy, ContextValue } from "@/lib/policy";
import { authorize } from "./authorize";
import { AccessDeniedError, IamError, isIamError } from "./errors";

export interface OperationSpec<I, O> {
  /** The AWS API name: CreateUser. */
  readonly name: string;
  /** The IAM action the engine is asked about: iam:CreateUser. */
  readonly action: string;
  /** Get/List operations: audited as read-only events. */
  readonly readOnly?: boolean;
  readonly input: z.ZodType<I>;
  /**
   * The ARN of the resource the request acts on (AWS's resource type for this action). It may read the
   * database: an existing user's ARN includes its path, which the request (a bare UserName) does not carry.
   */
  readonly resource: (input: I, caller: Caller, tx: Tx) => string | Promise<string>;
  /** Action-specific condition keys: aws:RequestTag/*, aws:TagKeys, aws:ResourceTag/*, iam:PolicyARN, … */
  readonly context?: (tx: Tx, input: I, caller: Caller) => Promise<Record<string, ContextValue>> | Record<string, ContextValue>;
  /**
   * Permissions an account setting grants on top of the caller's own policies (the password policy's
   * AllowUsersToChangePassword). They join the caller's identity-based policies, so the engine weighs
   * them like any other: an explicit Deny still wins, a boundary still limits, and the decision is
   * explained and audited as usual.
   */
  readonly accountGrants?: (tx: Tx, caller: Caller) => Promise<readonly CompiledPolicy[]>;
  readonly run: (tx: Tx, input: I, caller: Caller) => Promise<O>;
}

export type Operation<I = unknown, O = unknown> = OperationSpec<I, O> & { readonly kind: "operation" };

export function operation<I, O>(spec: OperationSpec<I, O>): Operation<I, O> {
  return { ...spec, kind: "operation" };
}

/** zod's first issue as a sentence: `UserName: must be 1-64 characters …`. */
function validationMessage(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

interface AuditTarget {
  readonly action: string;
  readonly readOnly?: boolean;
}

function audit(tx: Tx, caller: Caller, op: AuditTarget, resource: string, result: AuditResult, error?: IamError) {
  return appendAuditEvent(tx, {
    accountId: caller.accountId,
    principalArn: caller.arn,
    action: op.action,
    resource,
    result,
    readOnly: op.readOnly,
    errorCode: error?.code,
    errorMessage: error?.message,
    sourceIp: caller.sourceIp,
    userAgent: caller.userAgent,
  });
}

type Outcome<O> = { readonly output: O } | { readonly denied: AccessDeniedError };

export async function execute<I, O>(op: Operation<I, O>, rawInput: unknown, caller: Caller): Promise<O> {
  const parsed = op.input.safeParse(rawInput);
  if (!parsed.success) {
    const error = new IamError("ValidationError", validationMessage(parsed.error));
    await audit(db, caller, op, "*", "Failed", error);
    throw error;
  }
  const input = parsed.data;
  // "*" until the resource is known, so a failure while looking it up is still audited.
  let resource = "*";
  let outcome: Outcome<O>;
  try {
    outcome = await db.$transaction(async (tx): Promise<Outcome<O>> => {
      resource = await op.resource(input, caller, tx);
      const context = op.context ? await op.context(tx, input, caller) : {};
      const grants = op.accountGrants ? await op.accountGrants(tx, caller) : [];
      const decision = await authorize(tx, caller, op.action, resource, context, grants);
      if (decision.decision !== "Allow") {
        // Committed with nothing but its audit event: the denial stays in the log.
        const denied = new AccessDeniedError(caller.arn, op.action, resource, decision.explanation!);
        await audit(tx, caller, op, resource, "Denied", denied);
        return { denied };
      }
      const output = await op.run(tx, input, caller);
      await audit(tx, caller, op, resource, "Allowed");
      return { output };
    });
  } catch (error) {
    // The change rolled back; record that it was allowed but refused, then let the caller know.
    if (isIamError(error)) await audit(db, caller, op, resource, "Failed", error);
    throw error;
  }
  if ("denied" in outcome) throw outcome.denied;
  return outcome.output;
}

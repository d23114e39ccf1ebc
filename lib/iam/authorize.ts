// Asking the policy engine whether a caller may perform an action on a resource, with the full
// request context of DESIGN.md. The root user is decided by the engine too (it allows the account's
// root everything in its own account), so every decision has the same shape and explanation.

import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import { evaluate, type CompiledPolicy, type ContextValue, type EvaluationResult, type PolicySet } from "@/lib/policy";
import { AccessDeniedError } from "./errors";
import { loadUserPolicySet } from "./policySet";

const NO_POLICIES: PolicySet = { identity: [] };

/** The facts about a principal that its policies can test, whether it is the caller or a simulated user. */
export type PrincipalFacts = Pick<Caller, "kind" | "accountId" | "arn" | "userId" | "userName">;

/** Condition keys that say who the principal is: aws:PrincipalArn, aws:username, aws:PrincipalTag/*, … */
export function principalContext(principal: PrincipalFacts, principalTags: Record<string, string>): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = { "aws:PrincipalArn": principal.arn };
  if (principal.accountId) context["aws:PrincipalAccount"] = principal.accountId;
  if (principal.kind === "root") {
    context["aws:PrincipalType"] = "Account";
    context["aws:userid"] = principal.accountId!;
  } else if (principal.kind === "user") {
    context["aws:PrincipalType"] = "User";
    context["aws:userid"] = principal.userId!;
    context["aws:username"] = principal.userName!;
  }
  for (const [key, value] of Object.entries(principalTags)) context[`aws:PrincipalTag/${key}`] = value;
  return context;
}

/** Global condition keys from the caller and the moment of the request. */
export function callerContext(caller: Caller, principalTags: Record<string, string>, now = new Date()): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    "aws:CurrentTime": now.toISOString(),
    "aws:EpochTime": String(Math.floor(now.getTime() / 1000)),
    "aws:MultiFactorAuthPresent": caller.mfaAuthenticated ? "true" : "false",
    "aws:SecureTransport": caller.secureTransport ? "true" : "false",
    "aws:ViaAWSService": "false",
    ...principalContext(caller, principalTags),
  };
  if (caller.mfaAuthenticated && caller.authTime) {
    context["aws:MultiFactorAuthAge"] = String(Math.max(0, Math.floor((now.getTime() - caller.authTime.getTime()) / 1000)));
  }
  if (caller.sourceIp) context["aws:SourceIp"] = caller.sourceIp;
  if (caller.userAgent) context["aws:UserAgent"] = caller.userAgent;
  return context;
}

export async function authorize(
  tx: Tx,
  caller: Caller,
  action: string,
  resource: string,
  requestContext: Record<string, ContextValue> = {},
  /** Identity-based policies an account setting adds for this request (see OperationSpec.accountGrants). */
  accountGrants: readonly CompiledPolicy[] = [],
): Promise<EvaluationResult> {
  let set = NO_POLICIES;
  let tags: Record<string, string> = {};
  if (caller.kind === "user") {
    const loaded = await loadUserPolicySet(tx, caller.userId!);
    // A user deleted since signing in has no policies left: everything is implicitly denied.
    if (loaded) {
      ({ set, tags } = loaded);
      if (accountGrants.length > 0) set = { ...set, identity: [...set.identity, ...accountGrants] };
    }
  }
  return evaluate(
    {
      principal: caller.arn,
      action,
      resource,
      // Every IAM resource an operation names lives in the caller's account, AWS managed policies
      // (arn:aws:iam::aws:policy/…) included: they are readable from every account.
      resourceAccount: caller.accountId,
      context: { ...callerContext(caller, tags), ...requestContext },
    },
    set,
  );
}

/**
 * For operations that act on a second resource too — renaming a user or group needs the action on
 * the new ARN as well as the old one, as in AWS — a denial there aborts the operation.
 */
export async function requireAllowed(tx: Tx, caller: Caller, action: string, resource: string): Promise<void> {
  const result = await authorize(tx, caller, action, resource);
  if (result.decision !== "Allow") throw new AccessDeniedError(caller.arn, action, resource, result.explanation!);
}

// Asking the policy engine whether a caller may perform an action on a resource, with the full
// request context of DESIGN.md. The root user is decided by the engine too (it allows the account's
// root everything in its own account, short of an explicit Deny), so every decision has the same
// shape and explanation. Only operation.ts calls this (operations declare what they need decided),
// and GetCallerPermissions, which asks the same questions on the caller's behalf without acting.

import "server-only";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import { evaluate, type CompiledPolicy, type ContextValue, type EvaluationResult, type PolicySet } from "@/lib/policy";
import { credentialRestrictions } from "./credentialRestrictions";
import { loadRoleSessionPolicySet, loadUserPolicySet, type UserPolicySet } from "./policySet";

/** One decision an operation needs: an action on a resource, with the action's own condition keys. */
export interface Authorization {
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, ContextValue>>;
  /** The resource's own policy, when it has one: a role's trust policy for sts:AssumeRole. */
  readonly resourcePolicy?: CompiledPolicy;
  /** The account that owns the resource, when it is not the caller's (assuming a role in another account). */
  readonly resourceAccount?: string;
}

/** The facts about a principal that its policies can test, whether it is the caller or a simulated user. */
export type PrincipalFacts = Pick<Caller, "kind" | "accountId" | "arn" | "userId" | "userName" | "roleSession">;

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
  } else if (principal.kind === "assumed-role" && principal.roleSession) {
    // A role session is known by its role (aws:PrincipalArn), and has no aws:username.
    const session = principal.roleSession;
    context["aws:PrincipalArn"] = session.roleArn;
    context["aws:PrincipalType"] = "AssumedRole";
    context["aws:userid"] = `${session.roleId}:${session.sessionName}`;
    if (session.sourceIdentity) context["aws:SourceIdentity"] = session.sourceIdentity;
  }
  for (const [key, value] of Object.entries(principalTags)) context[`aws:PrincipalTag/${key}`] = value;
  return context;
}

/** Global condition keys from the caller and the moment of the request. */
export function callerContext(caller: Caller, principalTags: Record<string, string>, now = new Date()): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    "aws:CurrentTime": now.toISOString(),
    "aws:EpochTime": String(Math.floor(now.getTime() / 1000)),
    // Absent, not "false", for long-term access keys, as AWS documents: only sessions know about MFA.
    ...(caller.credentialKind === "long-term-key" ? {} : { "aws:MultiFactorAuthPresent": caller.mfaAuthenticated ? "true" : "false" }),
    "aws:SecureTransport": caller.secureTransport ? "true" : "false",
    "aws:ViaAWSService": "false",
    ...principalContext(caller, principalTags),
  };
  // Both count from the original sign-in (the session's authTime), which refreshing never moves.
  if (caller.authTime) context["aws:TokenIssueTime"] = caller.authTime.toISOString();
  if (caller.mfaAuthenticated && caller.authTime) {
    context["aws:MultiFactorAuthAge"] = String(Math.max(0, Math.floor((now.getTime() - caller.authTime.getTime()) / 1000)));
  }
  if (caller.sourceIp) context["aws:SourceIp"] = caller.sourceIp;
  if (caller.userAgent) context["aws:UserAgent"] = caller.userAgent;
  return context;
}

const NO_POLICIES: UserPolicySet = { set: { identity: [] }, tags: {} };

/**
 * The caller's own policy set and tags, loaded once per request when the caller carries a request
 * scope. A user deleted since signing in has no policies left: everything is implicitly denied.
 */
export function callerPolicySet(tx: Tx, caller: Caller): Promise<UserPolicySet> {
  // What the caller's credentials may never call (temporary credentials) joins its own policies.
  const restrictions = credentialRestrictions(caller);
  const restricted = (loaded: UserPolicySet): UserPolicySet => (restrictions.length > 0 ? { ...loaded, set: { ...loaded.set, identity: [...loaded.set.identity, ...restrictions] } } : loaded);
  const key = caller.kind === "user" ? caller.userId : caller.kind === "assumed-role" ? caller.roleSession?.accessKeyId : undefined;
  if (!key) return Promise.resolve(restricted(NO_POLICIES));
  const load = async () => {
    if (caller.scope) caller.scope.counts.policySetLoads++;
    const loaded = caller.kind === "user" ? await loadUserPolicySet(tx, key) : await loadRoleSessionPolicySet(tx, key);
    return restricted(loaded ?? NO_POLICIES);
  };
  // The scope is one request's, so one caller's credentials: the key need not name them.
  return caller.scope ? caller.scope.remember(`policySet:${key}`, load) : load();
}

export async function authorize(
  tx: Tx,
  caller: Caller,
  authorization: Authorization,
  /** Identity-based policies Portcullis adds for this request (see OperationSpec.builtInPolicies). */
  builtInPolicies: readonly CompiledPolicy[] = [],
  loaded?: UserPolicySet,
): Promise<EvaluationResult> {
  const { set: own, tags } = loaded ?? (await callerPolicySet(tx, caller));
  let set: PolicySet = builtInPolicies.length > 0 ? { ...own, identity: [...own.identity, ...builtInPolicies] } : own;
  if (authorization.resourcePolicy) set = { ...set, resource: authorization.resourcePolicy };
  return evaluate(
    {
      principal: caller.arn,
      action: authorization.action,
      resource: authorization.resource,
      // Every IAM resource an operation names lives in the caller's account, AWS managed policies
      // (arn:aws:iam::aws:policy/…) included: they are readable from every account. A role in
      // another account is the one exception, and its operation says so.
      resourceAccount: authorization.resourceAccount ?? caller.accountId,
      context: { ...callerContext(caller, tags), ...authorization.context },
    },
    set,
  );
}

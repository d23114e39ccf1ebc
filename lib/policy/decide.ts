// The decision, following the IAM User Guide's "Policy evaluation logic":
// 1. an explicit Deny in any applicable policy wins;
// 2. every service control policy level must allow, and so must every resource control policy
//    level when RCPs govern the action's service;
// 3. in the same account, a resource-based policy that names the caller itself (or "*") allows on
//    its own, past a permissions boundary's or session policy's implicit deny; one that names the
//    caller's role allows but stays subject to them; one that names the account only delegates to
//    identity-based policies;
// 4. otherwise an identity-based policy must allow, and so must the permissions boundary and the
//    session policy when present;
// 5. across accounts, both the caller's identity side and the resource policy must allow;
// 6. the account root user has full access to its own account, short of explicit denies and SCPs;
// 7. a role's trust policy must allow the caller itself, even in the same account (decideTrust).

import { candidatesFor, type ActionCandidates, type Candidate, type PolicySet } from "./candidates";
import { Grant } from "./principal";
import type { PreparedRequest } from "./request";
import { failedCondition, type CompiledStatement } from "./statement";
import type { Decision } from "./types";

/** Why the decision came out as it did; explain.ts turns it into sentences. */
export type DecisionReason =
  | { readonly code: "explicit-deny"; readonly by: Candidate }
  | { readonly code: "scp-implicit-deny"; readonly level: number }
  | { readonly code: "rcp-implicit-deny"; readonly level: number }
  | { readonly code: "trust-policy-no-allow" }
  | { readonly code: "trust-account-no-identity-allow" }
  | { readonly code: "root-cannot-assume-role" }
  | { readonly code: "federated-user-cannot-assume-role" }
  | { readonly code: "no-allow" }
  | { readonly code: "boundary-implicit-deny" }
  | { readonly code: "session-implicit-deny" }
  | { readonly code: "cross-account-no-identity-allow" }
  | { readonly code: "cross-account-no-resource-allow" }
  | { readonly code: "allow"; readonly by: Candidate }
  | { readonly code: "account-root" };

/** How a resource-policy statement's Principal/NotPrincipal names the caller. */
export function principalGrant(statement: CompiledStatement, req: PreparedRequest): Grant {
  if (!statement.namesPrincipal) return Grant.Direct;
  // AWS: a NotPrincipal Deny in a resource policy always denies a principal that has a
  // permissions boundary, whatever NotPrincipal names ("Permissions boundaries for IAM entities").
  if (statement.notPrincipal && statement.effect === "Deny" && req.hasBoundary) return Grant.Direct;
  return statement.grantFor(req.caller);
}

/**
 * How strongly a candidate statement applies to the request: Grant.None when it does not apply;
 * for identity-side policies any application is Grant.Direct.
 */
function applies(candidate: Candidate, req: PreparedRequest): Grant {
  const { statement } = candidate;
  if (candidate.type === "rcp" && req.rcpExempt) return Grant.None;
  let grant: Grant = Grant.Direct;
  if (candidate.type === "resource" || candidate.type === "rcp") {
    grant = principalGrant(statement, req);
    if (grant === Grant.None) return Grant.None;
  }
  if (!statement.matchesResource(req.request.resource, req.lookup)) return Grant.None;
  if (failedCondition(statement, req.lookup) >= 0) return Grant.None;
  return grant;
}

function firstApplying(candidates: readonly Candidate[], req: PreparedRequest): Candidate | undefined {
  for (const c of candidates) if (applies(c, req) !== Grant.None) return c;
  return undefined;
}

type Outcome = { decision: Decision; reason: DecisionReason };

// Top-level rather than closures inside decide(): decide() runs millions of times a second, and
// a closure per call (plus the name-keeping wrapper some TypeScript runners add) halves that.
function allow(by: Candidate): Outcome {
  return { decision: "Allow", reason: { code: "allow", by } };
}

function implicitDeny(reason: DecisionReason): Outcome {
  return { decision: "ImplicitDeny", reason };
}

export function decide(req: PreparedRequest, set: PolicySet): Outcome {
  const candidates = candidatesFor(set, req.lowerAction);

  const deny = firstApplying(candidates.denies, req);
  if (deny) return { decision: "ExplicitDeny", reason: { code: "explicit-deny", by: deny } };

  for (let level = 0; level < candidates.scpAllows.length; level++) {
    if (!firstApplying(candidates.scpAllows[level]!, req)) {
      return { decision: "ImplicitDeny", reason: { code: "scp-implicit-deny", level } };
    }
  }

  for (let level = 0; !req.rcpExempt && level < candidates.rcpAllows.length; level++) {
    if (!firstApplying(candidates.rcpAllows[level]!, req)) {
      return { decision: "ImplicitDeny", reason: { code: "rcp-implicit-deny", level } };
    }
  }

  let resourceGrant: Grant = Grant.None;
  let resourceAllow: Candidate | undefined;
  for (const c of candidates.resourceAllows) {
    const grant = applies(c, req);
    if (grant > resourceGrant) {
      resourceGrant = grant;
      resourceAllow = c;
    }
  }

  if (req.trust) return decideTrust(req, set, candidates, resourceGrant, resourceAllow);

  const callerAccount = req.caller.account;
  // A service or anonymous caller has no identity-based policies: only a resource policy can grant.
  if (callerAccount === undefined) {
    return resourceGrant === Grant.Direct ? allow(resourceAllow!) : implicitDeny({ code: "no-allow" });
  }
  const sameAccount = callerAccount === req.resourceAccount;
  // "All requests are implicitly denied with the exception of the AWS account root user, which has
  // full access" — to its own account; explicit denies and SCPs above still apply.
  if (sameAccount && req.caller.isAccountRoot) return { decision: "Allow", reason: { code: "account-root" } };
  if (sameAccount && resourceGrant === Grant.Direct) return allow(resourceAllow!);

  const identityAllow = firstApplying(candidates.identityAllows, req);
  let granted: Candidate | undefined;
  if (sameAccount) {
    granted = identityAllow ?? (resourceGrant === Grant.Role ? resourceAllow : undefined);
    if (!granted) return implicitDeny({ code: "no-allow" });
  } else {
    if (!identityAllow) return implicitDeny({ code: "cross-account-no-identity-allow" });
    if (resourceGrant === Grant.None) return implicitDeny({ code: "cross-account-no-resource-allow" });
    granted = identityAllow;
  }
  return limitedByBoundaryAndSession(req, set, candidates) ?? allow(granted);
}

/** The implicit deny of a permissions boundary or session policy that does not allow, if any. */
function limitedByBoundaryAndSession(req: PreparedRequest, set: PolicySet, candidates: ActionCandidates): Outcome | undefined {
  if (set.boundary && !firstApplying(candidates.boundaryAllows, req)) {
    return implicitDeny({ code: "boundary-implicit-deny" });
  }
  // A federated user session always has a session policy: without one it has no permissions.
  if ((set.session || req.caller.isFederatedUser) && !firstApplying(candidates.sessionAllows, req)) {
    return implicitDeny({ code: "session-implicit-deny" });
  }
  return undefined;
}

/**
 * A trust action on a role, after explicit denies and the organization's levels. The trust policy
 * must allow the caller, even in the same account ("IAM role trust policies and KMS key policies
 * are exceptions to this logic, because they must explicitly allow access for principals"):
 * - naming the caller (its user or session ARN) or the caller's role lets it in on its own in the
 *   same account; naming the account only delegates to the caller's identity-based policies;
 * - across accounts the caller's identity-based policies must allow too;
 * - the caller's permissions boundary and session policy still apply, even to a user the trust
 *   policy names ("If a permissions boundary is set for the user, then it must allow the
 *   sts:AssumeRole action"), except to a session named by its own ARN;
 * - the account root user and federated user sessions cannot assume roles at all.
 */
function decideTrust(
  req: PreparedRequest,
  set: PolicySet,
  candidates: ActionCandidates,
  trustGrant: Grant,
  trustAllow: Candidate | undefined,
): Outcome {
  if (req.caller.isAccountRoot) return implicitDeny({ code: "root-cannot-assume-role" });
  // GetFederationToken credentials "Cannot call AWS STS operations except GetCallerIdentity".
  if (req.caller.isFederatedUser) return implicitDeny({ code: "federated-user-cannot-assume-role" });
  if (trustGrant === Grant.None) return implicitDeny({ code: "trust-policy-no-allow" });
  const callerAccount = req.caller.account;
  // A service or an identity provider has no identity-based policies: the trust policy decides.
  if (callerAccount === undefined) return trustGrant === Grant.Direct ? allow(trustAllow!) : implicitDeny({ code: "trust-policy-no-allow" });
  const sameAccount = callerAccount === req.resourceAccount;
  let granted = trustAllow!;
  if (!sameAccount || trustGrant === Grant.Account) {
    const identityAllow = firstApplying(candidates.identityAllows, req);
    if (!identityAllow) {
      return implicitDeny({ code: sameAccount ? "trust-account-no-identity-allow" : "cross-account-no-identity-allow" });
    }
    granted = identityAllow;
  }
  // "Permissions granted directly to a session are not limited by an implicit deny in an
  // identity-based policy, a permissions boundary, or session policy": a trust policy naming the
  // calling session's own ARN is such a grant. Naming a user is not: the trust policy page says the
  // user's boundary "must allow the sts:AssumeRole action".
  if (trustGrant === Grant.Direct && sameAccount && req.caller.isSession) return allow(granted);
  return limitedByBoundaryAndSession(req, set, candidates) ?? allow(granted);
}

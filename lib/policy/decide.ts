// The decision, following the IAM User Guide's "Policy evaluation logic":
// 1. an explicit Deny in any applicable policy wins;
// 2. every service control policy level must allow;
// 3. in the same account, a resource-based policy that names the caller itself (or "*") allows on
//    its own, past a permissions boundary's or session policy's implicit deny; one that names the
//    caller's role allows but stays subject to them; one that names the account only delegates to
//    identity-based policies;
// 4. otherwise an identity-based policy must allow, and so must the permissions boundary and the
//    session policy when present;
// 5. across accounts, both the caller's identity side and the resource policy must allow;
// 6. the account root user has full access to its own account, short of explicit denies and SCPs.

import { candidatesFor, type Candidate, type PolicySet } from "./candidates";
import { Grant } from "./principal";
import type { PreparedRequest } from "./request";
import { failedCondition, type CompiledStatement } from "./statement";
import type { Decision } from "./types";

/** Why the decision came out as it did; explain.ts turns it into sentences. */
export type DecisionReason =
  | { readonly code: "explicit-deny"; readonly by: Candidate }
  | { readonly code: "scp-implicit-deny"; readonly level: number }
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
  let grant: Grant = Grant.Direct;
  if (candidate.type === "resource") {
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

  let resourceGrant: Grant = Grant.None;
  let resourceAllow: Candidate | undefined;
  for (const c of candidates.resourceAllows) {
    const grant = applies(c, req);
    if (grant > resourceGrant) {
      resourceGrant = grant;
      resourceAllow = c;
    }
  }

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
  if (set.boundary && !firstApplying(candidates.boundaryAllows, req)) {
    return implicitDeny({ code: "boundary-implicit-deny" });
  }
  // A federated user session always has a session policy: without one it has no permissions.
  if ((set.session || req.caller.isFederatedUser) && !firstApplying(candidates.sessionAllows, req)) {
    return implicitDeny({ code: "session-implicit-deny" });
  }
  return allow(granted);
}

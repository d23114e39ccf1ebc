// AWS's AccessDenied message, built from the engine's explanation. AWS's form (IAM User Guide,
// "Troubleshoot access denied error messages") is
//   User: <principal> is not authorized to perform: <action> on resource: <resource> because no <type> allows the <action> action
// for an implicit denial, and `… with an explicit deny in <a type>` for an explicit one. It names
// one policy type, never the policy or statement: the full explanation stays with the audit event
// and the door's explanation header, where the account's own administrators can read it.

import type { DecidingExplanation, PolicyType } from "@/lib/policy";

/** Each policy type with its article, as AWS's messages word it. */
const POLICY_TYPE_PHRASES: Record<PolicyType, string> = {
  identity: "an identity-based policy",
  boundary: "a permissions boundary",
  session: "a session policy",
  resource: "a resource-based policy",
  scp: "a service control policy",
  rcp: "a resource control policy",
};

/** The policy type named after "because no …" for each implicit denial the engine reports. */
const IMPLICIT_DENY_TYPES: Partial<Record<DecidingExplanation["reason"], PolicyType>> = {
  "no-allow": "identity",
  "boundary-implicit-deny": "boundary",
  "session-implicit-deny": "session",
  "scp-implicit-deny": "scp",
  "rcp-implicit-deny": "rcp",
  // Across accounts both sides must allow: name the side that did not.
  "cross-account-no-identity-allow": "identity",
  "cross-account-no-resource-allow": "resource",
  // A role's trust policy is its resource-based policy; the caller's own account must allow too.
  "trust-policy-no-allow": "resource",
  "trust-account-no-identity-allow": "identity",
};

/** What AWS words differently from the general form. */
const FIXED_MESSAGES: Partial<Record<DecidingExplanation["reason"], string>> = {
  // STS's own wording for AssumeRole by the root user.
  "root-cannot-assume-role": "Roles may not be assumed by root accounts.",
};

export interface DeniedRequest {
  /** The caller's ARN: a user, the root user, or a role session (`arn:aws:sts::…:assumed-role/…`). */
  readonly principalArn: string;
  /** `iam:CreateUser`. */
  readonly action: string;
  /** The resource's ARN, or `*`. */
  readonly resource: string;
  readonly explanation: DecidingExplanation;
}

/** AWS's message for a denied request. AWS says "User:" for every kind of principal, roles included. */
export function accessDeniedMessage({ principalArn, action, resource, explanation }: DeniedRequest): string {
  const { reason } = explanation;
  if (reason === "allow" || reason === "account-root") throw new TypeError(`accessDeniedMessage: the request was allowed (${reason})`);
  const fixed = FIXED_MESSAGES[reason];
  if (fixed) return fixed;
  const base = `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource}`;
  if (reason === "explicit-deny") {
    const by = explanation.decidedBy[0];
    // The engine always names the denying statement; an explanation without one is still a deny.
    return by ? `${base} with an explicit deny in ${POLICY_TYPE_PHRASES[by.policyType]}` : `${base} with an explicit deny`;
  }
  const type = IMPLICIT_DENY_TYPES[reason];
  if (type === undefined) return base;
  // "a permissions boundary" → "no permissions boundary": drop the article.
  const noun = POLICY_TYPE_PHRASES[type].replace(/^an? /, "");
  return `${base} because no ${noun} allows the ${action} action`;
}

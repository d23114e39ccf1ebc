// Role trust policies. A role's trust policy is the role's resource-based policy for the STS actions
// that take the role on or shape the session: AssumeRole and its SAML / web identity forms, and the
// session tags, source identity and context passed with them. It is the documented exception to
// the same-account rule that either side may grant: "IAM role trust policies and KMS key policies
// are exceptions to this logic, because they must explicitly allow access for principals."

import { parseIamArn } from "./arn";

/** The actions a trust policy decides, in lower case (action names match case-insensitively). */
export const TRUST_ACTIONS: ReadonlySet<string> = new Set([
  "sts:assumerole",
  "sts:assumerolewithsaml",
  "sts:assumerolewithwebidentity",
  "sts:tagsession",
  "sts:setsourceidentity",
  "sts:setcontext",
]);

/** Whether the request is decided by the role's trust policy: a trust action on a role. */
export function isTrustRequest(lowerAction: string, resource: string): boolean {
  // Most requests are not STS calls: answer those without a set lookup or ARN parsing.
  if (!lowerAction.startsWith("sts:") || !TRUST_ACTIONS.has(lowerAction)) return false;
  return parseIamArn(resource)?.type === "role";
}

// Whether a denial hangs on MFA: the fix is then to sign in again with a code, not to ask an
// administrator. That is so when every deciding Deny tests aws:MultiFactorAuthPresent or
// aws:MultiFactorAuthAge (ForceMFA-ManageOwnCredentials' DenyAllExceptListedIfNoMFA), or, with no
// Deny, when an Allow that names the request fails only for want of MFA at its first unmet condition.

import type { Explanation } from "@/lib/policy";

const MFA_KEYS = new Set(["aws:multifactorauthpresent", "aws:multifactorauthage"]);

/** Condition key names are case-insensitive. */
export const isMfaKey = (key: string): boolean => MFA_KEYS.has(key.toLowerCase());

export function needsMfaSession(explanation: Explanation): boolean {
  if (explanation.reason === "explicit-deny") {
    return explanation.decidedBy.length > 0 && explanation.decidedBy.every((ref) => ref.conditionKeys?.some(isMfaKey) ?? false);
  }
  return explanation.statements.some((t) => t.effect === "Allow" && t.failed === "Condition" && t.condition !== undefined && isMfaKey(t.condition.key));
}

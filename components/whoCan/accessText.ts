// How an access decision and its conditions read in the console, in IAM's words.

import type { AccessDecision, ConditionView } from "@/lib/iam/policies/accessVerdict";

export const DECISION_LABELS: Record<AccessDecision, string> = {
  allowed: "Allowed",
  allowedWhen: "Allowed only when",
  limitedByBoundary: "Limited by boundary",
  explicitDeny: "Denied by a statement",
};

/** The who-can page's sections, one per decision, with the filter's link text. */
export const DECISION_SECTIONS: readonly { id: AccessDecision; label: string }[] = [
  { id: "allowed", label: "Allowed" },
  { id: "allowedWhen", label: "Allowed only when" },
  { id: "limitedByBoundary", label: "Limited by boundary" },
  { id: "explicitDeny", label: "Denied" },
];

/** `Bool aws:MultiFactorAuthPresent = true`: a condition as one line. */
export function conditionText(condition: ConditionView): string {
  return `${condition.Operator} ${condition.Key} ${condition.Values.length === 1 ? `= ${condition.Values[0]}` : `in [${condition.Values.join(", ")}]`}`;
}

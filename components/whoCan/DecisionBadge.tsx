import type { AccessDecision } from "@/lib/iam/policies/accessVerdict";
import { DECISION_LABELS } from "./accessText";

const STYLES: Record<AccessDecision, string> = {
  allowed: "bg-green-100 text-green-900",
  allowedWhen: "bg-amber-100 text-amber-900",
  limitedByBoundary: "bg-violet-100 text-violet-900",
  explicitDeny: "bg-red-100 text-red-900",
};

/** The engine's decision for a principal, as a labelled badge (the text carries it, not the colour). */
export function DecisionBadge({ decision }: { decision: AccessDecision }) {
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLES[decision]}`} data-testid="access-decision">
      {DECISION_LABELS[decision]}
    </span>
  );
}

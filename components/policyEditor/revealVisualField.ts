// Taking the user to a finding in the visual editor: scroll its statement card's field into view and
// put the focus on the field's control (the chosen radio button, the first input or button), so the
// fix can be typed at once. Cards and fields carry data-statement-index / data-policy-field for this.

import type { VisualFindingTarget } from "./visualFindingTarget";

const FOCUSABLE = 'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled), button:not(:disabled), summary, [tabindex]:not([tabindex="-1"])';

/** Focuses the target's field; false when the visual editor has no card for it (the caller shows the JSON instead). */
export function revealVisualField(root: HTMLElement | null, target: VisualFindingTarget): boolean {
  if (!root || target.statementIndex === undefined) return false;
  const card = root.querySelector<HTMLElement>(`[data-statement-index="${target.statementIndex}"]`);
  if (!card) return false;
  const field = (target.field ? card.querySelector<HTMLElement>(`[data-policy-field="${target.field}"]`) : null) ?? card;
  const control = field.querySelector<HTMLElement>("input:checked") ?? field.querySelector<HTMLElement>(FOCUSABLE) ?? card;
  field.scrollIntoView({ block: "center" });
  control.focus({ preventScroll: true });
  return true;
}

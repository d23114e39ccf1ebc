// Evaluating a request against a policy set: prepare the request once, decide (decide.ts), then
// explain the decision unless the caller only wants the decision.

import type { PolicySet } from "./candidates";
import { decide, type DecisionReason } from "./decide";
import { explain, type Explanation } from "./explain";
import { prepareRequest } from "./request";
import type { AuthorizationRequest, Decision } from "./types";

export interface EvaluationResult {
  readonly decision: Decision;
  readonly reason: DecisionReason;
  /** Present unless evaluate was called with `explain: false`. */
  readonly explanation?: Explanation;
}

/**
 * Decides a request against a policy set. For a set that decides many requests, pass it through
 * preparePolicySet once: it then remembers which statements apply to each action.
 */
export function evaluate(
  request: AuthorizationRequest,
  set: PolicySet,
  options: { readonly explain?: boolean } = {},
): EvaluationResult {
  const req = prepareRequest(request, set);
  const { decision, reason } = decide(req, set);
  if (options.explain === false) return { decision, reason };
  return { decision, reason, explanation: explain(req, set, reason) };
}

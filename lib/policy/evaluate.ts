// Evaluating a request against a policy set: prepare the request once, decide (decide.ts), then
// explain the decision unless the caller only wants the decision.

import type { PolicySet } from "./candidates";
import { decide, type DecisionReason } from "./decide";
import { explain, explainDeciding, type DecidingExplanation, type Explanation } from "./explain";
import { prepareRequest } from "./request";
import type { AuthorizationRequest, Decision } from "./types";

/**
 * How much explanation to build: "full" traces every statement, "deciding" names only the
 * statements that decided, "none" gives the decision alone. `true` / `false` mean full / none.
 */
export type ExplainLevel = "full" | "deciding" | "none";

/** `explanation` is the full one by default; with `explain: "deciding"` it has no statement traces. */
export interface EvaluationResult<E extends DecidingExplanation = Explanation> {
  readonly decision: Decision;
  readonly reason: DecisionReason;
  /** Present unless evaluate was called with `explain: false` or `"none"`. */
  readonly explanation?: E;
}

/**
 * Decides a request against a policy set. For a set that decides many requests, pass it through
 * preparePolicySet once: it then remembers which statements apply to each action.
 */
export function evaluate(request: AuthorizationRequest, set: PolicySet, options?: { readonly explain?: true | "full" | false | "none" }): EvaluationResult;
export function evaluate(request: AuthorizationRequest, set: PolicySet, options: { readonly explain: "deciding" }): EvaluationResult<DecidingExplanation>;
export function evaluate(
  request: AuthorizationRequest,
  set: PolicySet,
  options?: { readonly explain?: boolean | ExplainLevel },
): EvaluationResult<Explanation | DecidingExplanation>;
export function evaluate(
  request: AuthorizationRequest,
  set: PolicySet,
  options: { readonly explain?: boolean | ExplainLevel } = {},
): EvaluationResult<Explanation | DecidingExplanation> {
  const req = prepareRequest(request, set);
  const { decision, reason } = decide(req, set);
  const level = options.explain;
  if (level === false || level === "none") return { decision, reason };
  if (level === "deciding") return { decision, reason, explanation: explainDeciding(req, set, reason) };
  return { decision, reason, explanation: explain(req, set, reason) };
}

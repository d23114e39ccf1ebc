// What the "Can this user…?" box sends and gets back: one action on one resource, the MFA state to
// assume and extra context keys; the answer is SimulatePrincipalPolicy's result for that pair.

import type { IamErrorView } from "@/lib/iam/core/errors";
import type { SimulationResult } from "@/lib/iam/policies/simulation";

export interface ContextRowDraft {
  readonly id: number;
  readonly key: string;
  readonly value: string;
}

export interface SimulationRequest {
  readonly action: string;
  readonly resource: string;
  readonly mfaPresent: boolean;
  readonly context: readonly { key: string; value: string }[];
}

export interface SimulationState {
  readonly error?: IamErrorView;
  readonly result?: SimulationResult;
}

export const DECISION_LABELS: Record<SimulationResult["EvalDecision"], string> = {
  allowed: "Allowed",
  explicitDeny: "Explicitly denied",
  implicitDeny: "Implicitly denied",
};

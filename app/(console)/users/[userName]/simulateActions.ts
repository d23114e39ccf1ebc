"use server";

import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { isIamError, toErrorView } from "@/lib/iam/core/errors";
import { SimulatePrincipalPolicy } from "@/lib/iam/policies/simulation";
import type { SimulationRequest, SimulationState } from "@/components/users/simulation";
import { boundArgument, draftArgument } from "../../_server/actionArguments";

/**
 * "Can this user…?": SimulatePrincipalPolicy for one action and resource as the user, with the MFA
 * state chosen and the context keys typed. Rows naming the same key make one multivalued key.
 */
export async function simulateUserAccess(userArn: string, _previous: SimulationState, request: SimulationRequest): Promise<SimulationState> {
  const invalid = boundArgument(SimulatePrincipalPolicy, "PolicySourceArn", userArn) ?? draftArgument(request);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const values = new Map<string, string[]>();
  for (const row of Array.isArray(request.context) ? request.context : []) {
    const key = String(row.key ?? "").trim();
    if (key === "") continue;
    values.set(key, [...(values.get(key) ?? []), String(row.value ?? "")]);
  }
  try {
    const { EvaluationResults } = await execute(
      SimulatePrincipalPolicy,
      {
        PolicySourceArn: userArn,
        ActionNames: [String(request.action ?? "").trim()],
        ResourceArns: [String(request.resource ?? "").trim() || "*"],
        MultiFactorAuthPresent: Boolean(request.mfaPresent),
        ContextEntries: [...values].map(([ContextKeyName, ContextKeyValues]) => ({ ContextKeyName, ContextKeyValues })),
      },
      caller,
    );
    return { result: EvaluationResults[0] };
  } catch (error) {
    if (isIamError(error)) return { error: toErrorView(error) };
    throw error;
  }
}

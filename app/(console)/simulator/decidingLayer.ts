// Which layer of IAM's evaluation logic decided a simulated request, in IAM's words ("Explicit Deny:
// service control policy (level 2)"): the policy type
// of the statement that decided (an explicit Deny, or the Allow that granted), or for an implicit
// deny the layer that had no Allow. SCP levels count from 1, the organization root.

import { POLICY_TYPE_NAMES, type Explanation, type StatementRef } from "@/lib/policy";

function typeName(ref: StatementRef): string {
  const name = POLICY_TYPE_NAMES[ref.policyType];
  if (ref.scpLevel !== undefined) return `${name} (level ${ref.scpLevel + 1})`;
  if (ref.rcpLevel !== undefined) return `${name} (level ${ref.rcpLevel + 1})`;
  return name;
}

const IMPLICIT: Partial<Record<Explanation["reason"], string>> = {
  "no-allow": "no identity-based policy allows it",
  "boundary-implicit-deny": "the permissions boundary does not allow it",
  "session-implicit-deny": "no session policy allows it",
  "scp-implicit-deny": "a level of service control policies does not allow it",
  "rcp-implicit-deny": "a level of resource control policies does not allow it",
  "cross-account-no-identity-allow": "no identity-based policy allows this cross-account request",
  "cross-account-no-resource-allow": "the resource-based policy does not allow this cross-account request",
};

export function decidingLayer(explanation: Explanation): string {
  const [first] = explanation.decidedBy;
  if (explanation.reason === "explicit-deny" && first) return `Explicit Deny: ${typeName(first)}`;
  if (explanation.reason === "allow" || explanation.reason === "account-root") {
    const layers = [...new Set(explanation.decidedBy.map(typeName))];
    return layers.length > 0 ? `Allowed by: ${layers.join(", ")}` : "Allowed";
  }
  return `Implicit deny: ${IMPLICIT[explanation.reason] ?? "no policy allows it"}`;
}

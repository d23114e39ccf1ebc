// GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy: the condition keys that
// policies test, so that a simulation can be given a value for each (SimulatePrincipalPolicy's
// ContextEntries). For a principal: every identity-based policy that applies to it (a user's own and
// its groups', a group's, a role's), plus any policies given. Keys come back as first written,
// once each without regard to case (condition key names are case-insensitive). For a principal the
// answer also lists its policies (SimulatedPolicies, a Portcullis member): the console's simulator
// shows them with a switch each and their text, and leaves switched-off ones out by their keys.

import { z } from "zod";
import { conditionKeysOf, parsePolicy, type PolicyDocument } from "@/lib/policy";
import { IamError } from "../core/errors";
import { operation } from "../core/operation";
import { malformedPolicyDocument } from "./document";
import { BOUNDARY_KEY, principalSources, simulatedPrincipal, type PolicySourceType, type Sources } from "./simulatedPrincipal";
import { actsOnPolicySource, PolicyInputList } from "./simulation";

export interface ContextKeysOutput {
  ContextKeyNames: string[];
}

/** One stored policy of the principal, as the simulator lists it. */
export interface SimulatedPolicy {
  /** What SimulatePrincipalPolicy's ExcludedPolicies takes to leave it out, and MatchedStatements' SourcePolicyKey. */
  Key: string;
  PolicyName: string;
  PolicySourceType: PolicySourceType;
  /** The group it reaches a user through. */
  GroupName?: string;
  PolicyArn?: string;
  /** The principal's permissions boundary, rather than a grant. */
  IsPermissionsBoundary: boolean;
  /** The text the engine weighs (a managed policy's default version), as stored. */
  Document: string;
}

export interface PrincipalContextKeysOutput extends ContextKeysOutput {
  SimulatedPolicies: SimulatedPolicy[];
}

function simulatedPolicies(sources: Sources): SimulatedPolicy[] {
  return [...sources.values()].map((source) => ({
    Key: source.key,
    PolicyName: source.id,
    PolicySourceType: source.type!,
    ...(source.group ? { GroupName: source.group } : {}),
    ...(source.arn ? { PolicyArn: source.arn } : {}),
    IsPermissionsBoundary: source.key === BOUNDARY_KEY,
    Document: source.text,
  }));
}

/** The documents given as text, each checked as a policy (MalformedPolicyDocument names which one). */
function inputDocuments(texts: readonly string[] | undefined): PolicyDocument[] {
  return (texts ?? []).map((text, i) => {
    const parsed = parsePolicy(text);
    if (!parsed.ok) throw new IamError("MalformedPolicyDocument", `PolicyInputList.${i + 1}: ${malformedPolicyDocument(parsed.findings.filter((f) => f.severity === "error")).message}`);
    return parsed.document;
  });
}

export const GetContextKeysForCustomPolicy = operation({
  name: "GetContextKeysForCustomPolicy",
  action: "iam:GetContextKeysForCustomPolicy",
  readOnly: true,
  input: z.object({ PolicyInputList: PolicyInputList.min(1, "give at least one policy") }),
  resource: () => "*",
  run: async ({ input }): Promise<ContextKeysOutput> => ({ ContextKeyNames: conditionKeysOf(inputDocuments(input.PolicyInputList)) }),
});

export const GetContextKeysForPrincipalPolicy = operation({
  name: "GetContextKeysForPrincipalPolicy",
  action: "iam:GetContextKeysForPrincipalPolicy",
  readOnly: true,
  input: z.object({
    PolicySourceArn: z
      .string({ error: "PolicySourceArn is required" })
      .max(2048, "must be at most 2048 characters")
      .regex(/^arn:\S+$/, "must be the ARN of an IAM user, group or role, such as arn:aws:iam::123456789012:user/alice"),
    PolicyInputList: PolicyInputList.optional(),
  }),
  ...actsOnPolicySource,
  run: async ({ tx, input, caller }): Promise<PrincipalContextKeysOutput> => {
    const given = inputDocuments(input.PolicyInputList);
    const principal = await simulatedPrincipal(tx, caller, input.PolicySourceArn);
    const sources: Sources = new Map();
    await principalSources(tx, principal, sources);
    const stored = principal.policies.set.identity.map((policy) => policy.document);
    return { ContextKeyNames: conditionKeysOf([...stored, ...given]), SimulatedPolicies: simulatedPolicies(sources) };
  },
});

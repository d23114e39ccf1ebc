// GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy: the condition keys that
// policies test, so that a simulation can be given a value for each (SimulatePrincipalPolicy's
// ContextEntries). For a principal: every identity-based policy that applies to it (a user's own and
// its groups', a group's, a role's), plus any policies given. Keys come back as first written,
// once each without regard to case (condition key names are case-insensitive).

import { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import { conditionKeysOf, parseIamArn, parsePolicy, readPolicy, type PolicyDocument } from "@/lib/policy";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import { operation } from "../core/operation";
import { malformedPolicyDocument } from "./document";
import { simulatedPrincipal } from "./simulatedPrincipal";
import { actsOnPolicySource, PolicyInputList } from "./simulation";

export interface ContextKeysOutput {
  ContextKeyNames: string[];
}

/** The documents given as text, each checked as a policy (MalformedPolicyDocument names which one). */
function inputDocuments(texts: readonly string[] | undefined): PolicyDocument[] {
  return (texts ?? []).map((text, i) => {
    const parsed = parsePolicy(text);
    if (!parsed.ok) throw new IamError("MalformedPolicyDocument", `PolicyInputList.${i + 1}: ${malformedPolicyDocument(parsed.findings.filter((f) => f.severity === "error")).message}`);
    return parsed.document;
  });
}

/** A group's inline and attached policies (default versions), read in one query. */
async function groupDocuments(tx: Tx, caller: Caller, arn: string): Promise<PolicyDocument[]> {
  const group = await tx.group.findFirst({
    where: { arn, accountId: accountOf(caller) },
    select: {
      inlinePolicies: { select: { document: true } },
      attachedPolicies: { select: { policy: { select: { versions: { where: { isDefault: true }, select: { document: true } } } } } },
    },
  });
  if (!group) throw new IamError("NoSuchEntity", `No group in account ${accountOf(caller)} has the ARN ${arn}. Copy the ARN from the group's page.`);
  const texts = [...group.inlinePolicies.map((p) => p.document), ...group.attachedPolicies.flatMap(({ policy }) => policy.versions.map((v) => v.document))];
  // Stored documents were validated when saved.
  return texts.flatMap((text) => readPolicy(JSON.parse(text)).document ?? []);
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
  run: async ({ tx, input, caller }): Promise<ContextKeysOutput> => {
    const given = inputDocuments(input.PolicyInputList);
    const stored =
      parseIamArn(input.PolicySourceArn)?.type === "group"
        ? await groupDocuments(tx, caller, input.PolicySourceArn)
        : (await simulatedPrincipal(tx, caller, input.PolicySourceArn)).policies.set.identity.map((policy) => policy.document);
    return { ContextKeyNames: conditionKeysOf([...stored, ...given]) };
  },
});

// Creating and deleting customer managed policies: CreatePolicy, DeletePolicy. Their versions
// (ListPolicyVersions, CreatePolicyVersion, SetDefaultPolicyVersion, DeletePolicyVersion) are in
// policyVersions.ts and re-exported here, so the policy editor imports every write from one place.
// AWS managed policies belong to no account and are read-only.

import { z } from "zod";
import { policyArn } from "@/lib/policy";
import { IamError } from "./errors";
import { accountOf, actsOnPolicy, requestTagContext, requireCustomerPolicy } from "./entities";
import { uniqueId } from "./ids";
import { operation } from "./operation";
import { requireValidPolicyDocument } from "./policyDocument";
import { limitExceeded, QUOTAS } from "./quotas";
import { Path, PolicyArn, PolicyDescription, PolicyDocument, PolicyName, TagList } from "./validation";
import { toPolicyView, type PolicyView } from "./views";

export { CreatePolicyVersion, DeletePolicyVersion, ListPolicyVersions, SetDefaultPolicyVersion } from "./policyVersions";

const CreatePolicyInput = z.object({
  PolicyName,
  Path: Path.optional(),
  Description: PolicyDescription.optional(),
  PolicyDocument,
  Tags: TagList.optional(),
});

export const CreatePolicy = operation({
  name: "CreatePolicy",
  action: "iam:CreatePolicy",
  input: CreatePolicyInput,
  resource: (input, caller) => policyArn(accountOf(caller), input.PolicyName, input.Path ?? "/"),
  context: (_tx, input) => requestTagContext(input.Tags ?? []),
  run: async (tx, input, caller): Promise<{ Policy: PolicyView }> => {
    const accountId = accountOf(caller);
    const path = input.Path ?? "/";
    const nameLower = input.PolicyName.toLowerCase();
    if (await tx.managedPolicy.findUnique({ where: { accountId_nameLower: { accountId, nameLower } } })) {
      throw new IamError("EntityAlreadyExists", `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`);
    }
    if ((await tx.managedPolicy.count({ where: { accountId } })) >= QUOTAS.PoliciesPerAccount) {
      throw limitExceeded("PoliciesPerAccount", "Delete customer managed policies you no longer need before creating another.");
    }
    requireValidPolicyDocument(input.PolicyDocument, "managed");
    const policy = await tx.managedPolicy.create({
      data: {
        id: uniqueId("ANPA"),
        accountId,
        name: input.PolicyName,
        nameLower,
        path,
        arn: policyArn(accountId, input.PolicyName, path),
        description: input.Description ?? "",
        defaultVersionId: "v1",
        nextVersionNumber: 2,
        versions: { create: { versionId: "v1", document: input.PolicyDocument, isDefault: true } },
        tags: { create: (input.Tags ?? []).map((t) => ({ key: t.Key, keyLower: t.Key.toLowerCase(), value: t.Value })) },
      },
    });
    return { Policy: toPolicyView(policy, 0) };
  },
});

/** "2 users and 1 group": the entities that still hold the policy, for a DeleteConflict message. */
function entityCounts(counts: readonly (readonly [count: number, noun: string])[]): string {
  const parts = counts.filter(([count]) => count > 0).map(([count, noun]) => `${count} ${noun}${count === 1 ? "" : "s"}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0]!;
}

export const DeletePolicy = operation({
  name: "DeletePolicy",
  action: "iam:DeletePolicy",
  input: z.object({ PolicyArn }),
  ...actsOnPolicy,
  run: async (tx, input, caller): Promise<Record<string, never>> => {
    const policy = await requireCustomerPolicy(tx, caller, input.PolicyArn);
    const where = { policyId: policy.id };
    const attached = [
      [await tx.userPolicyAttachment.count({ where }), "user"],
      [await tx.groupPolicyAttachment.count({ where }), "group"],
      [await tx.rolePolicyAttachment.count({ where }), "role"],
    ] as const;
    if (attached.some(([count]) => count > 0)) {
      throw new IamError("DeleteConflict", `Cannot delete a policy attached to entities. Detach ${policy.name} from ${entityCounts(attached)} first.`);
    }
    // A boundary that disappeared would deny everything to its users (policySet.ts), so it must be removed first.
    const bounded = { permissionsBoundaryArn: policy.arn };
    const boundaries = [
      [await tx.user.count({ where: bounded }), "user"],
      [await tx.role.count({ where: bounded }), "role"],
    ] as const;
    if (boundaries.some(([count]) => count > 0)) {
      throw new IamError(
        "DeleteConflict",
        `Cannot delete a policy used as a permissions boundary. Remove ${policy.name} as the permissions boundary of ${entityCounts(boundaries)} first.`,
      );
    }
    // Versions and tags go with the policy (cascading deletes), as when the console deletes a policy.
    await tx.managedPolicy.delete({ where: { id: policy.id } });
    return {};
  },
});

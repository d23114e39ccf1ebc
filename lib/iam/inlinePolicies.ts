// Reading inline policies (embedded in one user or group): ListUserPolicies, GetUserPolicy,
// ListGroupPolicies, GetGroupPolicy. Writing them (Put*/Delete*) comes with the policy editor.

import { z } from "zod";
import { IamError } from "./errors";
import { actsOnGroup, actsOnUser, requireGroup, requireUser } from "./entities";
import { operation } from "./operation";
import { GroupName, PolicyName, UserName } from "./validation";

type PolicyNames = { PolicyNames: string[]; IsTruncated: false };

export const ListUserPolicies = operation({
  name: "ListUserPolicies",
  action: "iam:ListUserPolicies",
  readOnly: true,
  input: z.object({ UserName }),
  ...actsOnUser,
  run: async (tx, input, caller): Promise<PolicyNames> => {
    const user = await requireUser(tx, caller, input.UserName);
    const rows = await tx.inlinePolicy.findMany({ where: { userId: user.id }, orderBy: { nameLower: "asc" }, select: { name: true } });
    return { PolicyNames: rows.map((r) => r.name), IsTruncated: false };
  },
});

export const GetUserPolicy = operation({
  name: "GetUserPolicy",
  action: "iam:GetUserPolicy",
  readOnly: true,
  input: z.object({ UserName, PolicyName }),
  ...actsOnUser,
  run: async (tx, input, caller): Promise<{ UserName: string; PolicyName: string; PolicyDocument: string }> => {
    const user = await requireUser(tx, caller, input.UserName);
    const policy = await tx.inlinePolicy.findUnique({ where: { userId_nameLower: { userId: user.id, nameLower: input.PolicyName.toLowerCase() } } });
    if (!policy) throw new IamError("NoSuchEntity", `The user policy with name ${input.PolicyName} cannot be found.`);
    return { UserName: user.name, PolicyName: policy.name, PolicyDocument: policy.document };
  },
});

export const ListGroupPolicies = operation({
  name: "ListGroupPolicies",
  action: "iam:ListGroupPolicies",
  readOnly: true,
  input: z.object({ GroupName }),
  ...actsOnGroup,
  run: async (tx, input, caller): Promise<PolicyNames> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const rows = await tx.inlinePolicy.findMany({ where: { groupId: group.id }, orderBy: { nameLower: "asc" }, select: { name: true } });
    return { PolicyNames: rows.map((r) => r.name), IsTruncated: false };
  },
});

export const GetGroupPolicy = operation({
  name: "GetGroupPolicy",
  action: "iam:GetGroupPolicy",
  readOnly: true,
  input: z.object({ GroupName, PolicyName }),
  ...actsOnGroup,
  run: async (tx, input, caller): Promise<{ GroupName: string; PolicyName: string; PolicyDocument: string }> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const policy = await tx.inlinePolicy.findUnique({ where: { groupId_nameLower: { groupId: group.id, nameLower: input.PolicyName.toLowerCase() } } });
    if (!policy) throw new IamError("NoSuchEntity", `The group policy with name ${input.PolicyName} cannot be found.`);
    return { GroupName: group.name, PolicyName: policy.name, PolicyDocument: policy.document };
  },
});

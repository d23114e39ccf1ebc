// Attaching managed policies to users and groups: AttachUserPolicy, DetachUserPolicy,
// ListAttachedUserPolicies and their group counterparts. Attach and Detach carry iam:PolicyARN, so
// an administrator can be allowed to hand out some policies and not others. A user or group holds
// at most 10 managed policies (AWS's default quota).

import { z } from "zod";
import { IamError } from "./errors";
import { actsOnGroup, actsOnUser, requireGroup, requirePolicy, requireUser, userTagContext } from "./entities";
import { operation } from "./operation";
import { PageInput, pageFields, pageWindow, toPage } from "./pagination";
import { limitExceeded, QUOTAS } from "./quotas";
import { GroupName, PathPrefix, PolicyArn, UserName } from "./validation";
import { toAttachedPolicy, type AttachedPolicy } from "./views";

type Empty = Record<string, never>;
type AttachedPage = { AttachedPolicies: AttachedPolicy[]; IsTruncated: boolean; Marker?: string };

function notAttached(arn: string): IamError {
  return new IamError("NoSuchEntity", `Policy ${arn} was not found.`);
}

const UserPolicyInput = z.object({ UserName, PolicyArn });

export const AttachUserPolicy = operation({
  name: "AttachUserPolicy",
  action: "iam:AttachUserPolicy",
  input: UserPolicyInput,
  resource: actsOnUser.resource,
  context: async (tx, input, caller) => ({ ...(await userTagContext(tx, caller, input.UserName)), "iam:PolicyARN": input.PolicyArn }),
  run: async (tx, input, caller): Promise<Empty> => {
    const user = await requireUser(tx, caller, input.UserName);
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    const key = { userId_policyId: { userId: user.id, policyId: policy.id } };
    // Attaching a policy that is already attached changes nothing, as in AWS.
    if (await tx.userPolicyAttachment.findUnique({ where: key })) return {};
    if ((await tx.userPolicyAttachment.count({ where: { userId: user.id } })) >= QUOTAS.AttachedPoliciesPerUser) {
      throw limitExceeded("AttachedPoliciesPerUser", `Detach a policy from ${user.name}, or grant access through a group.`);
    }
    await tx.userPolicyAttachment.create({ data: { userId: user.id, policyId: policy.id } });
    return {};
  },
});

export const DetachUserPolicy = operation({
  name: "DetachUserPolicy",
  action: "iam:DetachUserPolicy",
  input: UserPolicyInput,
  resource: actsOnUser.resource,
  context: async (tx, input, caller) => ({ ...(await userTagContext(tx, caller, input.UserName)), "iam:PolicyARN": input.PolicyArn }),
  run: async (tx, input, caller): Promise<Empty> => {
    const user = await requireUser(tx, caller, input.UserName);
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    const { count } = await tx.userPolicyAttachment.deleteMany({ where: { userId: user.id, policyId: policy.id } });
    if (count === 0) throw notAttached(policy.arn);
    return {};
  },
});

export const ListAttachedUserPolicies = operation({
  name: "ListAttachedUserPolicies",
  action: "iam:ListAttachedUserPolicies",
  readOnly: true,
  input: z.object({ UserName, PathPrefix: PathPrefix.optional(), ...PageInput }),
  ...actsOnUser,
  run: async (tx, input, caller): Promise<AttachedPage> => {
    const user = await requireUser(tx, caller, input.UserName);
    const { skip, take } = pageWindow(input);
    const rows = await tx.managedPolicy.findMany({
      where: { userAttachments: { some: { userId: user.id } }, ...(input.PathPrefix ? { path: { startsWith: input.PathPrefix } } : {}) },
      orderBy: [{ nameLower: "asc" }, { id: "asc" }],
      skip,
      take,
    });
    const page = toPage(rows, input);
    return { AttachedPolicies: page.items.map(toAttachedPolicy), ...pageFields(page) };
  },
});

const GroupPolicyInput = z.object({ GroupName, PolicyArn });

export const AttachGroupPolicy = operation({
  name: "AttachGroupPolicy",
  action: "iam:AttachGroupPolicy",
  input: GroupPolicyInput,
  ...actsOnGroup,
  context: (_tx, input) => ({ "iam:PolicyARN": input.PolicyArn }),
  run: async (tx, input, caller): Promise<Empty> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    const key = { groupId_policyId: { groupId: group.id, policyId: policy.id } };
    if (await tx.groupPolicyAttachment.findUnique({ where: key })) return {};
    if ((await tx.groupPolicyAttachment.count({ where: { groupId: group.id } })) >= QUOTAS.AttachedPoliciesPerGroup) {
      throw limitExceeded("AttachedPoliciesPerGroup", `Detach a policy from ${group.name} first.`);
    }
    await tx.groupPolicyAttachment.create({ data: { groupId: group.id, policyId: policy.id } });
    return {};
  },
});

export const DetachGroupPolicy = operation({
  name: "DetachGroupPolicy",
  action: "iam:DetachGroupPolicy",
  input: GroupPolicyInput,
  ...actsOnGroup,
  context: (_tx, input) => ({ "iam:PolicyARN": input.PolicyArn }),
  run: async (tx, input, caller): Promise<Empty> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    const { count } = await tx.groupPolicyAttachment.deleteMany({ where: { groupId: group.id, policyId: policy.id } });
    if (count === 0) throw notAttached(policy.arn);
    return {};
  },
});

export const ListAttachedGroupPolicies = operation({
  name: "ListAttachedGroupPolicies",
  action: "iam:ListAttachedGroupPolicies",
  readOnly: true,
  input: z.object({ GroupName, PathPrefix: PathPrefix.optional(), ...PageInput }),
  ...actsOnGroup,
  run: async (tx, input, caller): Promise<AttachedPage> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const { skip, take } = pageWindow(input);
    const rows = await tx.managedPolicy.findMany({
      where: { groupAttachments: { some: { groupId: group.id } }, ...(input.PathPrefix ? { path: { startsWith: input.PathPrefix } } : {}) },
      orderBy: [{ nameLower: "asc" }, { id: "asc" }],
      skip,
      take,
    });
    const page = toPage(rows, input);
    return { AttachedPolicies: page.items.map(toAttachedPolicy), ...pageFields(page) };
  },
});

// Attaching managed policies to users, groups and roles: AttachUserPolicy, DetachUserPolicy,
// ListAttachedUserPolicies and their group and role counterparts. Attach and Detach carry
// iam:PolicyARN, so an administrator can be allowed to hand out some policies and not others; the
// user and role ones also carry the principal's iam:PermissionsBoundary (AWS lists it for them), so
// an administrator can be allowed to change only users and roles that keep a given boundary. A user, group or
// role holds at most 10 managed policies (AWS's default quota).

import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import { IamError } from "../core/errors";
import { actsOnGroup, requireGroup } from "../groups/entity";
import { actsOnRole, requireRole } from "../roles/entity";
import { actsOnUser, requireUser } from "../users/entity";
import { requirePolicy } from "./entity";
import { operation } from "../core/operation";
import { PageInput, pageFields, pageWindow, toPage, type PageRequest } from "../core/pagination";
import { limitExceeded } from "../core/quotas";
import { QUOTAS } from "../core/rules";
import { GroupName, PathPrefix, PolicyArn, RoleName, UserName } from "../core/validation";
import { actsOnRoleWithBoundary, roleBoundaryContext, userBoundaryContext } from "./permissionsBoundaries";
import { toAttachedPolicy, type AttachedPolicy } from "./entity";

type Empty = Record<string, never>;
type AttachedPage = { AttachedPolicies: AttachedPolicy[]; IsTruncated: boolean; Marker?: string };

function notAttached(arn: string): IamError {
  return new IamError("NoSuchEntity", `Policy ${arn} was not found.`);
}

/**
 * The attachment table of one kind of principal (user, group, role), seen the same way by attach,
 * detach and list, so the three operations per principal differ only in names and quota.
 */
interface AttachmentTable {
  exists(policyId: string): Promise<boolean>;
  count(): Promise<number>;
  create(policyId: string): Promise<unknown>;
  remove(policyId: string): Promise<number>;
}

function userAttachments(tx: Tx, userId: string): AttachmentTable {
  return {
    exists: async (policyId) => (await tx.userPolicyAttachment.findUnique({ where: { userId_policyId: { userId, policyId } } })) !== null,
    count: () => tx.userPolicyAttachment.count({ where: { userId } }),
    create: (policyId) => tx.userPolicyAttachment.create({ data: { userId, policyId } }),
    remove: async (policyId) => (await tx.userPolicyAttachment.deleteMany({ where: { userId, policyId } })).count,
  };
}

function groupAttachments(tx: Tx, groupId: string): AttachmentTable {
  return {
    exists: async (policyId) => (await tx.groupPolicyAttachment.findUnique({ where: { groupId_policyId: { groupId, policyId } } })) !== null,
    count: () => tx.groupPolicyAttachment.count({ where: { groupId } }),
    create: (policyId) => tx.groupPolicyAttachment.create({ data: { groupId, policyId } }),
    remove: async (policyId) => (await tx.groupPolicyAttachment.deleteMany({ where: { groupId, policyId } })).count,
  };
}

function roleAttachments(tx: Tx, roleId: string): AttachmentTable {
  return {
    exists: async (policyId) => (await tx.rolePolicyAttachment.findUnique({ where: { roleId_policyId: { roleId, policyId } } })) !== null,
    count: () => tx.rolePolicyAttachment.count({ where: { roleId } }),
    create: (policyId) => tx.rolePolicyAttachment.create({ data: { roleId, policyId } }),
    remove: async (policyId) => (await tx.rolePolicyAttachment.deleteMany({ where: { roleId, policyId } })).count,
  };
}

async function attach(table: AttachmentTable, policyId: string, quota: number, overQuota: () => IamError): Promise<Empty> {
  // Attaching a policy that is already attached changes nothing, as in AWS.
  if (await table.exists(policyId)) return {};
  if ((await table.count()) >= quota) throw overQuota();
  await table.create(policyId);
  return {};
}

async function detach(table: AttachmentTable, policy: { id: string; arn: string }): Promise<Empty> {
  if ((await table.remove(policy.id)) === 0) throw notAttached(policy.arn);
  return {};
}

/** One page of the managed policies attached to a principal, by name. */
async function attachedPage(tx: Tx, attachedTo: Prisma.ManagedPolicyWhereInput, input: { PathPrefix?: string } & PageRequest): Promise<AttachedPage> {
  const { skip, take } = pageWindow(input);
  const rows = await tx.managedPolicy.findMany({
    where: { ...attachedTo, ...(input.PathPrefix ? { path: { startsWith: input.PathPrefix } } : {}) },
    orderBy: [{ nameLower: "asc" }, { id: "asc" }],
    skip,
    take,
  });
  const page = toPage(rows, input);
  return { AttachedPolicies: page.items.map(toAttachedPolicy), ...pageFields(page) };
}

const UserPolicyInput = z.object({ UserName, PolicyArn });

export const AttachUserPolicy = operation({
  name: "AttachUserPolicy",
  action: "iam:AttachUserPolicy",
  input: UserPolicyInput,
  resource: actsOnUser.resource,
  context: async ({ tx, input, caller }) => ({ ...(await userBoundaryContext(tx, caller, input.UserName)), "iam:PolicyARN": input.PolicyArn }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const user = await requireUser(tx, caller, input.UserName);
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    return attach(userAttachments(tx, user.id), policy.id, QUOTAS.AttachedPoliciesPerUser, () =>
      limitExceeded("AttachedPoliciesPerUser", `Detach a policy from ${user.name}, or grant access through a group.`),
    );
  },
});

export const DetachUserPolicy = operation({
  name: "DetachUserPolicy",
  action: "iam:DetachUserPolicy",
  input: UserPolicyInput,
  resource: actsOnUser.resource,
  context: async ({ tx, input, caller }) => ({ ...(await userBoundaryContext(tx, caller, input.UserName)), "iam:PolicyARN": input.PolicyArn }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const user = await requireUser(tx, caller, input.UserName);
    return detach(userAttachments(tx, user.id), await requirePolicy(tx, caller, input.PolicyArn));
  },
});

export const ListAttachedUserPolicies = operation({
  name: "ListAttachedUserPolicies",
  action: "iam:ListAttachedUserPolicies",
  readOnly: true,
  input: z.object({ UserName, PathPrefix: PathPrefix.optional(), ...PageInput }),
  ...actsOnUser,
  run: async ({ tx, input, caller }): Promise<AttachedPage> => {
    const user = await requireUser(tx, caller, input.UserName);
    return attachedPage(tx, { userAttachments: { some: { userId: user.id } } }, input);
  },
});

const GroupPolicyInput = z.object({ GroupName, PolicyArn });

export const AttachGroupPolicy = operation({
  name: "AttachGroupPolicy",
  action: "iam:AttachGroupPolicy",
  input: GroupPolicyInput,
  ...actsOnGroup,
  context: ({ input }) => ({ "iam:PolicyARN": input.PolicyArn }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    return attach(groupAttachments(tx, group.id), policy.id, QUOTAS.AttachedPoliciesPerGroup, () =>
      limitExceeded("AttachedPoliciesPerGroup", `Detach a policy from ${group.name} first.`),
    );
  },
});

export const DetachGroupPolicy = operation({
  name: "DetachGroupPolicy",
  action: "iam:DetachGroupPolicy",
  input: GroupPolicyInput,
  ...actsOnGroup,
  context: ({ input }) => ({ "iam:PolicyARN": input.PolicyArn }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    return detach(groupAttachments(tx, group.id), await requirePolicy(tx, caller, input.PolicyArn));
  },
});

export const ListAttachedGroupPolicies = operation({
  name: "ListAttachedGroupPolicies",
  action: "iam:ListAttachedGroupPolicies",
  readOnly: true,
  input: z.object({ GroupName, PathPrefix: PathPrefix.optional(), ...PageInput }),
  ...actsOnGroup,
  run: async ({ tx, input, caller }): Promise<AttachedPage> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    return attachedPage(tx, { groupAttachments: { some: { groupId: group.id } } }, input);
  },
});

const RolePolicyInput = z.object({ RoleName, PolicyArn });

export const AttachRolePolicy = operation({
  name: "AttachRolePolicy",
  action: "iam:AttachRolePolicy",
  input: RolePolicyInput,
  resource: actsOnRoleWithBoundary.resource,
  context: async ({ tx, input, caller }) => ({ ...(await roleBoundaryContext(tx, caller, input.RoleName)), "iam:PolicyARN": input.PolicyArn }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const role = await requireRole(tx, caller, input.RoleName);
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    return attach(roleAttachments(tx, role.id), policy.id, QUOTAS.AttachedPoliciesPerRole, () =>
      limitExceeded("AttachedPoliciesPerRole", `Detach a policy from ${role.name}, or combine permissions into one customer managed policy.`),
    );
  },
});

export const DetachRolePolicy = operation({
  name: "DetachRolePolicy",
  action: "iam:DetachRolePolicy",
  input: RolePolicyInput,
  resource: actsOnRoleWithBoundary.resource,
  context: async ({ tx, input, caller }) => ({ ...(await roleBoundaryContext(tx, caller, input.RoleName)), "iam:PolicyARN": input.PolicyArn }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const role = await requireRole(tx, caller, input.RoleName);
    return detach(roleAttachments(tx, role.id), await requirePolicy(tx, caller, input.PolicyArn));
  },
});

export const ListAttachedRolePolicies = operation({
  name: "ListAttachedRolePolicies",
  action: "iam:ListAttachedRolePolicies",
  readOnly: true,
  input: z.object({ RoleName, PathPrefix: PathPrefix.optional(), ...PageInput }),
  ...actsOnRole,
  run: async ({ tx, input, caller }): Promise<AttachedPage> => {
    const role = await requireRole(tx, caller, input.RoleName);
    return attachedPage(tx, { roleAttachments: { some: { roleId: role.id } } }, input);
  },
});

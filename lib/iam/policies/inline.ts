// Inline policies, embedded in one user, group or role: ListUserPolicies, GetUserPolicy,
// PutUserPolicy, DeleteUserPolicy and the group and role counterparts. Names are unique per entity
// without regard to case; Put replaces a policy of the same name. As in AWS, each document has the
// size quota of its container, and so do all of one entity's inline policies together (a role's
// trust policy is not one of them: it has its own quota). Put and Delete on a role carry the role's
// iam:PermissionsBoundary, as AWS lists it for them.

import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { IamError } from "../core/errors";
import { actsOnGroup, requireGroup } from "../groups/entity";
import { actsOnRole, requireRole } from "../roles/entity";
import { actsOnUser, requireUser } from "../users/entity";
import { operation } from "../core/operation";
import { PageInput, pageFields, pageWindow, toPage, type Page, type PageRequest } from "../core/pagination";
import { policySize, requireValidPolicyDocument } from "./document";
import { limitExceeded } from "../core/quotas";
import { QUOTAS, type QuotaName } from "../core/rules";
import { GroupName, PolicyDocument, PolicyName, RoleName, UserName } from "../core/validation";
import { actsOnRoleWithBoundary, actsOnUserWithBoundary } from "./permissionsBoundaries";

/**
 * Portcullis's console extension of Put*Policy: refuse (EntityAlreadyExists) instead of replacing a
 * policy of the same name, so creating one from the console never overwrites another by accident.
 */
const CreateOnly = z.boolean({ error: "must be true or false" }).optional();

type PolicyNames = { PolicyNames: string[] } & Page;
type Empty = Record<string, never>;

interface Owner {
  readonly kind: "user" | "group" | "role";
  readonly id: string;
  readonly name: string;
}

const CONTAINER = { user: "user-inline", group: "group-inline", role: "role-inline" } as const;
const SIZE_QUOTA: Record<Owner["kind"], QuotaName> = { user: "InlinePolicySizePerUser", group: "InlinePolicySizePerGroup", role: "InlinePolicySizePerRole" };
const ENTITY = { user: "User", group: "Group", role: "Role" } as const;

const ownedBy = (owner: Owner) => (owner.kind === "user" ? { userId: owner.id } : owner.kind === "group" ? { groupId: owner.id } : { roleId: owner.id });

async function putInlinePolicy(tx: Tx, owner: Owner, policyName: string, document: string, createOnly = false): Promise<void> {
  const nameLower = policyName.toLowerCase();
  const existing = await tx.inlinePolicy.findFirst({ where: { ...ownedBy(owner), nameLower } });
  if (existing && createOnly) {
    throw new IamError("EntityAlreadyExists", `${ENTITY[owner.kind]} ${owner.name} already has an inline policy named ${existing.name}. Edit it, or choose another name.`);
  }
  requireValidPolicyDocument(document, CONTAINER[owner.kind]);
  const others = await tx.inlinePolicy.findMany({ where: { ...ownedBy(owner), nameLower: { not: nameLower } }, select: { document: true } });
  const total = others.reduce((sum, p) => sum + policySize(p.document), policySize(document));
  const quota = SIZE_QUOTA[owner.kind];
  if (total > QUOTAS[quota]) {
    throw limitExceeded(
      quota,
      `The inline policies of ${owner.kind} ${owner.name} would total ${total} characters (not counting white space). Shorten them, or move permissions into a managed policy.`,
    );
  }
  if (!existing) {
    await tx.inlinePolicy.create({ data: { ...ownedBy(owner), name: policyName, nameLower, document } });
    return;
  }
  // Compiled inline policies are cached by (id, updatedAt): a replacement must move updatedAt on,
  // even when it lands in the same millisecond as the text it replaces.
  const updatedAt = new Date(Math.max(Date.now(), existing.updatedAt.getTime() + 1));
  await tx.inlinePolicy.update({ where: { id: existing.id }, data: { name: policyName, document, updatedAt } });
}

/** One page of an entity's inline policy names, by name without regard to case (names are unique per entity in that case). */
async function listInlinePolicyNames(tx: Tx, owner: Owner, request: PageRequest): Promise<PolicyNames> {
  const { skip, take } = pageWindow(request);
  const rows = await tx.inlinePolicy.findMany({ where: ownedBy(owner), orderBy: { nameLower: "asc" }, select: { name: true }, skip, take });
  const page = toPage(rows.map((r) => r.name), request);
  return { PolicyNames: page.items, ...pageFields(page) };
}

async function deleteInlinePolicy(tx: Tx, owner: Owner, policyName: string): Promise<void> {
  const { count } = await tx.inlinePolicy.deleteMany({ where: { ...ownedBy(owner), nameLower: policyName.toLowerCase() } });
  if (count === 0) throw new IamError("NoSuchEntity", `The ${owner.kind} policy with name ${policyName} cannot be found.`);
}

export const ListUserPolicies = operation({
  name: "ListUserPolicies",
  action: "iam:ListUserPolicies",
  readOnly: true,
  input: z.object({ UserName, ...PageInput }),
  ...actsOnUser,
  run: async ({ tx, input, caller }): Promise<PolicyNames> => {
    const user = await requireUser(tx, caller, input.UserName);
    return listInlinePolicyNames(tx, { kind: "user", id: user.id, name: user.name }, input);
  },
});

export const GetUserPolicy = operation({
  name: "GetUserPolicy",
  action: "iam:GetUserPolicy",
  readOnly: true,
  input: z.object({ UserName, PolicyName }),
  ...actsOnUser,
  run: async ({ tx, input, caller }): Promise<{ UserName: string; PolicyName: string; PolicyDocument: string }> => {
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
  input: z.object({ GroupName, ...PageInput }),
  ...actsOnGroup,
  run: async ({ tx, input, caller }): Promise<PolicyNames> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    return listInlinePolicyNames(tx, { kind: "group", id: group.id, name: group.name }, input);
  },
});

export const GetGroupPolicy = operation({
  name: "GetGroupPolicy",
  action: "iam:GetGroupPolicy",
  readOnly: true,
  input: z.object({ GroupName, PolicyName }),
  ...actsOnGroup,
  run: async ({ tx, input, caller }): Promise<{ GroupName: string; PolicyName: string; PolicyDocument: string }> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const policy = await tx.inlinePolicy.findUnique({ where: { groupId_nameLower: { groupId: group.id, nameLower: input.PolicyName.toLowerCase() } } });
    if (!policy) throw new IamError("NoSuchEntity", `The group policy with name ${input.PolicyName} cannot be found.`);
    return { GroupName: group.name, PolicyName: policy.name, PolicyDocument: policy.document };
  },
});

export const PutUserPolicy = operation({
  name: "PutUserPolicy",
  action: "iam:PutUserPolicy",
  input: z.object({ UserName, PolicyName, PolicyDocument, CreateOnly }),
  ...actsOnUserWithBoundary,
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const user = await requireUser(tx, caller, input.UserName);
    await putInlinePolicy(tx, { kind: "user", id: user.id, name: user.name }, input.PolicyName, input.PolicyDocument, input.CreateOnly);
    return {};
  },
});

export const DeleteUserPolicy = operation({
  name: "DeleteUserPolicy",
  action: "iam:DeleteUserPolicy",
  input: z.object({ UserName, PolicyName }),
  ...actsOnUserWithBoundary,
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const user = await requireUser(tx, caller, input.UserName);
    await deleteInlinePolicy(tx, { kind: "user", id: user.id, name: user.name }, input.PolicyName);
    return {};
  },
});

export const PutGroupPolicy = operation({
  name: "PutGroupPolicy",
  action: "iam:PutGroupPolicy",
  input: z.object({ GroupName, PolicyName, PolicyDocument, CreateOnly }),
  ...actsOnGroup,
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    await putInlinePolicy(tx, { kind: "group", id: group.id, name: group.name }, input.PolicyName, input.PolicyDocument, input.CreateOnly);
    return {};
  },
});

export const DeleteGroupPolicy = operation({
  name: "DeleteGroupPolicy",
  action: "iam:DeleteGroupPolicy",
  input: z.object({ GroupName, PolicyName }),
  ...actsOnGroup,
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    await deleteInlinePolicy(tx, { kind: "group", id: group.id, name: group.name }, input.PolicyName);
    return {};
  },
});

export const ListRolePolicies = operation({
  name: "ListRolePolicies",
  action: "iam:ListRolePolicies",
  readOnly: true,
  input: z.object({ RoleName, ...PageInput }),
  ...actsOnRole,
  run: async ({ tx, input, caller }): Promise<PolicyNames> => {
    const role = await requireRole(tx, caller, input.RoleName);
    return listInlinePolicyNames(tx, { kind: "role", id: role.id, name: role.name }, input);
  },
});

export const GetRolePolicy = operation({
  name: "GetRolePolicy",
  action: "iam:GetRolePolicy",
  readOnly: true,
  input: z.object({ RoleName, PolicyName }),
  ...actsOnRole,
  run: async ({ tx, input, caller }): Promise<{ RoleName: string; PolicyName: string; PolicyDocument: string }> => {
    const role = await requireRole(tx, caller, input.RoleName);
    const policy = await tx.inlinePolicy.findUnique({ where: { roleId_nameLower: { roleId: role.id, nameLower: input.PolicyName.toLowerCase() } } });
    if (!policy) throw new IamError("NoSuchEntity", `The role policy with name ${input.PolicyName} cannot be found.`);
    return { RoleName: role.name, PolicyName: policy.name, PolicyDocument: policy.document };
  },
});

export const PutRolePolicy = operation({
  name: "PutRolePolicy",
  action: "iam:PutRolePolicy",
  input: z.object({ RoleName, PolicyName, PolicyDocument, CreateOnly }),
  ...actsOnRoleWithBoundary,
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const role = await requireRole(tx, caller, input.RoleName);
    await putInlinePolicy(tx, { kind: "role", id: role.id, name: role.name }, input.PolicyName, input.PolicyDocument, input.CreateOnly);
    return {};
  },
});

export const DeleteRolePolicy = operation({
  name: "DeleteRolePolicy",
  action: "iam:DeleteRolePolicy",
  input: z.object({ RoleName, PolicyName }),
  ...actsOnRoleWithBoundary,
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const role = await requireRole(tx, caller, input.RoleName);
    await deleteInlinePolicy(tx, { kind: "role", id: role.id, name: role.name }, input.PolicyName);
    return {};
  },
});

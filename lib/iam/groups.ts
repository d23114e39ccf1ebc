// IAM groups and their members: ListGroups, GetGroup, CreateGroup, UpdateGroup, DeleteGroup,
// AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser. A group is not an identity: it gathers
// users so that policies attached to it apply to each of them.

import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { groupArn } from "@/lib/policy";
import { IamError } from "./errors";
import { accountOf, actsOnGroup, actsOnUser, findGroup, requireGroup, requireUser } from "./entities";
import { uniqueId } from "./ids";
import { nameContains } from "./nameFilter";
import { requireAllowed } from "./authorize";
import { operation } from "./operation";
import { PageInput, pageFields, pageWindow, toPage } from "./pagination";
import { limitExceeded, QUOTAS } from "./quotas";
import { Filter, GroupName, Path, PathPrefix, SortOrder, UserName } from "./validation";
import { toGroupView, toUserView, type GroupView, type UserView } from "./views";

type Page = { IsTruncated: boolean; Marker?: string };

const ListGroupsInput = z.object({
  PathPrefix: PathPrefix.optional(),
  Filter: Filter.optional(),
  SortBy: z.enum(["GroupName", "CreateDate"], { error: "must be GroupName or CreateDate" }).optional(),
  SortOrder: SortOrder.optional(),
  ...PageInput,
});

export const ListGroups = operation({
  name: "ListGroups",
  action: "iam:ListGroups",
  readOnly: true,
  input: ListGroupsInput,
  // As AWS names the account's group collection in ListGroups denials.
  resource: (_input, caller) => `arn:aws:iam::${accountOf(caller)}:group/`,
  run: async (tx, input, caller): Promise<{ Groups: GroupView[]; TotalCount: number } & Page> => {
    const where: Prisma.GroupWhereInput = { accountId: accountOf(caller) };
    if (input.PathPrefix) where.path = { startsWith: input.PathPrefix };
    if (input.Filter) Object.assign(where, await nameContains(tx, "Group", accountOf(caller), input.Filter));
    const order = input.SortOrder === "Descending" ? "desc" : "asc";
    const orderBy: Prisma.GroupOrderByWithRelationInput[] =
      input.SortBy === "CreateDate" ? [{ createdAt: order }, { id: order }] : [{ nameLower: order }, { id: order }];
    const { skip, take } = pageWindow(input);
    const [rows, TotalCount] = await Promise.all([tx.group.findMany({ where, orderBy, skip, take }), tx.group.count({ where })]);
    const page = toPage(rows, input);
    return { Groups: page.items.map(toGroupView), ...pageFields(page), TotalCount };
  },
});

export const GetGroup = operation({
  name: "GetGroup",
  action: "iam:GetGroup",
  readOnly: true,
  input: z.object({ GroupName, ...PageInput }),
  ...actsOnGroup,
  run: async (tx, input, caller): Promise<{ Group: GroupView; Users: UserView[] } & Page> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const { skip, take } = pageWindow(input);
    const rows = await tx.user.findMany({
      where: { memberships: { some: { groupId: group.id } } },
      orderBy: [{ nameLower: "asc" }, { id: "asc" }],
      skip,
      take,
    });
    const page = toPage(rows, input);
    return { Group: toGroupView(group), Users: page.items.map(toUserView), ...pageFields(page) };
  },
});

function groupAlreadyExists(groupName: string): IamError {
  return new IamError("EntityAlreadyExists", `Group with name ${groupName} already exists.`);
}

export const CreateGroup = operation({
  name: "CreateGroup",
  action: "iam:CreateGroup",
  input: z.object({ GroupName, Path: Path.optional() }),
  resource: (input, caller) => groupArn(accountOf(caller), input.GroupName, input.Path ?? "/"),
  run: async (tx, input, caller): Promise<{ Group: GroupView }> => {
    const accountId = accountOf(caller);
    const path = input.Path ?? "/";
    if (await findGroup(tx, caller, input.GroupName)) throw groupAlreadyExists(input.GroupName);
    if ((await tx.group.count({ where: { accountId } })) >= QUOTAS.GroupsPerAccount) {
      throw limitExceeded("GroupsPerAccount", "Delete groups you no longer need before creating another.");
    }
    const group = await tx.group.create({
      data: {
        id: uniqueId("AGPA"),
        accountId,
        name: input.GroupName,
        nameLower: input.GroupName.toLowerCase(),
        path,
        arn: groupArn(accountId, input.GroupName, path),
      },
    });
    return { Group: toGroupView(group) };
  },
});

export const UpdateGroup = operation({
  name: "UpdateGroup",
  action: "iam:UpdateGroup",
  input: z.object({ GroupName, NewGroupName: GroupName.optional(), NewPath: Path.optional() }),
  ...actsOnGroup,
  run: async (tx, input, caller): Promise<Record<string, never>> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const name = input.NewGroupName ?? group.name;
    const path = input.NewPath ?? group.path;
    if (name.toLowerCase() !== group.nameLower && (await findGroup(tx, caller, name))) throw groupAlreadyExists(name);
    const arn = groupArn(group.accountId, name, path);
    // AWS: renaming or moving needs iam:UpdateGroup on the new ARN as well as the current one.
    if (arn !== group.arn) await requireAllowed(tx, caller, "iam:UpdateGroup", arn);
    await tx.group.update({ where: { id: group.id }, data: { name, nameLower: name.toLowerCase(), path, arn } });
    return {};
  },
});

export const DeleteGroup = operation({
  name: "DeleteGroup",
  action: "iam:DeleteGroup",
  input: z.object({ GroupName }),
  ...actsOnGroup,
  run: async (tx, input, caller): Promise<Record<string, never>> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const [members, attached, inline] = await Promise.all([
      tx.groupMembership.count({ where: { groupId: group.id } }),
      tx.groupPolicyAttachment.count({ where: { groupId: group.id } }),
      tx.inlinePolicy.count({ where: { groupId: group.id } }),
    ]);
    if (members > 0) throw new IamError("DeleteConflict", "Cannot delete entity, must remove users from group first.");
    if (attached > 0) throw new IamError("DeleteConflict", "Cannot delete entity, must detach all policies first.");
    if (inline > 0) throw new IamError("DeleteConflict", "Cannot delete entity, must delete policies first.");
    await tx.group.delete({ where: { id: group.id } });
    return {};
  },
});

const MembershipInput = z.object({ GroupName, UserName });

export const AddUserToGroup = operation({
  name: "AddUserToGroup",
  action: "iam:AddUserToGroup",
  input: MembershipInput,
  ...actsOnGroup,
  run: async (tx, input, caller): Promise<Record<string, never>> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const user = await requireUser(tx, caller, input.UserName);
    const existing = await tx.groupMembership.findUnique({ where: { userId_groupId: { userId: user.id, groupId: group.id } } });
    // Adding a member again changes nothing, as in AWS.
    if (existing) return {};
    if ((await tx.groupMembership.count({ where: { userId: user.id } })) >= QUOTAS.GroupsPerUser) {
      throw limitExceeded("GroupsPerUser", `Remove ${user.name} from a group before adding them to ${group.name}.`);
    }
    await tx.groupMembership.create({ data: { userId: user.id, groupId: group.id } });
    return {};
  },
});

export const RemoveUserFromGroup = operation({
  name: "RemoveUserFromGroup",
  action: "iam:RemoveUserFromGroup",
  input: MembershipInput,
  ...actsOnGroup,
  run: async (tx, input, caller): Promise<Record<string, never>> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const user = await requireUser(tx, caller, input.UserName);
    const { count } = await tx.groupMembership.deleteMany({ where: { userId: user.id, groupId: group.id } });
    if (count === 0) throw new IamError("NoSuchEntity", `The user with name ${user.name} is not a member of group ${group.name}.`);
    return {};
  },
});

export const ListGroupsForUser = operation({
  name: "ListGroupsForUser",
  action: "iam:ListGroupsForUser",
  readOnly: true,
  input: z.object({ UserName, ...PageInput }),
  ...actsOnUser,
  run: async (tx, input, caller): Promise<{ Groups: GroupView[] } & Page> => {
    const user = await requireUser(tx, caller, input.UserName);
    const { skip, take } = pageWindow(input);
    const rows = await tx.group.findMany({
      where: { memberships: { some: { userId: user.id } } },
      orderBy: [{ nameLower: "asc" }, { id: "asc" }],
      skip,
      take,
    });
    const page = toPage(rows, input);
    return { Groups: page.items.map(toGroupView), ...pageFields(page) };
  },
});

// IAM groups: ListGroups, GetGroup, CreateGroup, UpdateGroup, and the console's "Create user group"
// with policies attached straight away (CreateGroupWithPolicies). A group is not an identity: it
// gathers users so that policies attached to it apply to each of them. ListGroups takes the console's
// extension IncludeConsoleColumns: each group's member and policy counts, in the same operation.

import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { groupArn } from "@/lib/policy";
import { accountOf } from "../core/account";
import { uniqueId } from "../core/ids";
import { nameContains } from "../core/nameFilter";
import { operation, type Hooks } from "../core/operation";
import { PageInput, pageFields, pageWindow, toPage, type Page } from "../core/pagination";
import { limitExceeded } from "../core/quotas";
import { QUOTAS } from "../core/rules";
import { Filter, GroupName, IncludeConsoleColumns, Path, PathPrefix, PolicyArn, SortOrder } from "../core/validation";
import { AttachGroupPolicy } from "../policies/attachments";
import { toListedUserView, type UserView } from "../users/entity";
import { actsOnGroup, everyGroup, findGroup, groupAlreadyExists, requireGroup, toGroupView, type GroupView } from "./entity";

/** What AWS's console shows for each group; a count is absent when its read was denied. */
export interface GroupConsoleColumns {
  /** iam:GetGroup: how many users are in the group. */
  readonly Users?: number;
  /** iam:ListAttachedGroupPolicies and iam:ListGroupPolicies: managed plus inline policies. */
  readonly AttachedPolicies?: number;
  readonly InlinePolicies?: number;
}

export type ListedGroup = GroupView & { ConsoleColumns?: GroupConsoleColumns };

const CONSOLE_COLUMN_ACTIONS = ["iam:GetGroup", "iam:ListAttachedGroupPolicies", "iam:ListGroupPolicies"] as const;

const ListGroupsInput = z.object({
  PathPrefix: PathPrefix.optional(),
  Filter: Filter.optional(),
  SortBy: z.enum(["GroupName", "CreateDate"], { error: "must be GroupName or CreateDate" }).optional(),
  SortOrder: SortOrder.optional(),
  IncludeConsoleColumns: IncludeConsoleColumns.optional(),
  ...PageInput,
});

export const ListGroups = operation({
  name: "ListGroups",
  action: "iam:ListGroups",
  readOnly: true,
  input: ListGroupsInput,
  // As AWS names the account's group collection in ListGroups denials.
  resource: ({ caller }) => `arn:aws:iam::${accountOf(caller)}:group/`,
  optionalAuthorizations: ({ input, caller }) =>
    input.IncludeConsoleColumns ? CONSOLE_COLUMN_ACTIONS.map((action) => ({ action, resource: everyGroup(caller) })) : [],
  run: async ({ tx, input, caller, granted }): Promise<{ Groups: ListedGroup[]; TotalCount: number } & Page> => {
    const where: Prisma.GroupWhereInput = { accountId: accountOf(caller) };
    if (input.PathPrefix) where.path = { startsWith: input.PathPrefix };
    if (input.Filter) Object.assign(where, await nameContains(tx, "Group", accountOf(caller), input.Filter));
    const order = input.SortOrder === "Descending" ? "desc" : "asc";
    const orderBy: Prisma.GroupOrderByWithRelationInput[] =
      input.SortBy === "CreateDate" ? [{ createdAt: order }, { id: order }] : [{ nameLower: order }, { id: order }];
    const { skip, take } = pageWindow(input);
    const columns = input.IncludeConsoleColumns === true;
    const counted = { memberships: granted("iam:GetGroup"), attachedPolicies: granted("iam:ListAttachedGroupPolicies"), inlinePolicies: granted("iam:ListGroupPolicies") };
    const [rows, TotalCount] = await Promise.all([
      tx.group.findMany({ where, orderBy, skip, take, include: columns ? { _count: { select: counted } } : undefined }),
      tx.group.count({ where }),
    ]);
    const page = toPage(rows, input);
    const Groups = page.items.map((row): ListedGroup => {
      const view: ListedGroup = toGroupView(row);
      if (!columns) return view;
      const count = (row as unknown as { _count: Partial<Record<keyof typeof counted, number>> })._count;
      return {
        ...view,
        ConsoleColumns: {
          ...(counted.memberships ? { Users: count.memberships } : {}),
          ...(counted.attachedPolicies ? { AttachedPolicies: count.attachedPolicies } : {}),
          ...(counted.inlinePolicies ? { InlinePolicies: count.inlinePolicies } : {}),
        },
      };
    });
    return { Groups, ...pageFields(page), TotalCount };
  },
});

export const GetGroup = operation({
  name: "GetGroup",
  action: "iam:GetGroup",
  readOnly: true,
  input: z.object({ GroupName, ...PageInput }),
  ...actsOnGroup,
  run: async ({ tx, input, caller }): Promise<{ Group: GroupView; Users: UserView[] } & Page> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const { skip, take } = pageWindow(input);
    const rows = await tx.user.findMany({
      where: { memberships: { some: { groupId: group.id } } },
      orderBy: [{ nameLower: "asc" }, { id: "asc" }],
      skip,
      take,
    });
    const page = toPage(rows, input);
    return { Group: toGroupView(group), Users: page.items.map(toListedUserView), ...pageFields(page) };
  },
});

const CreateGroupInput = z.object({ GroupName, Path: Path.optional() });

const createsGroup = {
  resource: ({ input, caller }: Hooks<z.infer<typeof CreateGroupInput>>) => groupArn(accountOf(caller), input.GroupName, input.Path ?? "/"),
};

export const CreateGroup = operation({
  name: "CreateGroup",
  action: "iam:CreateGroup",
  input: CreateGroupInput,
  ...createsGroup,
  run: async ({ tx, input, caller }): Promise<{ Group: GroupView }> => {
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

/** The console's "Create user group": the group and the policies chosen for it, all or nothing. */
export const CreateGroupWithPolicies = operation({
  name: "CreateGroupWithPolicies",
  action: "iam:CreateGroup",
  input: CreateGroupInput.extend({ PolicyArns: z.array(PolicyArn).max(QUOTAS.AttachedPoliciesPerGroup, `at most ${QUOTAS.AttachedPoliciesPerGroup} policies`).optional() }),
  ...createsGroup,
  run: async ({ input, steps }): Promise<{ Group: GroupView }> => {
    const { Group } = await steps.run(CreateGroup, { GroupName: input.GroupName, Path: input.Path });
    for (const PolicyArn of input.PolicyArns ?? []) await steps.run(AttachGroupPolicy, { GroupName: Group.GroupName, PolicyArn });
    return { Group };
  },
});

export const UpdateGroup = operation({
  name: "UpdateGroup",
  action: "iam:UpdateGroup",
  input: z.object({ GroupName, NewGroupName: GroupName.optional(), NewPath: Path.optional() }),
  ...actsOnGroup,
  // AWS: renaming or moving needs iam:UpdateGroup on the new ARN as well as the current one.
  additionalAuthorizations: async ({ tx, input, caller }) => {
    const group = await findGroup(tx, caller, input.GroupName);
    if (!group) return [];
    const arn = groupArn(group.accountId, input.NewGroupName ?? group.name, input.NewPath ?? group.path);
    return arn === group.arn ? [] : [{ action: "iam:UpdateGroup", resource: arn }];
  },
  run: async ({ tx, input, caller }): Promise<Record<string, never>> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const name = input.NewGroupName ?? group.name;
    const path = input.NewPath ?? group.path;
    if (name.toLowerCase() !== group.nameLower && (await findGroup(tx, caller, name))) throw groupAlreadyExists(name);
    await tx.group.update({ where: { id: group.id }, data: { name, nameLower: name.toLowerCase(), path, arn: groupArn(group.accountId, name, path) } });
    return {};
  },
});

// Who is in which group: AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser, and the console's
// batches of them, each addition its own step: AddUsersToGroup (a group's "Add users") and
// AddUserToGroups (a user's "Add to groups"). ListGroupsForUser takes the console's extension
// IncludeConsoleColumns: each group's attached and inline policies, for a user's Permissions tab.

import { z } from "zod";
import { IamError } from "../core/errors";
import { operation } from "../core/operation";
import { PageInput, pageFields, pageWindow, toPage, type Page } from "../core/pagination";
import { limitExceeded } from "../core/quotas";
import { QUOTAS } from "../core/rules";
import { GroupName, IncludeConsoleColumns, UserName } from "../core/validation";
import { toAttachedPolicy, type AttachedPolicy } from "../policies/entity";
import { actsOnUser, requireUser } from "../users/entity";
import { actsOnGroup, everyGroup, groupResource, requireGroup, toGroupView, type GroupView } from "./entity";

type Empty = Record<string, never>;

const MembershipInput = z.object({ GroupName, UserName });

export const AddUserToGroup = operation({
  name: "AddUserToGroup",
  action: "iam:AddUserToGroup",
  input: MembershipInput,
  ...actsOnGroup,
  run: async ({ tx, input, caller }): Promise<Empty> => {
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
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const user = await requireUser(tx, caller, input.UserName);
    const { count } = await tx.groupMembership.deleteMany({ where: { userId: user.id, groupId: group.id } });
    if (count === 0) throw new IamError("NoSuchEntity", `The user with name ${user.name} is not a member of group ${group.name}.`);
    return {};
  },
});

const UserNames = z.array(UserName).min(1, "choose at least one user").max(1000, "at most 1000 users at a time");
const GroupNames = z.array(GroupName).min(1, "choose at least one group").max(QUOTAS.GroupsPerUser, `a user can be in at most ${QUOTAS.GroupsPerUser} groups`);

/** A group's "Add users": AddUserToGroup for each, all or nothing. */
export const AddUsersToGroup = operation({
  name: "AddUsersToGroup",
  action: "iam:AddUserToGroup",
  input: z.object({ GroupName, UserNames }),
  ...actsOnGroup,
  run: async ({ input, steps }): Promise<Empty> => {
    for (const UserName of input.UserNames) await steps.run(AddUserToGroup, { GroupName: input.GroupName, UserName });
    return {};
  },
});

/** A user's "Add to groups": AddUserToGroup for each group, all or nothing. */
export const AddUserToGroups = operation({
  name: "AddUserToGroups",
  action: "iam:AddUserToGroup",
  input: z.object({ UserName, GroupNames }),
  // The first group's decision; every other group's is its own step.
  resource: ({ tx, input, caller }) => groupResource(tx, caller, input.GroupNames[0]!),
  run: async ({ input, steps }): Promise<Empty> => {
    for (const GroupName of input.GroupNames) await steps.run(AddUserToGroup, { GroupName, UserName: input.UserName });
    return {};
  },
});

/** A group a user is in, with its policies when the console asked for them. */
export type GroupOfUser = GroupView & {
  ConsoleColumns?: { AttachedPolicies?: AttachedPolicy[]; InlinePolicyNames?: string[] };
};

export const ListGroupsForUser = operation({
  name: "ListGroupsForUser",
  action: "iam:ListGroupsForUser",
  readOnly: true,
  input: z.object({ UserName, IncludeConsoleColumns: IncludeConsoleColumns.optional(), ...PageInput }),
  ...actsOnUser,
  optionalAuthorizations: ({ input, caller }) =>
    input.IncludeConsoleColumns
      ? (["iam:ListAttachedGroupPolicies", "iam:ListGroupPolicies"] as const).map((action) => ({ action, resource: everyGroup(caller) }))
      : [],
  run: async ({ tx, input, caller, granted }): Promise<{ Groups: GroupOfUser[] } & Page> => {
    const user = await requireUser(tx, caller, input.UserName);
    const { skip, take } = pageWindow(input);
    const attached = input.IncludeConsoleColumns && granted("iam:ListAttachedGroupPolicies");
    const inline = input.IncludeConsoleColumns && granted("iam:ListGroupPolicies");
    const rows = await tx.group.findMany({
      where: { memberships: { some: { userId: user.id } } },
      orderBy: [{ nameLower: "asc" }, { id: "asc" }],
      skip,
      take,
      include: {
        ...(attached ? { attachedPolicies: { select: { policy: { select: { name: true, arn: true, nameLower: true } } } } } : {}),
        ...(inline ? { inlinePolicies: { select: { name: true }, orderBy: { nameLower: "asc" } } } : {}),
      },
    });
    const page = toPage(rows, input);
    const Groups = page.items.map((row): GroupOfUser => {
      const view = toGroupView(row);
      if (!input.IncludeConsoleColumns) return view;
      const withPolicies = row as unknown as { attachedPolicies?: { policy: { name: string; arn: string; nameLower: string } }[]; inlinePolicies?: { name: string }[] };
      return {
        ...view,
        ConsoleColumns: {
          ...(withPolicies.attachedPolicies
            ? { AttachedPolicies: withPolicies.attachedPolicies.map((a) => a.policy).sort((a, b) => a.nameLower.localeCompare(b.nameLower)).map(toAttachedPolicy) }
            : {}),
          ...(withPolicies.inlinePolicies ? { InlinePolicyNames: withPolicies.inlinePolicies.map((p) => p.name) } : {}),
        },
      };
    });
    return { Groups, ...pageFields(page) };
  },
});

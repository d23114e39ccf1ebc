// IAM users: ListUsers, GetUser, CreateUser, UpdateUser. ListUsers and GetUser also take the
// console's extension, IncludeConsoleColumns: each user's groups, console access, MFA and access
// keys, the columns AWS's console shows, read in the same operation (the page's work stays the same
// however many users it lists). ListUsers' ConsoleFilter narrows the list by those credentials in
// the database, so paging and TotalCount count only the users that match.

import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { userArn } from "@/lib/policy";
import { accountOf } from "../core/account";
import { uniqueId } from "../core/ids";
import { nameContains } from "../core/nameFilter";
import type { Caller } from "@/lib/auth/caller";
import { IamError } from "../core/errors";
import { operation, type Hooks } from "../core/operation";
import { PageInput, pageFields, pageWindow, toPage, type Page } from "../core/pagination";
import { limitExceeded } from "../core/quotas";
import { QUOTAS } from "../core/rules";
import { requestTagContext, tagRows } from "../core/tags";
import { Filter, IncludeConsoleColumns, Path, PathPrefix, PolicyArn, SortOrder, TagList, UserName } from "../core/validation";
import { requirePolicy } from "../policies/entity";
import { actsOnUser, everyUser, findUser, findUserWithTags, noSuchUser, requireUser, toListedUserView, toUserView, userAlreadyExists, type UserView } from "./entity";
import { permissionsBoundaryKey } from "../policies/permissionsBoundaries";

/** What AWS's console shows for each user beside the API's fields; a part is absent when its read was denied. */
export interface UserConsoleColumns {
  /** iam:ListGroupsForUser: the groups the user is in, by name. */
  readonly Groups?: string[];
  /** iam:GetLoginProfile: when the console password was last set; null without console access. */
  readonly PasswordChangedAt?: Date | null;
  /** iam:ListMFADevices: how many MFA devices are assigned. */
  readonly MFADevices?: number;
  /** iam:ListAccessKeys: the user's access keys. */
  readonly AccessKeys?: { AccessKeyId: string; Status: string; CreateDate: Date; LastUsedDate?: Date }[];
}

export type ListedUser = UserView & { ConsoleColumns?: UserConsoleColumns };

const CONSOLE_COLUMN_ACTIONS = ["iam:ListGroupsForUser", "iam:GetLoginProfile", "iam:ListMFADevices", "iam:ListAccessKeys"] as const;

/** The console's credential filters; each narrows the list to users whose credentials match. */
const ConsoleFilter = z.object({
  /** Users with at least one enabled MFA device, or with none. */
  MFA: z.enum(["Enabled", "NotEnabled"], { error: "must be Enabled or NotEnabled" }).optional(),
  /** Users with a console password, or without one. */
  ConsoleAccess: z.enum(["Enabled", "Disabled"], { error: "must be Enabled or Disabled" }).optional(),
  /** Users with an active access key created more than this many days ago (AWS advises rotating at 90). */
  ActiveAccessKeyOlderThanDays: z.int({ error: "must be a whole number of days" }).min(1, "must be at least 1 day").max(36500, "must be at most 36500 days").optional(),
});
export type UsersConsoleFilter = z.infer<typeof ConsoleFilter>;

const ListUsersInput = z.object({
  PathPrefix: PathPrefix.optional(),
  Filter: Filter.optional(),
  SortBy: z.enum(["UserName", "CreateDate", "PasswordLastUsed"], { error: "must be UserName, CreateDate or PasswordLastUsed" }).optional(),
  SortOrder: SortOrder.optional(),
  IncludeConsoleColumns: IncludeConsoleColumns.optional(),
  ConsoleFilter: ConsoleFilter.optional(),
  ...PageInput,
});

/**
 * The read each credential filter depends on. Which users match reveals that credential, so a filter
 * needs the same permission as its column, as a decision of its own: denied, the list is refused
 * rather than quietly unfiltered.
 */
function filterActions(filter: UsersConsoleFilter | undefined): string[] {
  if (!filter) return [];
  return [
    ...(filter.MFA ? ["iam:ListMFADevices"] : []),
    ...(filter.ConsoleAccess ? ["iam:GetLoginProfile"] : []),
    ...(filter.ActiveAccessKeyOlderThanDays !== undefined ? ["iam:ListAccessKeys"] : []),
  ];
}

const DAY_MS = 24 * 60 * 60 * 1000;

function consoleFilterWhere(filter: UsersConsoleFilter): Prisma.UserWhereInput[] {
  const enabledDevice = { enabledAt: { not: null } };
  const conditions: Prisma.UserWhereInput[] = [];
  if (filter.MFA) conditions.push({ mfaDevices: filter.MFA === "Enabled" ? { some: enabledDevice } : { none: enabledDevice } });
  if (filter.ConsoleAccess) conditions.push({ loginProfile: filter.ConsoleAccess === "Enabled" ? { isNot: null } : { is: null } });
  if (filter.ActiveAccessKeyOlderThanDays !== undefined) {
    const createdBefore = new Date(Date.now() - filter.ActiveAccessKeyOlderThanDays * DAY_MS);
    conditions.push({ accessKeys: { some: { status: "Active", createdAt: { lt: createdBefore } } } });
  }
  return conditions;
}

function userOrder(sortBy: "UserName" | "CreateDate" | "PasswordLastUsed", order: "asc" | "desc"): Prisma.UserOrderByWithRelationInput[] {
  // The unique ID breaks ties, so pages never repeat or skip a user whose sort value equals another's.
  if (sortBy === "CreateDate") return [{ createdAt: order }, { id: order }];
  if (sortBy === "PasswordLastUsed") return [{ passwordLastUsed: { sort: order, nulls: "last" } }, { id: order }];
  return [{ nameLower: order }, { id: order }];
}

function consoleColumnsInclude(granted: (action: string) => boolean) {
  return {
    ...(granted("iam:ListGroupsForUser") ? { memberships: { select: { group: { select: { name: true } } } } } : {}),
    ...(granted("iam:GetLoginProfile") ? { loginProfile: { select: { passwordChangedAt: true } } } : {}),
    ...(granted("iam:ListMFADevices") ? { _count: { select: { mfaDevices: { where: { enabledAt: { not: null } } } } } } : {}),
    ...(granted("iam:ListAccessKeys")
      ? { accessKeys: { orderBy: { createdAt: "asc" }, select: { id: true, status: true, createdAt: true, lastUsedAt: true } } }
      : {}),
  } satisfies Prisma.UserInclude;
}

type ColumnRow = {
  memberships?: { group: { name: string } }[];
  loginProfile?: { passwordChangedAt: Date } | null;
  _count?: { mfaDevices: number };
  accessKeys?: { id: string; status: string; createdAt: Date; lastUsedAt: Date | null }[];
};

function toConsoleColumns(row: ColumnRow, granted: (action: string) => boolean): UserConsoleColumns {
  return {
    ...(row.memberships ? { Groups: row.memberships.map((m) => m.group.name).sort((a, b) => a.localeCompare(b)) } : {}),
    ...(granted("iam:GetLoginProfile") ? { PasswordChangedAt: row.loginProfile?.passwordChangedAt ?? null } : {}),
    ...(row._count ? { MFADevices: row._count.mfaDevices } : {}),
    ...(row.accessKeys
      ? { AccessKeys: row.accessKeys.map((k) => ({ AccessKeyId: k.id, Status: k.status, CreateDate: k.createdAt, ...(k.lastUsedAt ? { LastUsedDate: k.lastUsedAt } : {}) })) }
      : {}),
  };
}

export const ListUsers = operation({
  name: "ListUsers",
  action: "iam:ListUsers",
  readOnly: true,
  input: ListUsersInput,
  // AWS names the account's user collection in ListUsers denials: arn:aws:iam::ACCOUNT:user/
  resource: ({ caller }) => `arn:aws:iam::${accountOf(caller)}:user/`,
  additionalAuthorizations: ({ input, caller }) => filterActions(input.ConsoleFilter).map((action) => ({ action, resource: everyUser(caller) })),
  // A column whose read the filter already required is not asked (and audited) a second time.
  optionalAuthorizations: ({ input, caller }) =>
    input.IncludeConsoleColumns
      ? CONSOLE_COLUMN_ACTIONS.filter((action) => !filterActions(input.ConsoleFilter).includes(action)).map((action) => ({ action, resource: everyUser(caller) }))
      : [],
  run: async ({ tx, input, caller, granted }): Promise<{ Users: ListedUser[]; TotalCount: number } & Page> => {
    const required = filterActions(input.ConsoleFilter);
    const mayRead = (action: string) => granted(action) || required.includes(action);
    const where: Prisma.UserWhereInput = { accountId: accountOf(caller) };
    if (input.PathPrefix) where.path = { startsWith: input.PathPrefix };
    if (input.Filter) Object.assign(where, await nameContains(tx, "User", accountOf(caller), input.Filter));
    if (input.ConsoleFilter) where.AND = consoleFilterWhere(input.ConsoleFilter);
    const { skip, take } = pageWindow(input);
    const columns = input.IncludeConsoleColumns === true;
    const [rows, TotalCount] = await Promise.all([
      tx.user.findMany({
        where,
        orderBy: userOrder(input.SortBy ?? "UserName", input.SortOrder === "Descending" ? "desc" : "asc"),
        skip,
        take,
        include: columns ? consoleColumnsInclude(mayRead) : undefined,
      }),
      tx.user.count({ where }),
    ]);
    const page = toPage(rows, input);
    const Users = page.items.map((row): ListedUser => ({
      ...toListedUserView(row),
      ...(columns ? { ConsoleColumns: toConsoleColumns(row as ColumnRow, mayRead) } : {}),
    }));
    return { Users, ...pageFields(page), TotalCount };
  },
});

/**
 * GetUser without a UserName is about the caller, as AWS answers it: an IAM user is named by its own
 * credentials, and the root user gets its own ARN and account ID (no name or path). A role session
 * is not a user, and must name one.
 */
const GetUserInput = z.object({ UserName: UserName.optional(), IncludeConsoleColumns: IncludeConsoleColumns.optional() });
type GetUserInput = z.infer<typeof GetUserInput>;

/** The user GetUser is about: the one named, or the calling IAM user itself; undefined for the root user. */
function askedUserName(input: GetUserInput, caller: Caller): string | undefined {
  if (input.UserName !== undefined) return input.UserName;
  if (caller.kind === "user" && caller.userName) return caller.userName;
  if (caller.kind === "root") return undefined;
  throw new IamError("ValidationError", "Must specify userName when calling with non-User credentials");
}

const actsOnAskedUser = {
  resource: (hooks: Hooks<GetUserInput>) => {
    const UserName = askedUserName(hooks.input, hooks.caller);
    return UserName === undefined ? hooks.caller.arn : actsOnUser.resource({ ...hooks, input: { UserName } });
  },
  context: (hooks: Hooks<GetUserInput>) => {
    const UserName = askedUserName(hooks.input, hooks.caller);
    return UserName === undefined ? {} : actsOnUser.context({ ...hooks, input: { UserName } });
  },
};

/** AWS's GetUser answer for the root user: its ARN, the account ID as its ID, and when it signed in. */
export interface RootUserView {
  UserId: string;
  Arn: string;
  CreateDate: Date;
  PasswordLastUsed?: Date;
}

/** GetUser's answer about a named user: what every caller that passes a UserName gets. */
export function namedUser(output: { User: ListedUser | RootUserView }): ListedUser {
  if (!("UserName" in output.User)) throw new TypeError("GetUser answered about the root user, where a user was named");
  return output.User;
}

export const GetUser = operation({
  name: "GetUser",
  action: "iam:GetUser",
  readOnly: true,
  input: GetUserInput,
  ...actsOnAskedUser,
  // The console's extension, as ListUsers' but about this one user (the dashboard shows a user their own).
  optionalAuthorizations: async (hooks) => {
    if (!hooks.input.IncludeConsoleColumns) return [];
    const resource = await actsOnAskedUser.resource(hooks);
    return CONSOLE_COLUMN_ACTIONS.map((action) => ({ action, resource }));
  },
  run: async ({ tx, input, caller, granted }): Promise<{ User: ListedUser } | { User: RootUserView }> => {
    const userName = askedUserName(input, caller);
    if (userName === undefined) {
      const root = await tx.rootUser.findUniqueOrThrow({ where: { accountId: accountOf(caller) }, select: { createdAt: true, passwordLastUsed: true } });
      return { User: { UserId: accountOf(caller), Arn: caller.arn, CreateDate: root.createdAt, ...(root.passwordLastUsed ? { PasswordLastUsed: root.passwordLastUsed } : {}) } };
    }
    if (input.IncludeConsoleColumns !== true) {
      const user = await findUserWithTags(tx, caller, userName);
      if (!user) throw noSuchUser(userName);
      return { User: toUserView(user) };
    }
    const user = await tx.user.findUnique({
      where: { accountId_nameLower: { accountId: accountOf(caller), nameLower: userName.toLowerCase() } },
      include: consoleColumnsInclude(granted),
    });
    if (!user) throw noSuchUser(userName);
    const tags = await tx.tag.findMany({ where: { userId: user.id }, orderBy: { keyLower: "asc" } });
    // Which relations the include names depends on what the caller may read: ColumnRow is that union.
    return { User: { ...toUserView({ ...user, tags }), ConsoleColumns: toConsoleColumns(user as unknown as ColumnRow, granted) } };
  },
});

export const CreateUserInput = z.object({
  UserName,
  Path: Path.optional(),
  Tags: TagList.optional(),
  PermissionsBoundary: PolicyArn.optional(),
});

/** CreateUser's resource and condition keys; the create-user workflow asks the same. */
export const createsUser = {
  resource: ({ input, caller }: Hooks<z.infer<typeof CreateUserInput>>) => userArn(accountOf(caller), input.UserName, input.Path ?? "/"),
  context: ({ input }: Hooks<z.infer<typeof CreateUserInput>>) => ({
    ...requestTagContext(input.Tags ?? []),
    ...permissionsBoundaryKey(input.PermissionsBoundary),
  }),
};

export const CreateUser = operation({
  name: "CreateUser",
  action: "iam:CreateUser",
  input: CreateUserInput,
  ...createsUser,
  run: async ({ tx, input, caller }): Promise<{ User: UserView }> => {
    const accountId = accountOf(caller);
    const path = input.Path ?? "/";
    if (await findUser(tx, caller, input.UserName)) throw userAlreadyExists(input.UserName);
    if ((await tx.user.count({ where: { accountId } })) >= QUOTAS.UsersPerAccount) {
      throw limitExceeded("UsersPerAccount", "Delete users you no longer need before creating another.");
    }
    if (input.PermissionsBoundary) await requirePolicy(tx, caller, input.PermissionsBoundary);
    const user = await tx.user.create({
      data: {
        id: uniqueId("AIDA"),
        accountId,
        name: input.UserName,
        nameLower: input.UserName.toLowerCase(),
        path,
        arn: userArn(accountId, input.UserName, path),
        permissionsBoundaryArn: input.PermissionsBoundary ?? null,
        tags: { create: tagRows(input.Tags ?? []) },
      },
      include: { tags: true },
    });
    return { User: toUserView(user) };
  },
});

const UpdateUserInput = z.object({ UserName, NewUserName: UserName.optional(), NewPath: Path.optional() });

export const UpdateUser = operation({
  name: "UpdateUser",
  action: "iam:UpdateUser",
  input: UpdateUserInput,
  ...actsOnUser,
  // AWS: renaming or moving needs iam:UpdateUser on the new ARN as well as the current one.
  additionalAuthorizations: async ({ tx, input, caller }) => {
    const user = await findUser(tx, caller, input.UserName);
    if (!user) return [];
    const arn = userArn(user.accountId, input.NewUserName ?? user.name, input.NewPath ?? user.path);
    return arn === user.arn ? [] : [{ action: "iam:UpdateUser", resource: arn }];
  },
  run: async ({ tx, input, caller }): Promise<Record<string, never>> => {
    const user = await requireUser(tx, caller, input.UserName);
    const name = input.NewUserName ?? user.name;
    const path = input.NewPath ?? user.path;
    // Renaming bob to Bob is a change of case on the same user, not a clash with another one.
    if (name.toLowerCase() !== user.nameLower && (await findUser(tx, caller, name))) throw userAlreadyExists(name);
    await tx.user.update({ where: { id: user.id }, data: { name, nameLower: name.toLowerCase(), path, arn: userArn(user.accountId, name, path) } });
    return {};
  },
});

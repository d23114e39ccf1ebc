// IAM users: ListUsers, GetUser, CreateUser, UpdateUser. Deleting a user is in userDeletion.ts and
// re-exported here, so pages import every user operation from one place.

import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { userArn } from "@/lib/policy";
import { requireAllowed } from "./authorize";
import { IamError } from "./errors";
import { accountOf, actsOnUser, findUser, requirePolicy, requireUser, requestTagContext } from "./entities";
import { uniqueId } from "./ids";
import { nameContains } from "./nameFilter";
import { operation } from "./operation";
import { PageInput, pageFields, pageWindow, toPage } from "./pagination";
import { limitExceeded, QUOTAS } from "./quotas";
import { Filter, Path, PathPrefix, PolicyArn, SortOrder, TagList, UserName } from "./validation";
import { toUserView, type UserView } from "./views";

export { DeleteUser, DeleteUserWithDependents } from "./userDeletion";

const ListUsersInput = z.object({
  PathPrefix: PathPrefix.optional(),
  Filter: Filter.optional(),
  SortBy: z.enum(["UserName", "CreateDate", "PasswordLastUsed"], { error: "must be UserName, CreateDate or PasswordLastUsed" }).optional(),
  SortOrder: SortOrder.optional(),
  ...PageInput,
});

function userOrder(sortBy: "UserName" | "CreateDate" | "PasswordLastUsed", order: "asc" | "desc"): Prisma.UserOrderByWithRelationInput[] {
  // The unique ID breaks ties, so pages never repeat or skip a user whose sort value equals another's.
  if (sortBy === "CreateDate") return [{ createdAt: order }, { id: order }];
  if (sortBy === "PasswordLastUsed") return [{ passwordLastUsed: { sort: order, nulls: "last" } }, { id: order }];
  return [{ nameLower: order }, { id: order }];
}

export const ListUsers = operation({
  name: "ListUsers",
  action: "iam:ListUsers",
  readOnly: true,
  input: ListUsersInput,
  // AWS names the account's user collection in ListUsers denials: arn:aws:iam::ACCOUNT:user/
  resource: (_input, caller) => `arn:aws:iam::${accountOf(caller)}:user/`,
  run: async (tx, input, caller): Promise<{ Users: UserView[]; IsTruncated: boolean; Marker?: string; TotalCount: number }> => {
    const where: Prisma.UserWhereInput = { accountId: accountOf(caller) };
    if (input.PathPrefix) where.path = { startsWith: input.PathPrefix };
    if (input.Filter) Object.assign(where, await nameContains(tx, "User", accountOf(caller), input.Filter));
    const { skip, take } = pageWindow(input);
    const [rows, TotalCount] = await Promise.all([
      tx.user.findMany({ where, orderBy: userOrder(input.SortBy ?? "UserName", input.SortOrder === "Descending" ? "desc" : "asc"), skip, take }),
      tx.user.count({ where }),
    ]);
    const page = toPage(rows, input);
    return { Users: page.items.map(toUserView), ...pageFields(page), TotalCount };
  },
});

const UserNameInput = z.object({ UserName });

export const GetUser = operation({
  name: "GetUser",
  action: "iam:GetUser",
  readOnly: true,
  input: UserNameInput,
  ...actsOnUser,
  run: async (tx, input, caller): Promise<{ User: UserView }> => {
    const user = await requireUser(tx, caller, input.UserName);
    const tags = await tx.tag.findMany({ where: { userId: user.id }, orderBy: { keyLower: "asc" } });
    return { User: toUserView({ ...user, tags }) };
  },
});

const CreateUserInput = z.object({
  UserName,
  Path: Path.optional(),
  Tags: TagList.optional(),
  PermissionsBoundary: PolicyArn.optional(),
});

export function userAlreadyExists(userName: string): IamError {
  return new IamError("EntityAlreadyExists", `User with name ${userName} already exists.`);
}

export const CreateUser = operation({
  name: "CreateUser",
  action: "iam:CreateUser",
  input: CreateUserInput,
  resource: (input, caller) => userArn(accountOf(caller), input.UserName, input.Path ?? "/"),
  context: (_tx, input) => ({
    ...requestTagContext(input.Tags ?? []),
    ...(input.PermissionsBoundary ? { "iam:PermissionsBoundary": input.PermissionsBoundary } : {}),
  }),
  run: async (tx, input, caller): Promise<{ User: UserView }> => {
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
        tags: { create: (input.Tags ?? []).map((t) => ({ key: t.Key, keyLower: t.Key.toLowerCase(), value: t.Value })) },
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
  run: async (tx, input, caller): Promise<Record<string, never>> => {
    const user = await requireUser(tx, caller, input.UserName);
    const name = input.NewUserName ?? user.name;
    const path = input.NewPath ?? user.path;
    // Renaming bob to Bob is a change of case on the same user, not a clash with another one.
    if (name.toLowerCase() !== user.nameLower && (await findUser(tx, caller, name))) throw userAlreadyExists(name);
    const arn = userArn(user.accountId, name, path);
    // AWS: renaming or moving needs iam:UpdateUser on the new ARN as well as the current one.
    if (arn !== user.arn) await requireAllowed(tx, caller, "iam:UpdateUser", arn);
    await tx.user.update({ where: { id: user.id }, data: { name, nameLower: name.toLowerCase(), path, arn } });
    return {};
  },
});

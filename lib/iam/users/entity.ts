// The IAM user as operations see it: found by name inside the caller's account (with AWS's
// NoSuchEntity message), named as a resource by its ARN with its real path, and returned in AWS's
// shape (UserView).

import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import { userArn, type ContextValue } from "@/lib/policy";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import type { Hooks } from "../core/operation";
import { resourceTagContext, toTags, type Tag } from "../core/tags";
import { permissionsBoundaryOf, type PermissionsBoundaryView } from "../policies/boundaryView";

export interface UserView {
  UserName: string;
  UserId: string;
  Arn: string;
  Path: string;
  CreateDate: Date;
  PasswordLastUsed?: Date;
  PermissionsBoundary?: PermissionsBoundaryView;
  Tags?: Tag[];
}

interface UserRow {
  id: string;
  name: string;
  path: string;
  arn: string;
  createdAt: Date;
  passwordLastUsed: Date | null;
  permissionsBoundaryArn: string | null;
  tags?: { key: string; value: string }[];
}

/** AWS's User shape (GetUser, CreateUser): the boundary as its structure; Tags only when there are some (AWS sends no empty Tags). */
export function toUserView(row: UserRow): UserView {
  const view: UserView = { ...toListedUserView(row), ...permissionsBoundaryOf(row.permissionsBoundaryArn) };
  if (row.tags && row.tags.length > 0) view.Tags = toTags(row.tags);
  return view;
}

/**
 * A user as listings show it (ListUsers, GetGroup's Users): AWS documents that they leave out
 * PermissionsBoundary and Tags ("To view all of the information for a user, see GetUser").
 */
export function toListedUserView(row: UserRow): UserView {
  const view: UserView = { UserName: row.name, UserId: row.id, Arn: row.arn, Path: row.path, CreateDate: row.createdAt };
  if (row.passwordLastUsed) view.PasswordLastUsed = row.passwordLastUsed;
  return view;
}

export function noSuchUser(userName: string): IamError {
  return new IamError("NoSuchEntity", `The user with name ${userName} cannot be found.`);
}

export function userAlreadyExists(userName: string): IamError {
  return new IamError("EntityAlreadyExists", `User with name ${userName} already exists.`);
}

interface UserTagRow {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly createdAt: Date;
  readonly passwordLastUsed: Date | null;
  readonly permissionsBoundaryArn: string | null;
  readonly tagKey: string | null;
  readonly tagValue: string | null;
}

/**
 * The user a request names, with its tags in AWS's order (by key), in one raw statement: every
 * request about a user asks for its ARN and its tags (aws:ResourceTag/*) before it is decided, and a
 * model query costs its compilation each time in this Prisma (lib/db/audit.ts). Portable SQL.
 */
export async function findUserWithTags(tx: Tx, caller: Caller, userName: string): Promise<(UserRow & { tags: { key: string; value: string }[] }) | undefined> {
  const rows = await tx.$queryRaw<UserTagRow[]>`
    SELECT u."id", u."name", u."path", u."arn", u."createdAt", u."passwordLastUsed", u."permissionsBoundaryArn", t."key" AS "tagKey", t."value" AS "tagValue"
      FROM "User" u LEFT JOIN "Tag" t ON t."userId" = u."id"
      WHERE u."accountId" = ${accountOf(caller)} AND u."nameLower" = ${userName.toLowerCase()}
      ORDER BY t."keyLower"`;
  const [first] = rows;
  if (!first) return undefined;
  const { tagKey: _key, tagValue: _value, ...user } = first;
  return { ...user, tags: rows.filter((r) => r.tagKey !== null).map((r) => ({ key: r.tagKey!, value: r.tagValue ?? "" })) };
}

export async function findUser(tx: Tx, caller: Caller, userName: string) {
  return tx.user.findUnique({ where: { accountId_nameLower: { accountId: accountOf(caller), nameLower: userName.toLowerCase() } } });
}

export async function requireUser(tx: Tx, caller: Caller, userName: string) {
  const user = await findUser(tx, caller, userName);
  if (!user) throw noSuchUser(userName);
  return user;
}

/**
 * The ARN of the user a request names, with its real path (a policy may grant `user/engineering/*`).
 * A user that does not exist gets the ARN it would have at the root path, so the engine still
 * decides first and only an allowed caller learns that the user is missing.
 */
export async function userResource(tx: Tx, caller: Caller, userName: string): Promise<string> {
  const user = await findUserWithTags(tx, caller, userName);
  return user?.arn ?? userArn(accountOf(caller), userName);
}

/** aws:ResourceTag/<key> for every tag of an existing user: the user resource type's condition key. */
export async function userTagContext(tx: Tx, caller: Caller, userName: string): Promise<Record<string, ContextValue>> {
  return resourceTagContext((await findUserWithTags(tx, caller, userName))?.tags ?? []);
}

/** The resource and condition keys of an operation on an existing user named by its UserName. */
export const actsOnUser = {
  resource: ({ tx, input, caller }: Hooks<{ UserName: string }>) => userResource(tx, caller, input.UserName),
  context: ({ tx, input, caller }: Hooks<{ UserName: string }>) => userTagContext(tx, caller, input.UserName),
};

/** All of the account's users, as the resource of a question about every one of them (console columns). */
export const everyUser = (caller: Caller) => `arn:aws:iam::${accountOf(caller)}:user/*`;

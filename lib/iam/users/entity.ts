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
  const user = await findUser(tx, caller, userName);
  return user?.arn ?? userArn(accountOf(caller), userName);
}

/** aws:ResourceTag/<key> for every tag of an existing user: the user resource type's condition key. */
export async function userTagContext(tx: Tx, caller: Caller, userName: string): Promise<Record<string, ContextValue>> {
  // A filter on the relation, not an include: one statement instead of two, on every request about a user.
  const tags = await tx.tag.findMany({ where: { user: { accountId: accountOf(caller), nameLower: userName.toLowerCase() } }, select: { key: true, value: true } });
  return resourceTagContext(tags);
}

/** The resource and condition keys of an operation on an existing user named by its UserName. */
export const actsOnUser = {
  resource: ({ tx, input, caller }: Hooks<{ UserName: string }>) => userResource(tx, caller, input.UserName),
  context: ({ tx, input, caller }: Hooks<{ UserName: string }>) => userTagContext(tx, caller, input.UserName),
};

/** All of the account's users, as the resource of a question about every one of them (console columns). */
export const everyUser = (caller: Caller) => `arn:aws:iam::${accountOf(caller)}:user/*`;

// The IAM group as operations see it: found by name inside the caller's account, named as a
// resource by its ARN with its path, and returned in AWS's shape (GroupView). Groups have no tags.

import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import { groupArn } from "@/lib/policy";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import type { Hooks } from "../core/operation";

export interface GroupView {
  GroupName: string;
  GroupId: string;
  Arn: string;
  Path: string;
  CreateDate: Date;
}

export function toGroupView(row: { id: string; name: string; path: string; arn: string; createdAt: Date }): GroupView {
  return { GroupName: row.name, GroupId: row.id, Arn: row.arn, Path: row.path, CreateDate: row.createdAt };
}

export function noSuchGroup(groupName: string): IamError {
  return new IamError("NoSuchEntity", `The group with name ${groupName} cannot be found.`);
}

export function groupAlreadyExists(groupName: string): IamError {
  return new IamError("EntityAlreadyExists", `Group with name ${groupName} already exists.`);
}

export async function findGroup(tx: Tx, caller: Caller, groupName: string) {
  return tx.group.findUnique({ where: { accountId_nameLower: { accountId: accountOf(caller), nameLower: groupName.toLowerCase() } } });
}

export async function requireGroup(tx: Tx, caller: Caller, groupName: string) {
  const group = await findGroup(tx, caller, groupName);
  if (!group) throw noSuchGroup(groupName);
  return group;
}

export async function groupResource(tx: Tx, caller: Caller, groupName: string): Promise<string> {
  const group = await findGroup(tx, caller, groupName);
  return group?.arn ?? groupArn(accountOf(caller), groupName);
}

/** The resource of an operation on an existing group named by its GroupName. */
export const actsOnGroup = {
  resource: ({ tx, input, caller }: Hooks<{ GroupName: string }>) => groupResource(tx, caller, input.GroupName),
};

/** All of the account's groups, as the resource of a question about every one of them (console columns). */
export const everyGroup = (caller: Caller) => `arn:aws:iam::${accountOf(caller)}:group/*`;

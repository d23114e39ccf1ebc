// Finding the entities an operation names, always inside the caller's account, with AWS's
// NoSuchEntity messages. An anonymous caller has no account, and "" matches none: a lookup can never
// reach into another account (Prisma would drop an `undefined` filter and search them all).

import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import { groupArn, userArn, type ContextValue } from "@/lib/policy";
import { IamError } from "./errors";

/** The caller's account ID, or "" (no account) for anonymous callers. */
export function accountOf(caller: Caller): string {
  return caller.accountId ?? "";
}

export function noSuchUser(userName: string): IamError {
  return new IamError("NoSuchEntity", `The user with name ${userName} cannot be found.`);
}

export function noSuchGroup(groupName: string): IamError {
  return new IamError("NoSuchEntity", `The group with name ${groupName} cannot be found.`);
}

export function noSuchPolicy(arn: string): IamError {
  return new IamError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`);
}

export async function findUser(tx: Tx, caller: Caller, userName: string) {
  return tx.user.findUnique({ where: { accountId_nameLower: { accountId: accountOf(caller), nameLower: userName.toLowerCase() } } });
}

export async function requireUser(tx: Tx, caller: Caller, userName: string) {
  const user = await findUser(tx, caller, userName);
  if (!user) throw noSuchUser(userName);
  return user;
}

export async function findGroup(tx: Tx, caller: Caller, groupName: string) {
  return tx.group.findUnique({ where: { accountId_nameLower: { accountId: accountOf(caller), nameLower: groupName.toLowerCase() } } });
}

export async function requireGroup(tx: Tx, caller: Caller, groupName: string) {
  const group = await findGroup(tx, caller, groupName);
  if (!group) throw noSuchGroup(groupName);
  return group;
}

/** A managed policy the caller's account can use: its own customer managed policies and AWS's. */
export async function findPolicy(tx: Tx, caller: Caller, arn: string) {
  const policy = await tx.managedPolicy.findUnique({ where: { arn } });
  if (!policy) return undefined;
  return policy.accountId === null || policy.accountId === accountOf(caller) ? policy : undefined;
}

export async function requirePolicy(tx: Tx, caller: Caller, arn: string) {
  const policy = await findPolicy(tx, caller, arn);
  if (!policy) throw noSuchPolicy(arn);
  return policy;
}

/**
 * A managed policy the caller may change: its own account's. AWS managed policies are shared by every
 * account and maintained by AWS, so Portcullis refuses to edit them (AWS answers such writes with a
 * denial; InvalidInput says why without blaming the caller's permissions).
 */
export async function requireCustomerPolicy(tx: Tx, caller: Caller, arn: string) {
  const policy = await requirePolicy(tx, caller, arn);
  if (policy.accountId === null) {
    throw new IamError("InvalidInput", `AWS managed policies are read-only in Portcullis. To change ${policy.name}, create a customer managed policy from its document.`);
  }
  return policy;
}

/** aws:ResourceTag/<key> for every tag of a customer managed policy (AWS managed policies have none). */
export async function policyTagContext(tx: Tx, caller: Caller, arn: string): Promise<Record<string, ContextValue>> {
  const policy = await findPolicy(tx, caller, arn);
  const tags = policy ? await tx.tag.findMany({ where: { policyId: policy.id }, select: { key: true, value: true } }) : [];
  return Object.fromEntries(tags.map((tag) => [`aws:ResourceTag/${tag.key}`, tag.value]));
}

/** The resource and condition keys of an operation on a managed policy named by its PolicyArn. */
export const actsOnPolicy = {
  resource: (input: { PolicyArn: string }) => input.PolicyArn,
  context: (tx: Tx, input: { PolicyArn: string }, caller: Caller) => policyTagContext(tx, caller, input.PolicyArn),
};

/**
 * The ARN of the user a request names, with its real path (a policy may grant `user/engineering/*`).
 * A user that does not exist gets the ARN it would have at the root path, so the engine still
 * decides first and only an allowed caller learns that the user is missing.
 */
export async function userResource(tx: Tx, caller: Caller, userName: string): Promise<string> {
  const user = await findUser(tx, caller, userName);
  return user?.arn ?? userArn(accountOf(caller), userName);
}

export async function groupResource(tx: Tx, caller: Caller, groupName: string): Promise<string> {
  const group = await findGroup(tx, caller, groupName);
  return group?.arn ?? groupArn(accountOf(caller), groupName);
}

/** aws:ResourceTag/<key> for every tag of an existing user: the user resource type's condition key. */
export async function userTagContext(tx: Tx, caller: Caller, userName: string): Promise<Record<string, ContextValue>> {
  const user = await tx.user.findUnique({
    where: { accountId_nameLower: { accountId: accountOf(caller), nameLower: userName.toLowerCase() } },
    select: { tags: { select: { key: true, value: true } } },
  });
  const context: Record<string, ContextValue> = {};
  for (const tag of user?.tags ?? []) context[`aws:ResourceTag/${tag.key}`] = tag.value;
  return context;
}

/** aws:RequestTag/<key> and aws:TagKeys for the tags a request sets. */
export function requestTagContext(tags: readonly { Key: string; Value: string }[]): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (const tag of tags) context[`aws:RequestTag/${tag.Key}`] = tag.Value;
  if (tags.length > 0) context["aws:TagKeys"] = tags.map((t) => t.Key);
  return context;
}

/** The resource and condition keys of an operation on an existing user named by its UserName. */
export const actsOnUser = {
  resource: (input: { UserName: string }, caller: Caller, tx: Tx) => userResource(tx, caller, input.UserName),
  context: (tx: Tx, input: { UserName: string }, caller: Caller) => userTagContext(tx, caller, input.UserName),
};

/** The resource of an operation on an existing group named by its GroupName (groups have no tags). */
export const actsOnGroup = {
  resource: (input: { GroupName: string }, caller: Caller, tx: Tx) => groupResource(tx, caller, input.GroupName),
};

// The IAM role as operations see it: found by name inside the caller's account (with AWS's
// NoSuchEntity message), named as a resource by its ARN with its real path, and returned in AWS's
// Role shape (RoleView). The trust policy is returned as the JSON text it was saved as, the way
// policy versions' documents are returned in this codebase (AWS URL-encodes it on the wire; the
// console and SDK-shaped callers here read the text directly).

import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import { roleArn, type ContextValue } from "@/lib/policy";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import type { Hooks } from "../core/operation";
import { resourceTagContext, toTags, type Tag } from "../core/tags";
import { permissionsBoundaryOf, type PermissionsBoundaryView } from "../policies/boundaryView";

export type { PermissionsBoundaryView } from "../policies/boundaryView";

/** AWS's RoleLastUsed: empty when the role has no recorded use (AWS returns {} then too). */
export interface RoleLastUsedView {
  LastUsedDate?: Date;
  Region?: string;
}

/** A role's RoleLastUsed from its row: when and in which region it was last assumed. */
export function roleLastUsedOf(row: { lastUsedAt?: Date | null; lastUsedRegion?: string | null }): RoleLastUsedView {
  return row.lastUsedAt ? { LastUsedDate: row.lastUsedAt, ...(row.lastUsedRegion ? { Region: row.lastUsedRegion } : {}) } : {};
}

export interface RoleView {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: Date;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  PermissionsBoundary?: PermissionsBoundaryView;
  Tags?: Tag[];
  RoleLastUsed?: RoleLastUsedView;
}

export interface RoleRow {
  id: string;
  name: string;
  path: string;
  arn: string;
  createdAt: Date;
  description: string;
  trustPolicy: string;
  maxSessionDuration: number;
  permissionsBoundaryArn: string | null;
  lastUsedAt?: Date | null;
  lastUsedRegion?: string | null;
  tags?: { key: string; value: string }[];
}

/**
 * AWS's Role shape. Description is left out when empty (AWS omits an unset description).
 * - `listed`: ListRoles' subset, which AWS documents as leaving out PermissionsBoundary, RoleLastUsed
 *   and Tags ("To view all of the information for a role, see GetRole").
 * - `lastUsed`: GetRole's RoleLastUsed: when the role was last assumed, or AWS's empty one for a role
 *   never used. ListRoles adds it only for the console's last-activity column (IncludeRoleLastUsed).
 */
export function toRoleView(row: RoleRow, options: { listed?: boolean; lastUsed?: boolean } = {}): RoleView {
  const view: RoleView = {
    Path: row.path,
    RoleName: row.name,
    RoleId: row.id,
    Arn: row.arn,
    CreateDate: row.createdAt,
    AssumeRolePolicyDocument: row.trustPolicy,
    MaxSessionDuration: row.maxSessionDuration,
  };
  if (row.description) view.Description = row.description;
  const lastUsed = roleLastUsedOf(row);
  if (options.listed) return options.lastUsed ? { ...view, RoleLastUsed: lastUsed } : view;
  Object.assign(view, permissionsBoundaryOf(row.permissionsBoundaryArn));
  if (row.tags && row.tags.length > 0) view.Tags = toTags(row.tags);
  if (options.lastUsed) view.RoleLastUsed = lastUsed;
  return view;
}

export function noSuchRole(roleName: string): IamError {
  return new IamError("NoSuchEntity", `The role with name ${roleName} cannot be found.`);
}

export function roleAlreadyExists(roleName: string): IamError {
  return new IamError("EntityAlreadyExists", `Role with name ${roleName} already exists.`);
}

export async function findRole(tx: Tx, caller: Caller, roleName: string) {
  return tx.role.findUnique({ where: { accountId_nameLower: { accountId: accountOf(caller), nameLower: roleName.toLowerCase() } } });
}

export async function requireRole(tx: Tx, caller: Caller, roleName: string) {
  const role = await findRole(tx, caller, roleName);
  if (!role) throw noSuchRole(roleName);
  return role;
}

/**
 * The ARN of the role a request names, with its real path (a policy may grant `role/service/*`).
 * A role that does not exist gets the ARN it would have at the root path, so the engine still
 * decides first and only an allowed caller learns that the role is missing.
 */
export async function roleResource(tx: Tx, caller: Caller, roleName: string): Promise<string> {
  const role = await findRole(tx, caller, roleName);
  return role?.arn ?? roleArn(accountOf(caller), roleName);
}

/** aws:ResourceTag/<key> for every tag of an existing role: the role resource type's condition key. */
export async function roleTagContext(tx: Tx, caller: Caller, roleName: string): Promise<Record<string, ContextValue>> {
  const role = await tx.role.findUnique({
    where: { accountId_nameLower: { accountId: accountOf(caller), nameLower: roleName.toLowerCase() } },
    select: { tags: { select: { key: true, value: true } } },
  });
  return resourceTagContext(role?.tags ?? []);
}

/** The resource and condition keys of an operation on an existing role named by its RoleName. */
export const actsOnRole = {
  resource: ({ tx, input, caller }: Hooks<{ RoleName: string }>) => roleResource(tx, caller, input.RoleName),
  context: ({ tx, input, caller }: Hooks<{ RoleName: string }>) => roleTagContext(tx, caller, input.RoleName),
};

/** All of the account's roles, as the resource of a question about every one of them (console columns). */
export const everyRole = (caller: Caller) => `arn:aws:iam::${accountOf(caller)}:role/*`;

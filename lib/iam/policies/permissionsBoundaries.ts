// Permissions boundaries of users and roles: PutUserPermissionsBoundary,
// DeleteUserPermissionsBoundary, PutRolePermissionsBoundary and DeleteRolePermissionsBoundary. A
// boundary is a managed policy (AWS's or the account's own) that caps what the principal's identity
// policies can grant; it grants nothing itself. The boundary is stored as its ARN on the principal,
// and core/policySet.ts reads it on every request, so a change applies to the principal's next request.
//
// iam:PermissionsBoundary is the condition key that lets an administrator delegate safely ("you may
// create and change users only if they keep the boundary DevBoundary"): on Put it names the
// boundary being set; on Delete, and on the user's and role's policy operations, the boundary the principal
// has now (absent when it has none), so a Deny on removing that boundary can name it.

import { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import type { ContextValue } from "@/lib/policy";
import { operation, type Hooks } from "../core/operation";
import { PolicyArn, RoleName, UserName } from "../core/validation";
import { actsOnRole, findRole, requireRole, roleTagContext } from "../roles/entity";
import { actsOnUser, findUser, requireUser, userTagContext } from "../users/entity";
import { requirePolicy } from "./entity";

type Empty = Record<string, never>;

/** iam:PermissionsBoundary for a boundary ARN; no key at all when there is none (a Null condition can test that). */
export function permissionsBoundaryKey(arn: string | null | undefined): Record<string, ContextValue> {
  return arn ? { "iam:PermissionsBoundary": arn } : {};
}

/** A user's aws:ResourceTag/* and the iam:PermissionsBoundary it has now. */
export async function userBoundaryContext(tx: Tx, caller: Caller, userName: string): Promise<Record<string, ContextValue>> {
  const user = await findUser(tx, caller, userName);
  return { ...(await userTagContext(tx, caller, userName)), ...permissionsBoundaryKey(user?.permissionsBoundaryArn) };
}

/** A role's aws:ResourceTag/* and the iam:PermissionsBoundary it has now. */
export async function roleBoundaryContext(tx: Tx, caller: Caller, roleName: string): Promise<Record<string, ContextValue>> {
  const role = await findRole(tx, caller, roleName);
  return { ...(await roleTagContext(tx, caller, roleName)), ...permissionsBoundaryKey(role?.permissionsBoundaryArn) };
}

/** An operation on a user whose condition keys include its current boundary (AWS lists the key for the user's policy operations). */
export const actsOnUserWithBoundary = {
  resource: actsOnUser.resource,
  context: ({ tx, input, caller }: Hooks<{ UserName: string }>) => userBoundaryContext(tx, caller, input.UserName),
};

/** An operation on a role whose condition keys include its current boundary (AWS lists the key for the role's policy operations). */
export const actsOnRoleWithBoundary = {
  resource: actsOnRole.resource,
  context: ({ tx, input, caller }: Hooks<{ RoleName: string }>) => roleBoundaryContext(tx, caller, input.RoleName),
};

// AWS names the input PermissionsBoundary (not PolicyArn): the ARN of the managed policy to set.
const PermissionsBoundary = PolicyArn;

export const PutUserPermissionsBoundary = operation({
  name: "PutUserPermissionsBoundary",
  action: "iam:PutUserPermissionsBoundary",
  input: z.object({ UserName, PermissionsBoundary }),
  resource: actsOnUser.resource,
  context: async ({ tx, input, caller }) => ({ ...(await userTagContext(tx, caller, input.UserName)), ...permissionsBoundaryKey(input.PermissionsBoundary) }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const user = await requireUser(tx, caller, input.UserName);
    // The boundary must be a managed policy this account can use: a missing one would deny the user everything.
    const policy = await requirePolicy(tx, caller, input.PermissionsBoundary);
    await tx.user.update({ where: { id: user.id }, data: { permissionsBoundaryArn: policy.arn } });
    return {};
  },
});

export const DeleteUserPermissionsBoundary = operation({
  name: "DeleteUserPermissionsBoundary",
  action: "iam:DeleteUserPermissionsBoundary",
  input: z.object({ UserName }),
  resource: actsOnUser.resource,
  context: ({ tx, input, caller }) => userBoundaryContext(tx, caller, input.UserName),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const user = await requireUser(tx, caller, input.UserName);
    // A user without a boundary is already what was asked for: AWS answers success and so does Portcullis.
    if (user.permissionsBoundaryArn !== null) await tx.user.update({ where: { id: user.id }, data: { permissionsBoundaryArn: null } });
    return {};
  },
});

export const PutRolePermissionsBoundary = operation({
  name: "PutRolePermissionsBoundary",
  action: "iam:PutRolePermissionsBoundary",
  input: z.object({ RoleName, PermissionsBoundary }),
  resource: actsOnRole.resource,
  context: async ({ tx, input, caller }) => ({ ...(await roleTagContext(tx, caller, input.RoleName)), ...permissionsBoundaryKey(input.PermissionsBoundary) }),
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const role = await requireRole(tx, caller, input.RoleName);
    const policy = await requirePolicy(tx, caller, input.PermissionsBoundary);
    await tx.role.update({ where: { id: role.id }, data: { permissionsBoundaryArn: policy.arn } });
    return {};
  },
});

export const DeleteRolePermissionsBoundary = operation({
  name: "DeleteRolePermissionsBoundary",
  action: "iam:DeleteRolePermissionsBoundary",
  input: z.object({ RoleName }),
  ...actsOnRoleWithBoundary,
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const role = await requireRole(tx, caller, input.RoleName);
    if (role.permissionsBoundaryArn !== null) await tx.role.update({ where: { id: role.id }, data: { permissionsBoundaryArn: null } });
    return {};
  },
});

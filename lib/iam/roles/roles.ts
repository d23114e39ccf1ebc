// IAM roles: CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription,
// UpdateAssumeRolePolicy and DeleteRole. A role is an identity without long-term credentials: its
// trust policy (AssumeRolePolicyDocument, a resource-based policy on the role) says who may assume
// it, and is checked with the engine's trust-policy rules before it is saved. ListRoles takes the
// console's extensions the users list has: Filter (a name substring) and TotalCount.

import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { roleArn, validatePolicy } from "@/lib/policy";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import { uniqueId } from "../core/ids";
import { nameContains } from "../core/nameFilter";
import { operation, type Hooks } from "../core/operation";
import { PageInput, pageFields, pageWindow, toPage, type Page } from "../core/pagination";
import { limitExceeded } from "../core/quotas";
import { QUOTAS, ROLE_DESCRIPTION_MAX_LENGTH, ROLE_MAX_SESSION_DURATION } from "../core/rules";
import { requestTagContext, tagRows } from "../core/tags";
import { Filter, Path, PathPrefix, PolicyArn, PolicyDocument, RoleName, SortOrder, TagList } from "../core/validation";
import { malformedPolicyDocument } from "../policies/document";
import { requirePolicy } from "../policies/entity";
import { permissionsBoundaryKey } from "../policies/permissionsBoundaries";
import { actsOnRole, findRole, noSuchRole, requireRole, roleAlreadyExists, toRoleView, type RoleView } from "./entity";

type Empty = Record<string, never>;

/**
 * Throws MalformedPolicyDocument unless the trust policy has no error findings under the engine's
 * trust-policy rules (a Principal in every statement, no NotPrincipal, no Resource, 2,048 characters
 * without white space). The stored text is exactly what the caller wrote.
 */
export function requireValidTrustPolicy(text: string): void {
  const errors = validatePolicy(text, { kind: "trust" }).filter((f) => f.severity === "error");
  if (errors.length > 0) throw malformedPolicyDocument(errors);
}

const { min: MIN_SESSION, max: MAX_SESSION } = ROLE_MAX_SESSION_DURATION;

const MaxSessionDuration = z
  .int({ error: "must be a whole number of seconds" })
  .min(MIN_SESSION, `must be at least ${MIN_SESSION} seconds (1 hour)`)
  .max(MAX_SESSION, `must be at most ${MAX_SESSION} seconds (12 hours)`);

const RoleDescription = z
  .string()
  .max(ROLE_DESCRIPTION_MAX_LENGTH, `must be at most ${ROLE_DESCRIPTION_MAX_LENGTH} characters`)
  // AWS's pattern for a role description: printable characters, Latin-1 and tab/line breaks.
  .regex(/^[\t\n\r\x20-\x7E\xA1-\xFF]*$/, "may contain only printable characters");

// The shared PolicyDocument bounds (AWS's request limit), with its own name when it is missing.
const AssumeRolePolicyDocument = z.string({ error: "AssumeRolePolicyDocument is required" }).pipe(PolicyDocument);

export const CreateRoleInput = z.object({
  RoleName,
  Path: Path.optional(),
  AssumeRolePolicyDocument,
  Description: RoleDescription.optional(),
  MaxSessionDuration: MaxSessionDuration.optional(),
  PermissionsBoundary: PolicyArn.optional(),
  Tags: TagList.optional(),
});

/** CreateRole's resource and condition keys: the new role's ARN, its tags and its boundary. */
export const createsRole = {
  resource: ({ input, caller }: Hooks<z.infer<typeof CreateRoleInput>>) => roleArn(accountOf(caller), input.RoleName, input.Path ?? "/"),
  context: ({ input }: Hooks<z.infer<typeof CreateRoleInput>>) => ({
    ...requestTagContext(input.Tags ?? []),
    ...permissionsBoundaryKey(input.PermissionsBoundary),
  }),
};

export const CreateRole = operation({
  name: "CreateRole",
  action: "iam:CreateRole",
  input: CreateRoleInput,
  ...createsRole,
  run: async ({ tx, input, caller }): Promise<{ Role: RoleView }> => {
    const accountId = accountOf(caller);
    const path = input.Path ?? "/";
    requireValidTrustPolicy(input.AssumeRolePolicyDocument);
    if (await findRole(tx, caller, input.RoleName)) throw roleAlreadyExists(input.RoleName);
    if ((await tx.role.count({ where: { accountId } })) >= QUOTAS.RolesPerAccount) {
      throw limitExceeded("RolesPerAccount", "Delete roles you no longer need before creating another.");
    }
    // A boundary must be a managed policy that exists (customer managed in this account, or AWS managed).
    if (input.PermissionsBoundary) await requirePolicy(tx, caller, input.PermissionsBoundary);
    const role = await tx.role.create({
      data: {
        id: uniqueId("AROA"),
        accountId,
        name: input.RoleName,
        nameLower: input.RoleName.toLowerCase(),
        path,
        arn: roleArn(accountId, input.RoleName, path),
        description: input.Description ?? "",
        trustPolicy: input.AssumeRolePolicyDocument,
        maxSessionDuration: input.MaxSessionDuration ?? ROLE_MAX_SESSION_DURATION.default,
        permissionsBoundaryArn: input.PermissionsBoundary ?? null,
        tags: { create: tagRows(input.Tags ?? []) },
      },
      include: { tags: { orderBy: { keyLower: "asc" } } },
    });
    return { Role: toRoleView(role) };
  },
});

export const GetRole = operation({
  name: "GetRole",
  action: "iam:GetRole",
  readOnly: true,
  input: z.object({ RoleName }),
  ...actsOnRole,
  run: async ({ tx, input, caller }): Promise<{ Role: RoleView }> => {
    const role = await tx.role.findUnique({
      where: { accountId_nameLower: { accountId: accountOf(caller), nameLower: input.RoleName.toLowerCase() } },
      include: { tags: { orderBy: { keyLower: "asc" } } },
    });
    if (!role) throw noSuchRole(input.RoleName);
    return { Role: toRoleView(role, { lastUsed: true }) };
  },
});

const ListRolesInput = z.object({
  PathPrefix: PathPrefix.optional(),
  Filter: Filter.optional(),
  SortBy: z.enum(["RoleName", "CreateDate"], { error: "must be RoleName or CreateDate" }).optional(),
  SortOrder: SortOrder.optional(),
  /** Portcullis's console extension: each role's RoleLastUsed, for the list's last-activity column. */
  IncludeRoleLastUsed: z.boolean({ error: "must be true or false" }).optional(),
  ...PageInput,
});

export const ListRoles = operation({
  name: "ListRoles",
  action: "iam:ListRoles",
  readOnly: true,
  input: ListRolesInput,
  // As AWS names the account's role collection in ListRoles denials.
  resource: ({ caller }) => `arn:aws:iam::${accountOf(caller)}:role/`,
  run: async ({ tx, input, caller }): Promise<{ Roles: RoleView[]; TotalCount: number } & Page> => {
    const where: Prisma.RoleWhereInput = { accountId: accountOf(caller) };
    if (input.PathPrefix) where.path = { startsWith: input.PathPrefix };
    if (input.Filter) Object.assign(where, await nameContains(tx, "Role", accountOf(caller), input.Filter));
    const order = input.SortOrder === "Descending" ? "desc" : "asc";
    // The unique ID breaks ties, so pages never repeat or skip a role whose sort value equals another's.
    const orderBy: Prisma.RoleOrderByWithRelationInput[] =
      input.SortBy === "CreateDate" ? [{ createdAt: order }, { id: order }] : [{ nameLower: order }, { id: order }];
    const { skip, take } = pageWindow(input);
    const [rows, TotalCount] = await Promise.all([tx.role.findMany({ where, orderBy, skip, take }), tx.role.count({ where })]);
    const page = toPage(rows, input);
    return { Roles: page.items.map((row) => toRoleView(row, { listed: true, lastUsed: input.IncludeRoleLastUsed })), ...pageFields(page), TotalCount };
  },
});

export const UpdateRole = operation({
  name: "UpdateRole",
  action: "iam:UpdateRole",
  input: z.object({ RoleName, Description: RoleDescription.optional(), MaxSessionDuration: MaxSessionDuration.optional() }),
  ...actsOnRole,
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const role = await requireRole(tx, caller, input.RoleName);
    // A field left out keeps its value, as in AWS; an empty Description clears it.
    await tx.role.update({
      where: { id: role.id },
      data: {
        ...(input.Description !== undefined ? { description: input.Description } : {}),
        ...(input.MaxSessionDuration !== undefined ? { maxSessionDuration: input.MaxSessionDuration } : {}),
      },
    });
    return {};
  },
});

export const UpdateRoleDescription = operation({
  name: "UpdateRoleDescription",
  action: "iam:UpdateRoleDescription",
  input: z.object({ RoleName, Description: RoleDescription }),
  ...actsOnRole,
  run: async ({ tx, input, caller }): Promise<{ Role: RoleView }> => {
    const role = await requireRole(tx, caller, input.RoleName);
    const updated = await tx.role.update({
      where: { id: role.id },
      data: { description: input.Description },
      include: { tags: { orderBy: { keyLower: "asc" } } },
    });
    return { Role: toRoleView(updated, { lastUsed: true }) };
  },
});

export const UpdateAssumeRolePolicy = operation({
  name: "UpdateAssumeRolePolicy",
  action: "iam:UpdateAssumeRolePolicy",
  input: z.object({ RoleName, PolicyDocument }),
  ...actsOnRole,
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const role = await requireRole(tx, caller, input.RoleName);
    requireValidTrustPolicy(input.PolicyDocument);
    await tx.role.update({ where: { id: role.id }, data: { trustPolicy: input.PolicyDocument } });
    return {};
  },
});

export const DeleteRole = operation({
  name: "DeleteRole",
  action: "iam:DeleteRole",
  input: z.object({ RoleName }),
  ...actsOnRole,
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const role = await requireRole(tx, caller, input.RoleName);
    // The schema has no instance profiles, so policies are the only things that can hold a role.
    const [attached, inline] = await Promise.all([
      tx.rolePolicyAttachment.count({ where: { roleId: role.id } }),
      tx.inlinePolicy.count({ where: { roleId: role.id } }),
    ]);
    if (attached > 0) throw new IamError("DeleteConflict", "Cannot delete entity, must detach all policies first.");
    if (inline > 0) throw new IamError("DeleteConflict", "Cannot delete entity, must delete policies first.");
    await tx.role.delete({ where: { id: role.id } });
    return {};
  },
});

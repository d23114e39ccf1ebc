// Managed policies: ListPolicies, GetPolicy, ListEntitiesForPolicy, CreatePolicy, DeletePolicy, and
// the console's delete that detaches the policy from everything first (DeletePolicyWithDependents).
// Versions are in versions.ts, attachments in attachments.ts. AWS managed policies (no account) are
// visible from every account and read-only; counts and entity lists only ever cover the caller's
// own account.

import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { policyArn } from "@/lib/policy";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import { uniqueId } from "../core/ids";
import { nameContains } from "../core/nameFilter";
import { operation } from "../core/operation";
import { PageInput, pageFields, pageWindow, toPage, type Page } from "../core/pagination";
import { limitExceeded } from "../core/quotas";
import { QUOTAS } from "../core/rules";
import { requestTagContext, tagRows } from "../core/tags";
import { Filter, Path, PathPrefix, PolicyArn, PolicyDescription, PolicyDocument, PolicyName, SortOrder, TagList } from "../core/validation";
import { DetachGroupPolicy, DetachRolePolicy, DetachUserPolicy } from "./attachments";
import { requireValidPolicyDocument } from "./document";
import { actsOnPolicy, attachmentCounts, attachmentTotal, boundaryUseCounts, policyView, requireCustomerPolicy, requirePolicy, toPolicyView, type PolicyView } from "./entity";

const ListPoliciesInput = z.object({
  Scope: z.enum(["All", "AWS", "Local"], { error: "must be All, AWS or Local" }).optional(),
  OnlyAttached: z.boolean().optional(),
  PathPrefix: PathPrefix.optional(),
  Filter: Filter.optional(),
  SortBy: z.enum(["PolicyName", "CreateDate", "UpdateDate"], { error: "must be PolicyName, CreateDate or UpdateDate" }).optional(),
  SortOrder: SortOrder.optional(),
  ...PageInput,
});

export const ListPolicies = operation({
  name: "ListPolicies",
  action: "iam:ListPolicies",
  readOnly: true,
  input: ListPoliciesInput,
  resource: ({ caller }) => `arn:aws:iam::${accountOf(caller)}:policy/`,
  run: async ({ tx, input, caller }): Promise<{ Policies: PolicyView[]; TotalCount: number } & Page> => {
    const accountId = accountOf(caller);
    const scope = input.Scope ?? "All";
    const and: Prisma.ManagedPolicyWhereInput[] = [
      scope === "AWS" ? { accountId: null } : scope === "Local" ? { accountId } : { OR: [{ accountId }, { accountId: null }] },
    ];
    if (input.PathPrefix) and.push({ path: { startsWith: input.PathPrefix } });
    if (input.Filter) and.push(await nameContains(tx, "ManagedPolicy", accountId, input.Filter));
    if (input.OnlyAttached) {
      and.push({
        OR: [
          { userAttachments: { some: { user: { accountId } } } },
          { groupAttachments: { some: { group: { accountId } } } },
          { roleAttachments: { some: { role: { accountId } } } },
        ],
      });
    }
    const where: Prisma.ManagedPolicyWhereInput = { AND: and };
    const order = input.SortOrder === "Descending" ? "desc" : "asc";
    const orderBy: Prisma.ManagedPolicyOrderByWithRelationInput[] =
      input.SortBy === "CreateDate"
        ? [{ createdAt: order }, { id: order }]
        : input.SortBy === "UpdateDate"
          ? [{ updatedAt: order }, { id: order }]
          : [{ nameLower: order }, { id: order }];
    const { skip, take } = pageWindow(input);
    const [rows, TotalCount] = await Promise.all([
      tx.managedPolicy.findMany({ where, orderBy, skip, take, include: attachmentCounts(accountId) }),
      tx.managedPolicy.count({ where }),
    ]);
    const page = toPage(rows, input);
    const boundaryUses = await boundaryUseCounts(tx, accountId, page.items.map((row) => row.arn));
    return {
      Policies: page.items.map((row) => toPolicyView(row, { attachments: attachmentTotal(row), boundaryUses: boundaryUses.get(row.arn) ?? 0 })),
      ...pageFields(page),
      TotalCount,
    };
  },
});

export const GetPolicy = operation({
  name: "GetPolicy",
  action: "iam:GetPolicy",
  readOnly: true,
  input: z.object({ PolicyArn }),
  resource: ({ input }) => input.PolicyArn,
  run: async ({ tx, input, caller }): Promise<{ Policy: PolicyView }> => {
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    return { Policy: (await policyView(tx, accountOf(caller), policy.arn))! };
  },
});

export interface PolicyEntities extends Page {
  PolicyUsers: { UserName: string; UserId: string }[];
  PolicyGroups: { GroupName: string; GroupId: string }[];
  PolicyRoles: { RoleName: string; RoleId: string }[];
}

type EntityKind = "User" | "Group" | "Role";
type EntityRow = { kind: EntityKind; name: string; id: string };

// One page runs across the three lists in a fixed order (users, groups, then roles, each by name):
// the window is cut from each table in turn by its count, so the database skips and takes, and a
// Marker from one page continues in whichever list the last one stopped.
const ENTITY_KINDS: readonly EntityKind[] = ["User", "Group", "Role"];

export const ListEntitiesForPolicy = operation({
  name: "ListEntitiesForPolicy",
  action: "iam:ListEntitiesForPolicy",
  readOnly: true,
  input: z.object({ PolicyArn, EntityFilter: z.enum(["User", "Group", "Role"], { error: "must be User, Group or Role" }).optional(), ...PageInput }),
  resource: ({ input }) => input.PolicyArn,
  run: async ({ tx, input, caller }): Promise<PolicyEntities> => {
    const accountId = accountOf(caller);
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    const where = { accountId, attachedPolicies: { some: { policyId: policy.id } } };
    const orderBy = [{ nameLower: "asc" as const }, { id: "asc" as const }];
    const select = { name: true, id: true };
    const table = {
      User: { count: () => tx.user.count({ where }), rows: (skip: number, take: number) => tx.user.findMany({ where, orderBy, select, skip, take }) },
      Group: { count: () => tx.group.count({ where }), rows: (skip: number, take: number) => tx.group.findMany({ where, orderBy, select, skip, take }) },
      Role: { count: () => tx.role.count({ where }), rows: (skip: number, take: number) => tx.role.findMany({ where, orderBy, select, skip, take }) },
    };
    const { skip, take } = pageWindow(input);
    const rows: EntityRow[] = [];
    let before = 0;
    for (const kind of ENTITY_KINDS.filter((k) => !input.EntityFilter || input.EntityFilter === k)) {
      const wanted = take - rows.length;
      if (wanted <= 0) break;
      const count = await table[kind].count();
      const from = Math.max(0, skip - before);
      before += count;
      if (from >= count) continue;
      for (const row of await table[kind].rows(from, wanted)) rows.push({ kind, ...row });
    }
    const page = toPage(rows, input);
    const of = (kind: EntityKind) => page.items.filter((row) => row.kind === kind);
    return {
      PolicyUsers: of("User").map((u) => ({ UserName: u.name, UserId: u.id })),
      PolicyGroups: of("Group").map((g) => ({ GroupName: g.name, GroupId: g.id })),
      PolicyRoles: of("Role").map((r) => ({ RoleName: r.name, RoleId: r.id })),
      ...pageFields(page),
    };
  },
});

const CreatePolicyInput = z.object({
  PolicyName,
  Path: Path.optional(),
  Description: PolicyDescription.optional(),
  PolicyDocument,
  Tags: TagList.optional(),
});

export const CreatePolicy = operation({
  name: "CreatePolicy",
  action: "iam:CreatePolicy",
  input: CreatePolicyInput,
  resource: ({ input, caller }) => policyArn(accountOf(caller), input.PolicyName, input.Path ?? "/"),
  context: ({ input }) => requestTagContext(input.Tags ?? []),
  run: async ({ tx, input, caller }): Promise<{ Policy: PolicyView }> => {
    const accountId = accountOf(caller);
    const path = input.Path ?? "/";
    const nameLower = input.PolicyName.toLowerCase();
    if (await tx.managedPolicy.findUnique({ where: { accountId_nameLower: { accountId, nameLower } } })) {
      throw new IamError("EntityAlreadyExists", `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`);
    }
    if ((await tx.managedPolicy.count({ where: { accountId } })) >= QUOTAS.PoliciesPerAccount) {
      throw limitExceeded("PoliciesPerAccount", "Delete customer managed policies you no longer need before creating another.");
    }
    requireValidPolicyDocument(input.PolicyDocument, "managed");
    const policy = await tx.managedPolicy.create({
      data: {
        id: uniqueId("ANPA"),
        accountId,
        name: input.PolicyName,
        nameLower,
        path,
        arn: policyArn(accountId, input.PolicyName, path),
        description: input.Description ?? "",
        defaultVersionId: "v1",
        nextVersionNumber: 2,
        versions: { create: { versionId: "v1", document: input.PolicyDocument, isDefault: true } },
        tags: { create: tagRows(input.Tags ?? []) },
      },
    });
    return { Policy: toPolicyView(policy, { attachments: 0, boundaryUses: 0 }, tagRows(input.Tags ?? [])) };
  },
});

/** "2 users and 1 group": the entities that still hold the policy, for a DeleteConflict message. */
function entityCounts(counts: readonly (readonly [count: number, noun: string])[]): string {
  const parts = counts.filter(([count]) => count > 0).map(([count, noun]) => `${count} ${noun}${count === 1 ? "" : "s"}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0]!;
}

// Portcullis deletes a policy's versions with it (AWS's API asks for DeletePolicyVersion on each
// non-default version first).
export const DeletePolicy = operation({
  name: "DeletePolicy",
  action: "iam:DeletePolicy",
  input: z.object({ PolicyArn }),
  ...actsOnPolicy,
  run: async ({ tx, input, caller }): Promise<Record<string, never>> => {
    const policy = await requireCustomerPolicy(tx, caller, input.PolicyArn);
    const where = { policyId: policy.id };
    const attached = [
      [await tx.userPolicyAttachment.count({ where }), "user"],
      [await tx.groupPolicyAttachment.count({ where }), "group"],
      [await tx.rolePolicyAttachment.count({ where }), "role"],
    ] as const;
    if (attached.some(([count]) => count > 0)) {
      throw new IamError("DeleteConflict", `Cannot delete a policy attached to entities. Detach ${policy.name} from ${entityCounts(attached)} first.`);
    }
    // A boundary that disappeared would deny everything to its users (policySet.ts), so it must be removed first.
    const bounded = { permissionsBoundaryArn: policy.arn };
    const boundaries = [
      [await tx.user.count({ where: bounded }), "user"],
      [await tx.role.count({ where: bounded }), "role"],
    ] as const;
    if (boundaries.some(([count]) => count > 0)) {
      throw new IamError(
        "DeleteConflict",
        `Cannot delete a policy used as a permissions boundary. Remove ${policy.name} as the permissions boundary of ${entityCounts(boundaries)} first.`,
      );
    }
    // Versions and tags go with the policy (cascading deletes), as when the console deletes a policy.
    await tx.managedPolicy.delete({ where: { id: policy.id } });
    return {};
  },
});

/** The console's delete: detach the policy from every user, group and role (each its own step), then delete it. */
export const DeletePolicyWithDependents = operation({
  name: "DeletePolicyWithDependents",
  action: "iam:DeletePolicy",
  input: z.object({ PolicyArn }),
  ...actsOnPolicy,
  run: async ({ tx, input, caller, steps }): Promise<{ Removed: { Users: number; Groups: number; Roles: number } }> => {
    const policy = await requireCustomerPolicy(tx, caller, input.PolicyArn);
    const accountId = accountOf(caller);
    const attachedHere = { accountId, attachedPolicies: { some: { policyId: policy.id } } };
    const [users, groups, roles] = await Promise.all([
      tx.user.findMany({ where: attachedHere, select: { name: true } }),
      tx.group.findMany({ where: attachedHere, select: { name: true } }),
      tx.role.findMany({ where: attachedHere, select: { name: true } }),
    ]);
    for (const user of users) await steps.run(DetachUserPolicy, { UserName: user.name, PolicyArn: policy.arn });
    for (const group of groups) await steps.run(DetachGroupPolicy, { GroupName: group.name, PolicyArn: policy.arn });
    for (const role of roles) await steps.run(DetachRolePolicy, { RoleName: role.name, PolicyArn: policy.arn });
    await steps.run(DeletePolicy, { PolicyArn: policy.arn });
    return { Removed: { Users: users.length, Groups: groups.length, Roles: roles.length } };
  },
});

// Managed policies as the console reads them: ListPolicies, GetPolicy, GetPolicyVersion,
// ListEntitiesForPolicy. Attaching and detaching are in policyAttachments.ts, inline policies in
// inlinePolicies.ts; both are re-exported here so pages import every policy operation from one place.
// AWS managed policies (no account) are visible from every account; counts and entity lists only
// ever cover the caller's own account.

import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import { IamError } from "./errors";
import { accountOf, requirePolicy } from "./entities";
import { nameContains } from "./nameFilter";
import { operation } from "./operation";
import { PageInput, pageFields, pageWindow, toPage } from "./pagination";
import { Filter, PathPrefix, PolicyArn, SortOrder, VersionId } from "./validation";
import { toPolicyView, type PolicyView } from "./views";

export {
  AttachGroupPolicy,
  AttachUserPolicy,
  DetachGroupPolicy,
  DetachUserPolicy,
  ListAttachedGroupPolicies,
  ListAttachedUserPolicies,
} from "./policyAttachments";
export {
  DeleteGroupPolicy,
  DeleteUserPolicy,
  GetGroupPolicy,
  GetUserPolicy,
  ListGroupPolicies,
  ListUserPolicies,
  PutGroupPolicy,
  PutUserPolicy,
} from "./inlinePolicies";

/** Prisma's filtered relation counts: attachments by this account's users, groups and roles only. */
function attachmentCounts(accountId: string) {
  return {
    _count: {
      select: {
        userAttachments: { where: { user: { accountId } } },
        groupAttachments: { where: { group: { accountId } } },
        roleAttachments: { where: { role: { accountId } } },
      },
    },
  } as const;
}

type Counted = { _count: { userAttachments: number; groupAttachments: number; roleAttachments: number } };
const total = ({ _count: c }: Counted) => c.userAttachments + c.groupAttachments + c.roleAttachments;

export async function policyView(tx: Tx, accountId: string, arn: string): Promise<PolicyView | undefined> {
  const row = await tx.managedPolicy.findUnique({ where: { arn }, include: attachmentCounts(accountId) });
  return row ? toPolicyView(row, total(row)) : undefined;
}

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
  resource: (_input, caller) => `arn:aws:iam::${accountOf(caller)}:policy/`,
  run: async (tx, input, caller): Promise<{ Policies: PolicyView[]; IsTruncated: boolean; Marker?: string; TotalCount: number }> => {
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
    return { Policies: page.items.map((row) => toPolicyView(row, total(row))), ...pageFields(page), TotalCount };
  },
});

export const GetPolicy = operation({
  name: "GetPolicy",
  action: "iam:GetPolicy",
  readOnly: true,
  input: z.object({ PolicyArn }),
  resource: (input) => input.PolicyArn,
  run: async (tx, input, caller): Promise<{ Policy: PolicyView }> => {
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    return { Policy: (await policyView(tx, accountOf(caller), policy.arn))! };
  },
});

export interface PolicyVersionView {
  /** The policy document as JSON text (AWS URL-encodes it; the console needs it readable). */
  Document: string;
  VersionId: string;
  IsDefaultVersion: boolean;
  CreateDate: Date;
}

export const GetPolicyVersion = operation({
  name: "GetPolicyVersion",
  action: "iam:GetPolicyVersion",
  readOnly: true,
  input: z.object({ PolicyArn, VersionId }),
  resource: (input) => input.PolicyArn,
  run: async (tx, input, caller): Promise<{ PolicyVersion: PolicyVersionView }> => {
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    const version = await tx.policyVersion.findUnique({ where: { policyId_versionId: { policyId: policy.id, versionId: input.VersionId } } });
    if (!version) throw new IamError("NoSuchEntity", `Policy ${policy.arn} version ${input.VersionId} does not exist.`);
    return {
      PolicyVersion: { Document: version.document, VersionId: version.versionId, IsDefaultVersion: version.isDefault, CreateDate: version.createdAt },
    };
  },
});

export interface PolicyEntities {
  PolicyUsers: { UserName: string; UserId: string }[];
  PolicyGroups: { GroupName: string; GroupId: string }[];
  PolicyRoles: { RoleName: string; RoleId: string }[];
  IsTruncated: false;
}

export const ListEntitiesForPolicy = operation({
  name: "ListEntitiesForPolicy",
  action: "iam:ListEntitiesForPolicy",
  readOnly: true,
  input: z.object({ PolicyArn, EntityFilter: z.enum(["User", "Group", "Role"], { error: "must be User, Group or Role" }).optional() }),
  resource: (input) => input.PolicyArn,
  run: async (tx, input, caller): Promise<PolicyEntities> => {
    const accountId = accountOf(caller);
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    const wants = (kind: "User" | "Group" | "Role") => !input.EntityFilter || input.EntityFilter === kind;
    const attachedHere = { some: { policyId: policy.id } };
    const [users, groups, roles] = await Promise.all([
      wants("User") ? tx.user.findMany({ where: { accountId, attachedPolicies: attachedHere }, orderBy: { nameLower: "asc" } }) : [],
      wants("Group") ? tx.group.findMany({ where: { accountId, attachedPolicies: attachedHere }, orderBy: { nameLower: "asc" } }) : [],
      wants("Role") ? tx.role.findMany({ where: { accountId, attachedPolicies: attachedHere }, orderBy: { nameLower: "asc" } }) : [],
    ]);
    return {
      PolicyUsers: users.map((u) => ({ UserName: u.name, UserId: u.id })),
      PolicyGroups: groups.map((g) => ({ GroupName: g.name, GroupId: g.id })),
      PolicyRoles: roles.map((r) => ({ RoleName: r.name, RoleId: r.id })),
      IsTruncated: false,
    };
  },
});

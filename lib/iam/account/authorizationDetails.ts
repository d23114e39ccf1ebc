// GetAccountAuthorizationDetails: a snapshot of who may do what in the account, as auditing tools
// read it: every user (its inline policies, groups, attached policies, boundary, tags), group, role
// (trust policy, inline and attached policies, boundary, tags, last use) and managed policy with all
// its versions. Customer managed policies are all listed; AWS managed policies only when something
// in the account attaches them, as AWS lists them. Filter picks the entity types.
//
// The four lists page together, in AWS's order (users, groups, roles, policies): the Marker is the
// offset into their concatenation. A page costs one count per listed type and one query (with its
// relations included) per type the page reaches, never a query per entity.

import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { accountOf } from "../core/account";
import { operation } from "../core/operation";
import { encodeMarker, PageInput, pageWindow, type Page } from "../core/pagination";
import { toTags, type Tag } from "../core/tags";
import { attachmentCounts, attachmentTotal, toAttachedPolicy, type AttachedPolicy } from "../policies/entity";
import { permissionsBoundaryOf, type PermissionsBoundaryView } from "../policies/boundaryView";
import { roleLastUsedOf, type RoleLastUsedView } from "../roles/entity";

const EntityType = z.enum(["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"], {
  error: "must be User, Role, Group, LocalManagedPolicy or AWSManagedPolicy",
});

/** AWS's PolicyDetail: an inline policy. The document is JSON text (the door URL-encodes it). */
export interface InlinePolicyDetail {
  PolicyName: string;
  PolicyDocument: string;
}

export interface UserDetail {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: Date;
  UserPolicyList: InlinePolicyDetail[];
  GroupList: string[];
  AttachedManagedPolicies: AttachedPolicy[];
  PermissionsBoundary?: PermissionsBoundaryView;
  Tags: Tag[];
}

export interface GroupDetail {
  Path: string;
  GroupName: string;
  GroupId: string;
  Arn: string;
  CreateDate: Date;
  GroupPolicyList: InlinePolicyDetail[];
  AttachedManagedPolicies: AttachedPolicy[];
}

export interface RoleDetail {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: Date;
  AssumeRolePolicyDocument: string;
  /** Portcullis has no EC2 instance profiles: always empty. */
  InstanceProfileList: never[];
  RolePolicyList: InlinePolicyDetail[];
  AttachedManagedPolicies: AttachedPolicy[];
  PermissionsBoundary?: PermissionsBoundaryView;
  Tags: Tag[];
  RoleLastUsed: RoleLastUsedView;
}

export interface PolicyVersionDetail {
  Document: string;
  VersionId: string;
  IsDefaultVersion: boolean;
  CreateDate: Date;
}

export interface ManagedPolicyDetail {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
  IsAttachable: true;
  Description?: string;
  CreateDate: Date;
  UpdateDate: Date;
  PolicyVersionList: PolicyVersionDetail[];
}

export interface AccountAuthorizationDetails extends Page {
  UserDetailList: UserDetail[];
  GroupDetailList: GroupDetail[];
  RoleDetailList: RoleDetail[];
  Policies: ManagedPolicyDetail[];
}

const inlineDetails = (policies: { name: string; document: string }[]): InlinePolicyDetail[] =>
  [...policies].sort((a, b) => a.name.localeCompare(b.name)).map((p) => ({ PolicyName: p.name, PolicyDocument: p.document }));

const attached = (rows: { policy: { name: string; arn: string } }[]) => rows.map(({ policy }) => toAttachedPolicy(policy));

const INLINE = { select: { name: true, document: true } } as const;
const ATTACHED = { select: { policy: { select: { name: true, arn: true } } } } as const;
const BY_NAME = [{ nameLower: "asc" }, { id: "asc" }] as const;

type Window = { skip: number; take: number };

/** One section of the concatenated lists: how many rows it has, and how to read a slice of them. */
interface Section<T> {
  count(): Promise<number>;
  read(window: Window): Promise<T[]>;
}

function sections(tx: Tx, accountId: string) {
  // AWS managed policies that something in this account attaches.
  const awsManagedInUse = {
    isAwsManaged: true,
    OR: [
      { userAttachments: { some: { user: { accountId } } } },
      { groupAttachments: { some: { group: { accountId } } } },
      { roleAttachments: { some: { role: { accountId } } } },
    ],
  };
  const users: Section<UserDetail> = {
    count: () => tx.user.count({ where: { accountId } }),
    read: async (window) =>
      (
        await tx.user.findMany({
          where: { accountId },
          orderBy: [...BY_NAME],
          ...window,
          include: { inlinePolicies: INLINE, attachedPolicies: ATTACHED, tags: true, memberships: { select: { group: { select: { name: true } } } } },
        })
      ).map((u) => ({
        Path: u.path,
        UserName: u.name,
        UserId: u.id,
        Arn: u.arn,
        CreateDate: u.createdAt,
        UserPolicyList: inlineDetails(u.inlinePolicies),
        GroupList: u.memberships.map((m) => m.group.name).sort((a, b) => a.localeCompare(b)),
        AttachedManagedPolicies: attached(u.attachedPolicies),
        ...permissionsBoundaryOf(u.permissionsBoundaryArn),
        Tags: toTags(u.tags),
      })),
  };
  const groups: Section<GroupDetail> = {
    count: () => tx.group.count({ where: { accountId } }),
    read: async (window) =>
      (await tx.group.findMany({ where: { accountId }, orderBy: [...BY_NAME], ...window, include: { inlinePolicies: INLINE, attachedPolicies: ATTACHED } })).map((g) => ({
        Path: g.path,
        GroupName: g.name,
        GroupId: g.id,
        Arn: g.arn,
        CreateDate: g.createdAt,
        GroupPolicyList: inlineDetails(g.inlinePolicies),
        AttachedManagedPolicies: attached(g.attachedPolicies),
      })),
  };
  const roles: Section<RoleDetail> = {
    count: () => tx.role.count({ where: { accountId } }),
    read: async (window) =>
      (await tx.role.findMany({ where: { accountId }, orderBy: [...BY_NAME], ...window, include: { inlinePolicies: INLINE, attachedPolicies: ATTACHED, tags: true } })).map((r) => ({
        Path: r.path,
        RoleName: r.name,
        RoleId: r.id,
        Arn: r.arn,
        CreateDate: r.createdAt,
        AssumeRolePolicyDocument: r.trustPolicy,
        InstanceProfileList: [],
        RolePolicyList: inlineDetails(r.inlinePolicies),
        AttachedManagedPolicies: attached(r.attachedPolicies),
        ...permissionsBoundaryOf(r.permissionsBoundaryArn),
        Tags: toTags(r.tags),
        RoleLastUsed: roleLastUsedOf(r),
      })),
  };
  const policies = (where: object): Section<ManagedPolicyDetail> => ({
    count: () => tx.managedPolicy.count({ where }),
    read: async (window) => {
      const rows = await tx.managedPolicy.findMany({
        where,
        orderBy: [...BY_NAME],
        ...window,
        include: { versions: { orderBy: { createdAt: "asc" } }, ...attachmentCounts(accountId) },
      });
      // How many of this account's users and roles each policy bounds: two grouped counts for the page.
      const arns = rows.map((p) => p.arn);
      const [userBounds, roleBounds] = await Promise.all([
        tx.user.groupBy({ by: ["permissionsBoundaryArn"], where: { accountId, permissionsBoundaryArn: { in: arns } }, _count: { _all: true } }),
        tx.role.groupBy({ by: ["permissionsBoundaryArn"], where: { accountId, permissionsBoundaryArn: { in: arns } }, _count: { _all: true } }),
      ]);
      const bounds = new Map<string, number>();
      for (const row of [...userBounds, ...roleBounds]) bounds.set(row.permissionsBoundaryArn!, (bounds.get(row.permissionsBoundaryArn!) ?? 0) + row._count._all);
      return rows.map((p) => ({
        PolicyName: p.name,
        PolicyId: p.id,
        Arn: p.arn,
        Path: p.path,
        DefaultVersionId: p.defaultVersionId,
        AttachmentCount: attachmentTotal(p),
        PermissionsBoundaryUsageCount: bounds.get(p.arn) ?? 0,
        IsAttachable: true,
        ...(p.description ? { Description: p.description } : {}),
        CreateDate: p.createdAt,
        UpdateDate: p.updatedAt,
        // Oldest first, by version number (v10 after v9).
        PolicyVersionList: [...p.versions]
          .sort((a, b) => Number(a.versionId.slice(1)) - Number(b.versionId.slice(1)))
          .map((v) => ({ Document: v.document, VersionId: v.versionId, IsDefaultVersion: v.isDefault, CreateDate: v.createdAt })),
      }));
    },
  });
  return { users, groups, roles, localPolicies: policies({ accountId }), awsPolicies: policies(awsManagedInUse) };
}

export const GetAccountAuthorizationDetails = operation({
  name: "GetAccountAuthorizationDetails",
  action: "iam:GetAccountAuthorizationDetails",
  readOnly: true,
  input: z.object({ Filter: z.array(EntityType).max(5, "name each entity type at most once").optional(), ...PageInput }),
  resource: () => "*",
  run: async ({ tx, input, caller }): Promise<AccountAuthorizationDetails> => {
    // No filter (or an empty one) lists everything, as AWS does.
    const wanted = new Set(input.Filter && input.Filter.length > 0 ? input.Filter : EntityType.options);
    const all = sections(tx, accountOf(caller));
    const plan = [
      { type: "User", section: all.users, list: "UserDetailList" },
      { type: "Group", section: all.groups, list: "GroupDetailList" },
      { type: "Role", section: all.roles, list: "RoleDetailList" },
      { type: "LocalManagedPolicy", section: all.localPolicies, list: "Policies" },
      { type: "AWSManagedPolicy", section: all.awsPolicies, list: "Policies" },
    ] as const;
    const included = plan.filter((p) => wanted.has(p.type));
    const counts = await Promise.all(included.map((p) => p.section.count()));
    const { skip, max } = pageWindow(input);
    const output: AccountAuthorizationDetails = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], IsTruncated: false };
    let start = 0;
    let remaining = max;
    for (const [i, { section, list }] of included.entries()) {
      const count = counts[i]!;
      const from = Math.max(0, skip - start);
      const take = Math.min(remaining, count - from);
      if (take > 0) {
        (output[list] as unknown[]).push(...(await section.read({ skip: from, take })));
        remaining -= take;
      }
      start += count;
    }
    const total = counts.reduce((a, b) => a + b, 0);
    const end = skip + (max - remaining);
    return end < total ? { ...output, IsTruncated: true, Marker: encodeMarker(end) } : output;
  },
});

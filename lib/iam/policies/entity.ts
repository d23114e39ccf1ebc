// The managed policy as operations see it: the caller's own customer managed policies and AWS's
// (which belong to no account and are read-only), named as a resource by its ARN, with its tags as
// aws:ResourceTag/*, and returned in AWS's shape (PolicyView). Attachment counts cover only the
// caller's own account.

import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import type { ContextValue } from "@/lib/policy";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import type { Hooks } from "../core/operation";
import { resourceTagContext, toTags, type Tag } from "../core/tags";

export interface PolicyView {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  /** Left out when the policy has none, as AWS does. */
  Description?: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  /** How many of the account's users and roles have this policy as their permissions boundary. */
  PermissionsBoundaryUsageCount: number;
  IsAttachable: true;
  CreateDate: Date;
  UpdateDate: Date;
  /** CreatePolicy's and GetPolicy's; ListPolicies leaves tags out, as AWS's does. */
  Tags?: Tag[];
  IsAwsManaged: boolean;
}

export interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

interface PolicyRow {
  id: string;
  name: string;
  path: string;
  arn: string;
  description: string;
  defaultVersionId: string;
  isAwsManaged: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface PolicyCounts {
  readonly attachments: number;
  readonly boundaryUses: number;
}

export function toPolicyView(row: PolicyRow, counts: PolicyCounts, tags?: readonly { key: string; value: string }[]): PolicyView {
  return {
    PolicyName: row.name,
    PolicyId: row.id,
    Arn: row.arn,
    Path: row.path,
    ...(row.description ? { Description: row.description } : {}),
    DefaultVersionId: row.defaultVersionId,
    AttachmentCount: counts.attachments,
    PermissionsBoundaryUsageCount: counts.boundaryUses,
    IsAttachable: true,
    CreateDate: row.createdAt,
    UpdateDate: row.updatedAt,
    ...(tags && tags.length > 0 ? { Tags: toTags(tags) } : {}),
    IsAwsManaged: row.isAwsManaged,
  };
}

export function toAttachedPolicy(row: { name: string; arn: string }): AttachedPolicy {
  return { PolicyName: row.name, PolicyArn: row.arn };
}

/** Prisma's filtered relation counts: attachments by this account's users, groups and roles only. */
export function attachmentCounts(accountId: string) {
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
export const attachmentTotal = ({ _count: c }: Counted) => c.userAttachments + c.groupAttachments + c.roleAttachments;

/**
 * How many of the account's users and roles use each policy as their permissions boundary. A boundary
 * is stored as the policy's ARN on the entity (not a relation), so it is counted by grouping on it:
 * two queries however many policies a page lists.
 */
export async function boundaryUseCounts(tx: Tx, accountId: string, arns: readonly string[]): Promise<Map<string, number>> {
  const where = { accountId, permissionsBoundaryArn: { in: [...arns] } };
  const [users, roles] = await Promise.all([
    tx.user.groupBy({ by: ["permissionsBoundaryArn"], where, _count: { _all: true } }),
    tx.role.groupBy({ by: ["permissionsBoundaryArn"], where, _count: { _all: true } }),
  ]);
  const counts = new Map<string, number>();
  for (const group of [...users, ...roles]) {
    if (group.permissionsBoundaryArn) counts.set(group.permissionsBoundaryArn, (counts.get(group.permissionsBoundaryArn) ?? 0) + group._count._all);
  }
  return counts;
}

/** GetPolicy's answer: the policy with its counts in the caller's account and its tags. */
export async function policyView(tx: Tx, accountId: string, arn: string): Promise<PolicyView | undefined> {
  const row = await tx.managedPolicy.findUnique({ where: { arn }, include: { ...attachmentCounts(accountId), tags: { orderBy: { keyLower: "asc" } } } });
  if (!row) return undefined;
  const boundaryUses = (await boundaryUseCounts(tx, accountId, [arn])).get(arn) ?? 0;
  return toPolicyView(row, { attachments: attachmentTotal(row), boundaryUses }, row.tags);
}

export function noSuchPolicy(arn: string): IamError {
  return new IamError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`);
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
  return resourceTagContext(tags);
}

/** The resource and condition keys of an operation on a managed policy named by its PolicyArn. */
export const actsOnPolicy = {
  resource: ({ input }: Hooks<{ PolicyArn: string }>) => input.PolicyArn,
  context: ({ tx, input, caller }: Hooks<{ PolicyArn: string }>) => policyTagContext(tx, caller, input.PolicyArn),
};

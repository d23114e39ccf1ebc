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
import { resourceTagContext } from "../core/tags";

export interface PolicyView {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  IsAttachable: true;
  CreateDate: Date;
  UpdateDate: Date;
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

export function toPolicyView(row: PolicyRow, attachmentCount: number): PolicyView {
  return {
    PolicyName: row.name,
    PolicyId: row.id,
    Arn: row.arn,
    Path: row.path,
    Description: row.description,
    DefaultVersionId: row.defaultVersionId,
    AttachmentCount: attachmentCount,
    IsAttachable: true,
    CreateDate: row.createdAt,
    UpdateDate: row.updatedAt,
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

export async function policyView(tx: Tx, accountId: string, arn: string): Promise<PolicyView | undefined> {
  const row = await tx.managedPolicy.findUnique({ where: { arn }, include: attachmentCounts(accountId) });
  return row ? toPolicyView(row, attachmentTotal(row)) : undefined;
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

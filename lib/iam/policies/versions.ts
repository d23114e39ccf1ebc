// Versions of managed policies: GetPolicyVersion, ListPolicyVersions, CreatePolicyVersion,
// SetDefaultPolicyVersion, DeletePolicyVersion. A version is immutable once written (compiled
// policies are cached per version row, core/policySet.ts); editing a policy means adding a version and,
// usually, making it the default. Version IDs count up (v1, v2, …) and are never reused, and a policy
// keeps at most 5 versions, as in AWS.

import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import { IamError } from "../core/errors";
import { operation } from "../core/operation";
import { PageInput, pageFields, pageWindow, toPage, type Page } from "../core/pagination";
import { limitExceeded } from "../core/quotas";
import { QUOTAS } from "../core/rules";
import { PolicyArn, PolicyDocument, VersionId } from "../core/validation";
import { requireValidPolicyDocument } from "./document";
import { actsOnPolicy, requireCustomerPolicy, requirePolicy } from "./entity";

export interface PolicyVersionView {
  /** The policy document as JSON text (AWS URL-encodes it; the console needs it readable). */
  Document: string;
  VersionId: string;
  IsDefaultVersion: boolean;
  CreateDate: Date;
}

type Empty = Record<string, never>;
type PolicyRow = { id: string; name: string; arn: string; defaultVersionId: string; nextVersionNumber: number };
type VersionRow = { id: string; versionId: string; document: string; isDefault: boolean; createdAt: Date };

const versionNumber = (versionId: string) => Number(versionId.slice(1));
const newestFirst = (a: { versionId: string }, b: { versionId: string }) => versionNumber(b.versionId) - versionNumber(a.versionId);

function toVersionView(row: VersionRow): PolicyVersionView {
  return { Document: row.document, VersionId: row.versionId, IsDefaultVersion: row.isDefault, CreateDate: row.createdAt };
}

/**
 * Marks the policy as changed (UpdateDate) and returns its current row. Writing the row first also
 * locks it until the transaction ends, so concurrent edits of one policy (on PostgreSQL) apply one
 * after the other and each sees the default version and version numbers the other left.
 */
export async function changePolicy(tx: Tx, policyId: string, data: Prisma.ManagedPolicyUpdateInput = {}): Promise<PolicyRow> {
  return tx.managedPolicy.update({ where: { id: policyId }, data: { ...data, updatedAt: new Date() } });
}

async function requireVersion(tx: Tx, policy: PolicyRow, versionId: string): Promise<VersionRow> {
  const version = await tx.policyVersion.findUnique({ where: { policyId_versionId: { policyId: policy.id, versionId } } });
  if (!version) throw new IamError("NoSuchEntity", `Policy ${policy.arn} version ${versionId} does not exist.`);
  return version;
}

/** Deletes a version that is not the default: the default is what the policy grants, so it always exists. */
async function deleteVersion(tx: Tx, policy: PolicyRow, versionId: string): Promise<void> {
  const version = await requireVersion(tx, policy, versionId);
  if (version.isDefault) {
    throw new IamError("DeleteConflict", `Cannot delete the default version (${versionId}) of ${policy.name}. Make another version the default first.`);
  }
  await tx.policyVersion.delete({ where: { id: version.id } });
}

export const GetPolicyVersion = operation({
  name: "GetPolicyVersion",
  action: "iam:GetPolicyVersion",
  readOnly: true,
  input: z.object({ PolicyArn, VersionId }),
  resource: ({ input }) => input.PolicyArn,
  run: async ({ tx, input, caller }): Promise<{ PolicyVersion: PolicyVersionView }> => {
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    return { PolicyVersion: toVersionView(await requireVersion(tx, policy, input.VersionId)) };
  },
});

export const ListPolicyVersions = operation({
  name: "ListPolicyVersions",
  action: "iam:ListPolicyVersions",
  readOnly: true,
  input: z.object({ PolicyArn, ...PageInput }),
  ...actsOnPolicy,
  run: async ({ tx, input, caller }): Promise<{ Versions: Omit<PolicyVersionView, "Document">[] } & Page> => {
    const policy = await requirePolicy(tx, caller, input.PolicyArn);
    const { skip, take } = pageWindow(input);
    // Newest first. Versions written in the same millisecond fall back to the version ID, which
    // orders them too unless they straddle a change of digits (v9, v10): the order stays stable, so pages never repeat or skip one.
    const rows = await tx.policyVersion.findMany({
      where: { policyId: policy.id },
      orderBy: [{ createdAt: "desc" }, { versionId: "desc" }],
      select: { versionId: true, isDefault: true, createdAt: true },
      skip,
      take,
    });
    const page = toPage(rows, input);
    return { Versions: page.items.map((v) => ({ VersionId: v.versionId, IsDefaultVersion: v.isDefault, CreateDate: v.createdAt })), ...pageFields(page) };
  },
});

const CreatePolicyVersionInput = z.object({
  PolicyArn,
  PolicyDocument,
  SetAsDefault: z.boolean().optional(),
  /** Portcullis: the default version the editor started from; a different current default is a conflict. */
  ExpectedDefaultVersionId: VersionId.optional(),
  /** Portcullis: a non-default version to delete in the same transaction, to make room under the quota. */
  DeleteVersionId: VersionId.optional(),
});

export const CreatePolicyVersion = operation({
  name: "CreatePolicyVersion",
  action: "iam:CreatePolicyVersion",
  input: CreatePolicyVersionInput,
  ...actsOnPolicy,
  run: async ({ tx, input, caller }): Promise<{ PolicyVersion: PolicyVersionView }> => {
    const found = await requireCustomerPolicy(tx, caller, input.PolicyArn);
    // Claiming the version number first also locks the policy (changePolicy); a failure rolls it back.
    const policy = await changePolicy(tx, found.id, { nextVersionNumber: { increment: 1 } });
    const expected = input.ExpectedDefaultVersionId;
    if (expected !== undefined && expected !== policy.defaultVersionId) {
      throw new IamError(
        "ConcurrentModification",
        `The policy's default version changed to ${policy.defaultVersionId} while you were editing (you started from ${expected}). Reload to see it; your text is kept.`,
      );
    }
    if (input.DeleteVersionId !== undefined) await deleteVersion(tx, policy, input.DeleteVersionId);
    const versions = await tx.policyVersion.findMany({ where: { policyId: policy.id }, select: { versionId: true, isDefault: true } });
    if (versions.length >= QUOTAS.VersionsPerPolicy) {
      const oldest = versions.filter((v) => !v.isDefault).sort(newestFirst).at(-1)!;
      throw limitExceeded(
        "VersionsPerPolicy",
        `${policy.name} already has ${versions.length} versions; delete a version first (${oldest.versionId} is the oldest that is not the default).`,
      );
    }
    requireValidPolicyDocument(input.PolicyDocument, "managed");
    const versionId = `v${policy.nextVersionNumber - 1}`;
    if (input.SetAsDefault) {
      await tx.policyVersion.updateMany({ where: { policyId: policy.id, isDefault: true }, data: { isDefault: false } });
      await changePolicy(tx, policy.id, { defaultVersionId: versionId });
    }
    const created = await tx.policyVersion.create({
      data: { policyId: policy.id, versionId, document: input.PolicyDocument, isDefault: input.SetAsDefault === true },
    });
    return { PolicyVersion: toVersionView(created) };
  },
});

const PolicyVersionInput = z.object({ PolicyArn, VersionId });

export const SetDefaultPolicyVersion = operation({
  name: "SetDefaultPolicyVersion",
  action: "iam:SetDefaultPolicyVersion",
  input: PolicyVersionInput,
  ...actsOnPolicy,
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const policy = await requireCustomerPolicy(tx, caller, input.PolicyArn);
    const version = await requireVersion(tx, policy, input.VersionId);
    // Already the default: nothing changes, UpdateDate included.
    if (version.isDefault) return {};
    await changePolicy(tx, policy.id, { defaultVersionId: version.versionId });
    await tx.policyVersion.updateMany({ where: { policyId: policy.id, isDefault: true }, data: { isDefault: false } });
    await tx.policyVersion.update({ where: { id: version.id }, data: { isDefault: true } });
    return {};
  },
});

export const DeletePolicyVersion = operation({
  name: "DeletePolicyVersion",
  action: "iam:DeletePolicyVersion",
  input: PolicyVersionInput,
  ...actsOnPolicy,
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const policy = await changePolicy(tx, (await requireCustomerPolicy(tx, caller, input.PolicyArn)).id);
    await deleteVersion(tx, policy, input.VersionId);
    return {};
  },
});

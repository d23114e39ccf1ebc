// The credential report: GenerateCredentialReport and GetCredentialReport, as AWS's API has them.
// A report under 4 hours old is kept and returned as is; an older one (or none) is replaced by a
// new one. Generation runs inside GenerateCredentialReport's own transaction, all or nothing, so
// the call that generates answers STARTED (AWS's answer for a generation it has begun) and every
// later call sees COMPLETE. A row still STARTED or INPROGRESS without content is one another
// writer has begun and not finished: Generate reports INPROGRESS and Get ReportInProgress for it.
//
// The report reads the whole account in one query per table (users, login profiles, MFA devices,
// access keys, the root user, the password policy), never a query per user: 5,000 users are one
// pass.

import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { accountRootArn } from "@/lib/policy";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import { operation } from "../core/operation";
import { reportRow, ROOT_ACCOUNT_USER, toCsv, type ReportAccessKey, type ReportIdentity } from "./credentialReportCsv";

/** AWS regenerates a report at most every four hours; a newer one is returned as is. */
export const CREDENTIAL_REPORT_MAX_AGE_MS = 4 * 60 * 60 * 1000;

export type ReportState = "STARTED" | "INPROGRESS" | "COMPLETE";

export interface GenerateCredentialReportOutput {
  State: ReportState;
  Description?: string;
}

export interface GetCredentialReportOutput {
  /** The CSV text; the Query door sends it base64-encoded, as AWS's blob. */
  Content: string;
  ReportFormat: "text/csv";
  GeneratedTime: Date;
}

const KEY_FIELDS = { id: true, status: true, createdAt: true, lastUsedAt: true, lastUsedRegion: true, lastUsedService: true } as const;

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** The account's identities with their credentials: the root user first, then the IAM users by name. */
export async function loadReportIdentities(tx: Tx, accountId: string): Promise<ReportIdentity[]> {
  const [root, users, profiles, devices, keys] = await Promise.all([
    tx.rootUser.findUnique({ where: { accountId }, select: { createdAt: true, passwordChangedAt: true, passwordLastUsed: true } }),
    tx.user.findMany({ where: { accountId }, orderBy: [{ nameLower: "asc" }, { id: "asc" }], select: { id: true, name: true, arn: true, createdAt: true, passwordLastUsed: true } }),
    tx.loginProfile.findMany({ where: { user: { accountId } }, select: { userId: true, passwordChangedAt: true } }),
    tx.mfaDevice.findMany({ where: { accountId, enabledAt: { not: null } }, select: { userId: true, rootAccountId: true } }),
    tx.accessKey.findMany({ where: { accountId }, select: { ...KEY_FIELDS, userId: true, rootAccountId: true } }),
  ]);
  const profileOf = new Map(profiles.map((p) => [p.userId, p.passwordChangedAt]));
  const mfaUsers = new Set(devices.map((d) => d.userId));
  const keysOf = groupBy(keys, (k) => k.userId);
  const rootKeys: ReportAccessKey[] = keys.filter((k) => k.rootAccountId === accountId);
  const identities: ReportIdentity[] = [];
  if (root) {
    identities.push({
      user: ROOT_ACCOUNT_USER,
      arn: accountRootArn(accountId),
      createdAt: root.createdAt,
      root: true,
      password: { changedAt: root.passwordChangedAt, lastUsed: root.passwordLastUsed },
      mfaActive: devices.some((d) => d.rootAccountId === accountId),
      accessKeys: rootKeys,
    });
  }
  for (const u of users) {
    const changedAt = profileOf.get(u.id);
    identities.push({
      user: u.name,
      arn: u.arn,
      createdAt: u.createdAt,
      root: false,
      password: changedAt ? { changedAt, lastUsed: u.passwordLastUsed } : null,
      mfaActive: mfaUsers.has(u.id),
      accessKeys: keysOf.get(u.id) ?? [],
    });
  }
  return identities;
}

/** The report's text for the account as it is now. */
export async function buildCredentialReport(tx: Tx, accountId: string): Promise<string> {
  const [identities, policy] = await Promise.all([
    loadReportIdentities(tx, accountId),
    tx.passwordPolicy.findUnique({ where: { accountId }, select: { maxPasswordAge: true } }),
  ]);
  return toCsv(identities.map((identity) => reportRow(identity, policy?.maxPasswordAge ?? null)));
}

const isFresh = (generatedAt: Date, now: Date) => now.getTime() - generatedAt.getTime() < CREDENTIAL_REPORT_MAX_AGE_MS;

export const GenerateCredentialReport = operation({
  name: "GenerateCredentialReport",
  action: "iam:GenerateCredentialReport",
  input: z.object({}),
  resource: () => "*",
  run: async ({ tx, caller }): Promise<GenerateCredentialReportOutput> => {
    const accountId = accountOf(caller);
    const now = new Date();
    const existing = await tx.credentialReport.findUnique({ where: { accountId } });
    if (existing?.content != null && existing.generatedAt && isFresh(existing.generatedAt, now)) return { State: "COMPLETE" };
    if (existing && existing.content == null && existing.state !== "COMPLETE") return { State: "INPROGRESS", Description: "A credential report is being generated. Call GetCredentialReport when it is complete." };
    const content = await buildCredentialReport(tx, accountId);
    const report = { state: "COMPLETE", startedAt: now, generatedAt: now, content };
    await tx.credentialReport.upsert({ where: { accountId }, create: { accountId, ...report }, update: report });
    return { State: "STARTED", Description: "No report exists. Starting a new report generation task" };
  },
});

export const GetCredentialReport = operation({
  name: "GetCredentialReport",
  action: "iam:GetCredentialReport",
  readOnly: true,
  input: z.object({}),
  resource: () => "*",
  run: async ({ tx, caller }): Promise<GetCredentialReportOutput> => {
    const report = await tx.credentialReport.findUnique({ where: { accountId: accountOf(caller) } });
    if (!report) throw new IamError("ReportNotPresent", "No credential report exists for this account. Generate one with GenerateCredentialReport, then get it.");
    if (report.content == null || !report.generatedAt) {
      throw new IamError("ReportInProgress", "The credential report is still being generated. Try GetCredentialReport again in a few seconds.");
    }
    if (!isFresh(report.generatedAt, new Date())) {
      throw new IamError(
        "ReportExpired",
        `The credential report generated at ${report.generatedAt.toISOString()} is more than 4 hours old and has expired. Generate a new one with GenerateCredentialReport.`,
      );
    }
    return { Content: report.content, ReportFormat: "text/csv", GeneratedTime: report.generatedAt };
  },
});

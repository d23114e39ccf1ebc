// Unused access findings (IAM Access Analyzer's unused access analyzer), computed whenever they are
// read from the audit log and the credential data: nothing is scheduled or stored but the status a
// person gave a finding (AccessFindingState).
//
// A finding's "unused since" is the later of its last use and its creation: a user, role, password
// or access key created in the last N days is not unused yet, however little it was used (AWS's
// tracking period), and one never used counts from its creation ("an unused access key finding for
// a key never used"). It is unused when that is N or more days ago.
//
// - UnusedIAMRole: no request by any of its sessions (assumed-role ARNs in the audit log) and no
//   AssumeRole (Role.lastUsedAt) in N days.
// - UnusedIAMUser (Portcullis's: Access Analyzer covers users only through their credentials): no
//   request of its own, no console sign-in and no access key use in N days. A failed sign-in is
//   someone trying the password, not the user's activity, and does not count (a successful one is
//   the user's passwordLastUsed).
// - UnusedIAMUserPassword: a console password not used to sign in for N days.
// - UnusedIAMUserAccessKey: an active access key not used to sign a request for N days. An
//   inactive key can sign nothing, so it is not reported.
// - UnusedPermission: a service a user's or role's permissions policies grant (as the engine
//   decides them) that the user or the role's sessions did not attempt for N days, one finding per
//   principal and service (unusedPermissions.ts). For a service whose actions are tracked (IAM,
//   STS), the granted actions not attempted for N days, listed in the service's finding, which is
//   unused since the latest use of any of them.
//
// Statuses: a finding with no stored state is ACTIVE. ARCHIVED hides it from the active view until
// it is unarchived. RESOLVED means someone dealt with it: it stays resolved unless the condition
// holds again after that, that is, N more days pass with no use after it was resolved.
//
// Cost: one query per table for the whole account (users, login profiles, access keys, roles, the
// stored states), one GROUP BY over the audit log's (accountId, principalArn, action, time) index
// and one load of the account's policy graph.

import type { Tx } from "@/lib/db/client";
import { activityKey, auditActivity, latestOf, serviceGrants } from "./unusedPermissions";

export const UNUSED_FINDING_TYPES = ["UnusedIAMRole", "UnusedIAMUser", "UnusedIAMUserPassword", "UnusedIAMUserAccessKey", "UnusedPermission"] as const;
export type UnusedFindingType = (typeof UNUSED_FINDING_TYPES)[number];

export const FINDING_STATUSES = ["ACTIVE", "ARCHIVED", "RESOLVED"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** AWS's default unused access age for an analyzer. */
export const DEFAULT_UNUSED_ACCESS_DAYS = 90;

export interface UnusedAccessFinding {
  /** Stable across reads: the type and what it is about (UnusedIAMUserAccessKey:AKIA…). */
  readonly Id: string;
  readonly FindingType: UnusedFindingType;
  /** The user or role: the key's and the password's owner. */
  readonly Resource: string;
  readonly ResourceType: "AWS::IAM::User" | "AWS::IAM::Role";
  readonly ResourceName: string;
  /** UnusedIAMUserAccessKey: the key. */
  readonly AccessKeyId?: string;
  /** UnusedPermission: the granted service's prefix (`s3`) and AWS's name for it. */
  readonly ServiceNamespace?: string;
  readonly ServiceName?: string;
  /** UnusedPermission of a tracked service: the granted actions unused for N days (AWS's UnusedAction), and how many it grants. */
  readonly UnusedActions?: readonly UnusedAction[];
  readonly GrantedActionCount?: number;
  /** The last use; absent when it was never used. */
  readonly LastAccessed?: Date;
  /** When the unused period began: the last use, or the creation for one never used since. */
  readonly UnusedSince: Date;
  readonly Status: FindingStatus;
  /** Who archived or resolved it, and when; absent for a finding never given a status. */
  readonly StatusUpdatedAt?: Date;
  readonly StatusUpdatedBy?: string;
}

/** AWS's UnusedAction: a granted action, and its last attempt if there was one. */
export interface UnusedAction {
  readonly Action: string;
  readonly LastAccessed?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const later = (...dates: (Date | null | undefined)[]): Date | undefined =>
  dates.filter((d): d is Date => d instanceof Date).sort((a, b) => b.getTime() - a.getTime())[0];

interface Candidate {
  readonly Id: string;
  readonly FindingType: UnusedFindingType;
  readonly Resource: string;
  readonly ResourceType: UnusedAccessFinding["ResourceType"];
  readonly ResourceName: string;
  readonly AccessKeyId?: string;
  readonly ServiceNamespace?: string;
  readonly ServiceName?: string;
  /** A tracked service's granted actions, each with its last use. */
  readonly actions?: readonly UnusedAction[];
  readonly lastUsed?: Date;
  readonly createdAt: Date;
}

/** Every user, role, password and active access key of the account, with its last use. */
export async function unusedAccessCandidates(tx: Tx, accountId: string): Promise<Candidate[]> {
  const activity = await auditActivity(tx, accountId);
  const [users, profiles, keys, roles, grants] = await Promise.all([
    tx.user.findMany({ where: { accountId }, select: { id: true, name: true, arn: true, createdAt: true, passwordLastUsed: true } }),
    tx.loginProfile.findMany({ where: { user: { accountId } }, select: { userId: true, createdAt: true } }),
    tx.accessKey.findMany({ where: { accountId, userId: { not: null } }, select: { id: true, userId: true, status: true, createdAt: true, lastUsedAt: true } }),
    tx.role.findMany({ where: { accountId }, select: { name: true, arn: true, createdAt: true, lastUsedAt: true } }),
    serviceGrants(tx, accountId, activity),
  ]);
  const keyUse = new Map<string, Date>();
  for (const k of keys) if (k.lastUsedAt) keyUse.set(k.userId!, later(keyUse.get(k.userId!), k.lastUsedAt)!);
  const userById = new Map(users.map((u) => [u.id, u]));

  const candidates: Candidate[] = [];
  for (const u of users) {
    const user = { Resource: u.arn, ResourceType: "AWS::IAM::User", ResourceName: u.name } as const;
    candidates.push({ Id: `UnusedIAMUser:${u.arn}`, FindingType: "UnusedIAMUser", ...user, lastUsed: later(latestOf(activity.services.get(activityKey("user", u.arn, u.name))), u.passwordLastUsed, keyUse.get(u.id)), createdAt: u.createdAt });
  }
  for (const p of profiles) {
    const u = userById.get(p.userId);
    if (!u) continue;
    candidates.push({
      Id: `UnusedIAMUserPassword:${u.arn}`,
      FindingType: "UnusedIAMUserPassword",
      Resource: u.arn,
      ResourceType: "AWS::IAM::User",
      ResourceName: u.name,
      ...(u.passwordLastUsed ? { lastUsed: u.passwordLastUsed } : {}),
      createdAt: p.createdAt,
    });
  }
  for (const k of keys) {
    const u = userById.get(k.userId!);
    if (!u || k.status !== "Active") continue;
    candidates.push({
      Id: `UnusedIAMUserAccessKey:${k.id}`,
      FindingType: "UnusedIAMUserAccessKey",
      Resource: u.arn,
      ResourceType: "AWS::IAM::User",
      ResourceName: u.name,
      AccessKeyId: k.id,
      ...(k.lastUsedAt ? { lastUsed: k.lastUsedAt } : {}),
      createdAt: k.createdAt,
    });
  }
  for (const r of roles) {
    const lastUsed = later(r.lastUsedAt, latestOf(activity.services.get(activityKey("role", r.arn, r.name))));
    candidates.push({ Id: `UnusedIAMRole:${r.arn}`, FindingType: "UnusedIAMRole", Resource: r.arn, ResourceType: "AWS::IAM::Role", ResourceName: r.name, ...(lastUsed ? { lastUsed } : {}), createdAt: r.createdAt });
  }
  // A permission is in its tracking period while its principal is: when it was granted is not recorded.
  const createdAt = new Map([...users, ...roles].map((p) => [p.arn, p.createdAt]));
  for (const g of grants) {
    const created = createdAt.get(g.principalArn);
    if (!created) continue;
    candidates.push({
      Id: `UnusedPermission:${g.principalArn}:${g.service}`,
      FindingType: "UnusedPermission",
      Resource: g.principalArn,
      ResourceType: g.principalKind === "role" ? "AWS::IAM::Role" : "AWS::IAM::User",
      ResourceName: g.principalName,
      ServiceNamespace: g.service,
      ServiceName: g.serviceName,
      ...(g.actions ? { actions: g.actions.map((a) => (a.lastAttempt ? { Action: a.action, LastAccessed: a.lastAttempt } : { Action: a.action })) } : {}),
      ...(g.lastAttempt ? { lastUsed: g.lastAttempt } : {}),
      createdAt: created,
    });
  }
  return candidates;
}

/**
 * The account's unused access findings for an unused access age of `days`, each with its status,
 * longest unused first. Nothing in the last `days` days (created or used) is a finding.
 */
export async function unusedAccessFindings(tx: Tx, accountId: string, days: number, now: Date): Promise<UnusedAccessFinding[]> {
  const [candidates, states] = await Promise.all([unusedAccessCandidates(tx, accountId), tx.accessFindingState.findMany({ where: { accountId } })]);
  const stateOf = new Map(states.map((s) => [s.findingKey, s]));
  const horizon = now.getTime() - days * DAY_MS;
  const findings: UnusedAccessFinding[] = [];
  for (const c of candidates) {
    // A tracked service: the actions unused for N days, unused since the latest use of any of them.
    const unusedActions = c.actions?.filter((a) => later(a.LastAccessed, c.createdAt)!.getTime() <= horizon);
    const unusedSince = unusedActions ? later(c.createdAt, ...unusedActions.map((a) => a.LastAccessed)) : later(c.lastUsed, c.createdAt)!;
    if (!unusedSince || unusedSince.getTime() > horizon || unusedActions?.length === 0) continue;
    const state = stateOf.get(c.Id);
    // Resolved: it comes back only for a full unused period after it was resolved.
    const status: FindingStatus = !state ? "ACTIVE" : state.status === "ARCHIVED" ? "ARCHIVED" : later(unusedSince, state.updatedAt)!.getTime() <= horizon ? "ACTIVE" : "RESOLVED";
    findings.push({
      Id: c.Id,
      FindingType: c.FindingType,
      Resource: c.Resource,
      ResourceType: c.ResourceType,
      ResourceName: c.ResourceName,
      ...(c.AccessKeyId ? { AccessKeyId: c.AccessKeyId } : {}),
      ...(c.ServiceNamespace ? { ServiceNamespace: c.ServiceNamespace, ServiceName: c.ServiceName } : {}),
      ...(unusedActions ? { UnusedActions: unusedActions, GrantedActionCount: c.actions!.length } : {}),
      ...(c.lastUsed ? { LastAccessed: c.lastUsed } : {}),
      UnusedSince: unusedSince,
      Status: status,
      ...(state && status !== "ACTIVE" ? { StatusUpdatedAt: state.updatedAt, StatusUpdatedBy: state.updatedBy } : {}),
    });
  }
  return findings.sort((a, b) => a.UnusedSince.getTime() - b.UnusedSince.getTime() || a.Id.localeCompare(b.Id));
}

// Last accessed (AWS's access advisor), computed from the audit log: for a user, group, role or
// managed policy, every service its permissions policies allow (and, at ACTION_LEVEL, every action
// of those services they allow), with when an entity that holds those permissions last attempted it.
//
// AWS's definition, kept here:
// - Only PERMISSIONS policies decide what is listed: a user's inline, attached and groups' policies;
//   a group's; a role's; the managed policy itself. Permissions boundaries, session policies and
//   SCPs limit what is allowed but list nothing, and a Deny statement does not take a service off
//   the list (AWS lists what the Allow statements name, so a guard-rail Deny of "*" hides nothing).
//   Resource and Condition elements are not weighed: an action is listed when an Allow's Action
//   (or NotAction) matches it. Wildcards are expanded with AWS's Service Authorization Reference.
// - Attempts count whether they were allowed or not: an audit event that is Allowed, Denied (by
//   the engine) or Failed (allowed, then refused: NoSuchEntity, a conflict) was made by an
//   authenticated caller. AWS does not report unauthenticated requests, so a failed console sign-in
//   (signin:ConsoleLogin, Failed: a wrong password or MFA code) does not count.
// - Whose attempts: a user's own; a group's members'; a role's sessions' (events of
//   arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, folded into the role's ARN as AWS reports
//   them); a policy's, every user and role it reaches (attached to them, or to a group they are in).
//   The service-level time counts every attempted action of the service's namespace, tracked or not.
// - Region: the audit log keeps no request Region. IAM and STS are global services, whose requests
//   AWS records in US East (N. Virginia), so an attempt's Region is reported as us-east-1.
//
// Cost: the entity's policy documents in one or two queries, each document's allowed actions
// cached by its immutable version (or inline policy update), and the attempts as GROUP BY queries
// on the (accountId, principalArn, action, time) index: one per 200 principals, never one per
// action or per service.

import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import { allServiceActions, type ServiceActions } from "@/lib/catalog/serviceActions";
import { compilePolicy, readPolicy } from "@/lib/policy";
import { IamError } from "../core/errors";

export type Granularity = "SERVICE_LEVEL" | "ACTION_LEVEL";

/** Where attempts are reported from: see the header (the audit log keeps no Region). */
export const LAST_ACCESSED_REGION = "us-east-1";

/** AWS's TrackedActionLastAccessed. */
export interface TrackedActionLastAccessed {
  ActionName: string;
  LastAccessedEntity?: string;
  LastAccessedTime?: Date;
  LastAccessedRegion?: string;
}

/** AWS's ServiceLastAccessed; the Last* members are absent for a service never attempted. */
export interface ServiceLastAccessed {
  ServiceName: string;
  ServiceNamespace: string;
  LastAuthenticated?: Date;
  LastAuthenticatedEntity?: string;
  LastAuthenticatedRegion?: string;
  TotalAuthenticatedEntities: number;
  /** ACTION_LEVEL only: every action of the service the policies allow. */
  TrackedActionsLastAccessed?: TrackedActionLastAccessed[];
}

/** AWS's EntityInfo: a user or role that holds the report's permissions. */
export interface EntityInfo {
  Arn: string;
  Name: string;
  Type: "USER" | "ROLE";
  Id: string;
  Path: string;
}

/** An entity of the report, and its last attempt per service namespace it attempted. */
export interface EntityLastAccessed {
  readonly info: EntityInfo;
  readonly lastAuthenticated: Readonly<Record<string, Date>>;
}

export interface LastAccessedReport {
  /** The services the permissions policies allow, by namespace. */
  readonly services: ServiceLastAccessed[];
  /** The users and roles whose attempts count, by ARN. */
  readonly entities: EntityLastAccessed[];
}

export type ReportEntityType = "user" | "group" | "role" | "policy";

const REPORT_ARN = /^arn:aws:iam::(\d{12}|aws):(user|group|role|policy)\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]+$/;

/** The kind of entity an ARN names, if it is one a report can be about. */
export function reportEntityType(arn: string): ReportEntityType | undefined {
  return REPORT_ARN.exec(arn)?.[2] as ReportEntityType | undefined;
}

/**
 * The last-accessed report of a user, group, role or managed policy of the account (an AWS managed
 * policy counts the account's entities it is attached to). NoSuchEntity when the account has no such
 * entity, InvalidInput for an ARN of anything else.
 */
export async function lastAccessedFor(tx: Tx, accountId: string, entityArn: string, granularity: Granularity): Promise<LastAccessedReport> {
  const scope = await scopeOf(tx, accountId, entityArn);
  const catalog = await allServiceActions();
  const attempts = await attemptsBy(tx, accountId, scope.entities);
  return report(catalog, allowedActions(scope.documents, catalog), attempts, scope.entities, granularity);
}

// ---------------------------------------------------------------------------------------------
// Scope: the entity's permissions policies and the users and roles whose attempts count.

interface PolicyDocumentRow {
  /** Immutable per content: a version row's ID, or an inline policy's ID and last update. */
  readonly key: string;
  readonly text: string;
}

interface Scope {
  readonly documents: PolicyDocumentRow[];
  readonly entities: EntityInfo[];
}

const DEFAULT_VERSION = { versions: { where: { isDefault: true }, select: { id: true, document: true } } } as const;
const ATTACHED = { select: { policy: { select: DEFAULT_VERSION } } } as const;
const INLINE = { select: { id: true, document: true, updatedAt: true } } as const;
const ENTITY = { id: true, name: true, path: true, arn: true } as const;

type EntityRow = { id: string; name: string; path: string; arn: string };
const userInfo = (u: EntityRow): EntityInfo => ({ Arn: u.arn, Name: u.name, Type: "USER", Id: u.id, Path: u.path });
const roleInfo = (r: EntityRow): EntityInfo => ({ Arn: r.arn, Name: r.name, Type: "ROLE", Id: r.id, Path: r.path });

const inlineRows = (rows: { id: string; document: string; updatedAt: Date }[]): PolicyDocumentRow[] =>
  rows.map((p) => ({ key: `${p.id}@${p.updatedAt.getTime()}`, text: p.document }));
const attachedRows = (rows: { policy: { versions: { id: string; document: string }[] } }[]): PolicyDocumentRow[] =>
  rows.flatMap(({ policy }) => policy.versions.map((v) => ({ key: v.id, text: v.document })));

function noSuchEntity(kind: string, arn: string, accountId: string): IamError {
  return new IamError("NoSuchEntity", `No ${kind} in account ${accountId} has the ARN ${arn}. Copy the ARN from its page in the console.`);
}

async function scopeOf(tx: Tx, accountId: string, arn: string): Promise<Scope> {
  const type = reportEntityType(arn);
  if (type === "user") {
    const user = await tx.user.findFirst({
      where: { arn, accountId },
      select: { ...ENTITY, inlinePolicies: INLINE, attachedPolicies: ATTACHED, memberships: { select: { group: { select: { inlinePolicies: INLINE, attachedPolicies: ATTACHED } } } } },
    });
    if (!user) throw noSuchEntity("IAM user", arn, accountId);
    const groups = user.memberships.flatMap(({ group }) => [...inlineRows(group.inlinePolicies), ...attachedRows(group.attachedPolicies)]);
    return { documents: [...inlineRows(user.inlinePolicies), ...attachedRows(user.attachedPolicies), ...groups], entities: [userInfo(user)] };
  }
  if (type === "group") {
    const group = await tx.group.findFirst({
      where: { arn, accountId },
      select: { inlinePolicies: INLINE, attachedPolicies: ATTACHED, memberships: { select: { user: { select: ENTITY } } } },
    });
    if (!group) throw noSuchEntity("IAM group", arn, accountId);
    return { documents: [...inlineRows(group.inlinePolicies), ...attachedRows(group.attachedPolicies)], entities: group.memberships.map(({ user }) => userInfo(user)) };
  }
  if (type === "role") {
    const role = await tx.role.findFirst({ where: { arn, accountId }, select: { ...ENTITY, inlinePolicies: INLINE, attachedPolicies: ATTACHED } });
    if (!role) throw noSuchEntity("role", arn, accountId);
    return { documents: [...inlineRows(role.inlinePolicies), ...attachedRows(role.attachedPolicies)], entities: [roleInfo(role)] };
  }
  if (type === "policy") {
    const policy = await tx.managedPolicy.findFirst({
      where: { arn, OR: [{ accountId }, { accountId: null }] },
      select: {
        ...DEFAULT_VERSION,
        // AWS managed policies are shared by every account: only this account's entities count.
        userAttachments: { where: { user: { accountId } }, select: { user: { select: ENTITY } } },
        roleAttachments: { where: { role: { accountId } }, select: { role: { select: ENTITY } } },
        groupAttachments: { where: { group: { accountId } }, select: { group: { select: { memberships: { select: { user: { select: ENTITY } } } } } } },
      },
    });
    if (!policy) throw noSuchEntity("managed policy", arn, accountId);
    const users = new Map<string, EntityInfo>();
    for (const { user } of policy.userAttachments) users.set(user.arn, userInfo(user));
    for (const { group } of policy.groupAttachments) for (const { user } of group.memberships) users.set(user.arn, userInfo(user));
    return {
      documents: policy.versions.map((v) => ({ key: v.id, text: v.document })),
      entities: [...users.values(), ...policy.roleAttachments.map(({ role }) => roleInfo(role))],
    };
  }
  throw new IamError(
    "InvalidInput",
    `${arn} is not the ARN of an IAM user, group, role or managed policy. Use one such as arn:aws:iam::${accountId}:user/alice or arn:aws:iam::${accountId}:policy/ReadOnly.`,
  );
}

// ---------------------------------------------------------------------------------------------
// What the policies allow: per namespace, the catalog actions an Allow statement's Action matches.

/** Namespace → the allowed action names (the catalog's own array when the whole service is allowed). */
type Allowed = ReadonlyMap<string, readonly string[]>;

const MAX_CACHED = 5_000;
const allowedByDocument = new Map<string, Allowed>();

function allowedActions(documents: readonly PolicyDocumentRow[], catalog: readonly ServiceActions[]): Map<string, Set<string>> {
  const union = new Map<string, Set<string>>();
  for (const row of documents) {
    let allowed = allowedByDocument.get(row.key);
    if (!allowed) {
      allowed = documentAllows(row.text, catalog);
      if (allowedByDocument.size >= MAX_CACHED) allowedByDocument.delete(allowedByDocument.keys().next().value!);
      allowedByDocument.set(row.key, allowed);
    }
    for (const [namespace, actions] of allowed) {
      const set = union.get(namespace) ?? new Set<string>();
      for (const action of actions) set.add(action);
      union.set(namespace, set);
    }
  }
  return union;
}

function documentAllows(text: string, catalog: readonly ServiceActions[]): Allowed {
  const { document } = readPolicy(JSON.parse(text));
  const allowed = new Map<string, readonly string[]>();
  // Stored documents were validated when they were saved; one that no longer reads allows nothing.
  if (!document) return allowed;
  const statements = compilePolicy(document, "last accessed").statements.filter((s) => s.effect === "Allow");
  if (statements.length === 0) return allowed;
  // A statement naming only exact service prefixes ("s3:Get*") can match only those services: the
  // others are not tried. NotAction, or a wildcard in the prefix, can match any service.
  let anyService = false;
  const named = new Set<string>();
  for (const s of statements) {
    const patterns = s.statement.Action;
    if (!patterns) anyService = true;
    else for (const p of patterns) {
      const prefix = p === "*" ? "*" : p.slice(0, Math.max(p.indexOf(":"), 0)).toLowerCase();
      if (/[*?]/.test(prefix) || prefix === "") anyService = true;
      else named.add(prefix);
    }
  }
  for (const service of catalog) {
    if (!anyService && !named.has(service.key)) continue;
    const matching = service.actions.filter((action) => {
      const lower = `${service.key}:${action}`.toLowerCase();
      return statements.some((s) => s.matchesAction(lower));
    });
    if (matching.length > 0) allowed.set(service.key, matching.length === service.actions.length ? service.actions : matching);
  }
  return allowed;
}

// ---------------------------------------------------------------------------------------------
// Attempts: per entity and action, the last audit event.

/** Entity ARN → lower-cased action → the last attempt. */
type Attempts = Map<string, Map<string, Date>>;

const CHUNK = 200;

async function attemptsBy(tx: Tx, accountId: string, entities: readonly EntityInfo[]): Promise<Attempts> {
  const attempts: Attempts = new Map();
  const record = (entityArn: string, action: string, last: string) => {
    const byAction = attempts.get(entityArn) ?? new Map<string, Date>();
    const key = action.toLowerCase();
    const time = new Date(last);
    const seen = byAction.get(key);
    if (!seen || seen < time) byAction.set(key, time);
    attempts.set(entityArn, byAction);
  };
  // Failed sign-ins are attempts to authenticate, not by an authenticated caller.
  const authenticated = Prisma.sql`("action" <> 'signin:ConsoleLogin' OR "result" <> 'Failed')`;

  const users = entities.filter((e) => e.Type === "USER");
  for (let i = 0; i < users.length; i += CHUNK) {
    const arns = users.slice(i, i + CHUNK).map((u) => u.Arn);
    const rows = await tx.$queryRaw<{ principal: string; action: string; last: string }[]>(
      Prisma.sql`SELECT "principalArn" AS principal, "action", MAX("time") AS last FROM "AuditEvent"
        WHERE "accountId" = ${accountId} AND "principalArn" IN (${Prisma.join(arns)}) AND ${authenticated}
        GROUP BY "principalArn", "action"`,
    );
    for (const row of rows) record(row.principal, row.action, row.last);
  }

  // A role's sessions are arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION: a range of the index per
  // role ("/" is followed by "0" in byte order), so no LIKE (case-insensitive in SQLite, so unindexed).
  // The ranges are a UNION ALL of one indexed search each: SQLite answers an OR of ranges by scanning
  // the account's whole part of the index.
  const roles = entities.filter((e) => e.Type === "ROLE");
  for (let i = 0; i < roles.length; i += CHUNK) {
    const chunk = roles.slice(i, i + CHUNK);
    const byPrefix = new Map(chunk.map((r) => [`arn:aws:sts::${accountId}:assumed-role/${r.Name}/`, r.Arn]));
    const searches = [...byPrefix.keys()].map(
      (prefix) => Prisma.sql`SELECT "principalArn" AS principal, "action", MAX("time") AS last FROM "AuditEvent"
        WHERE "accountId" = ${accountId} AND "principalArn" >= ${prefix} AND "principalArn" < ${`${prefix.slice(0, -1)}0`} AND ${authenticated}
        GROUP BY "principalArn", "action"`,
    );
    const rows = await tx.$queryRaw<{ principal: string; action: string; last: string }[]>(Prisma.join(searches, " UNION ALL "));
    for (const row of rows) {
      const roleArn = byPrefix.get(row.principal.slice(0, row.principal.lastIndexOf("/") + 1));
      if (roleArn) record(roleArn, row.action, row.last);
    }
  }
  return attempts;
}

// ---------------------------------------------------------------------------------------------
// The report.

interface Latest {
  time: Date;
  entity: string;
}

const later = (a: Latest | undefined, b: Latest): Latest => (a && a.time >= b.time ? a : b);

function report(
  catalog: readonly ServiceActions[],
  allowed: Map<string, Set<string>>,
  attempts: Attempts,
  entities: readonly EntityInfo[],
  granularity: Granularity,
): LastAccessedReport {
  // Per namespace: the latest attempt of any action, per entity; per action: the latest overall.
  const byService = new Map<string, Map<string, Date>>();
  const byAction = new Map<string, Latest>();
  const byEntity = new Map<string, Record<string, Date>>();
  for (const [entity, actions] of attempts) {
    const own: Record<string, Date> = {};
    for (const [action, time] of actions) {
      const namespace = action.slice(0, action.indexOf(":"));
      const perEntity = byService.get(namespace) ?? new Map<string, Date>();
      const seen = perEntity.get(entity);
      if (!seen || seen < time) perEntity.set(entity, time);
      byService.set(namespace, perEntity);
      if (!own[namespace] || own[namespace] < time) own[namespace] = time;
      byAction.set(action, later(byAction.get(action), { time, entity }));
    }
    byEntity.set(entity, own);
  }

  const services: ServiceLastAccessed[] = [];
  for (const service of catalog) {
    const actions = allowed.get(service.key);
    if (!actions) continue;
    const perEntity = byService.get(service.key);
    let last: Latest | undefined;
    for (const [entity, time] of perEntity ?? []) last = later(last, { time, entity });
    const row: ServiceLastAccessed = {
      ServiceName: service.name,
      ServiceNamespace: service.key,
      ...(last ? { LastAuthenticated: last.time, LastAuthenticatedEntity: last.entity, LastAuthenticatedRegion: LAST_ACCESSED_REGION } : {}),
      TotalAuthenticatedEntities: perEntity?.size ?? 0,
    };
    if (granularity === "ACTION_LEVEL") {
      row.TrackedActionsLastAccessed = service.actions
        .filter((action) => actions.has(action))
        .map((action) => {
          const latest = byAction.get(`${service.key}:${action}`.toLowerCase());
          return latest
            ? { ActionName: action, LastAccessedEntity: latest.entity, LastAccessedTime: latest.time, LastAccessedRegion: LAST_ACCESSED_REGION }
            : { ActionName: action };
        });
    }
    services.push(row);
  }
  return { services, entities: entities.map((info) => ({ info, lastAuthenticated: byEntity.get(info.Arn) ?? {} })) };
}

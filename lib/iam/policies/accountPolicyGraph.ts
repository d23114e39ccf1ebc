// The account's policy graph for questions about many principals at once ("who can", "everything P
// can do"): every user, group and role with its compiled identity policies, permissions boundary and
// tags, loaded in three bulk statements however large the account (per-principal loading
// would be thousands of queries at AWS's quotas). Policies are compiled once per version through
// policySet.ts's cache and named exactly as policySet.ts names them, so an explanation reads the same
// here as in a live decision or the simulator. `sources` says where each named policy came from.

import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import { compilePolicy, type CompiledPolicy, type ContextValue, type PolicySet } from "@/lib/policy";
import { principalContext } from "../core/authorize";
import { compileCached } from "../core/policySet";

export type GraphPrincipalKind = "user" | "group" | "role";

/** Where a policy of a principal's set came from, for a person reading the answer. */
export interface PolicySourceView {
  readonly PolicyName: string;
  /** A managed policy's ARN; inline policies have none. */
  readonly PolicyArn?: string;
  readonly PolicyKind: "managed" | "aws-managed" | "inline" | "boundary";
  /** The group a user's policy comes through; absent for the principal's own policies. */
  readonly ViaGroup?: string;
}

export interface GraphPrincipal {
  readonly kind: GraphPrincipalKind;
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly path: string;
  readonly set: PolicySet;
  /** The facts a request by this principal carries: aws:PrincipalArn, aws:username, aws:PrincipalTag/*, … */
  readonly identity: Record<string, ContextValue>;
  readonly boundaryArn?: string;
  /** Groups only: how many users inherit the group's policies. */
  readonly memberCount?: number;
}

export interface AccountPolicyGraph {
  readonly principals: readonly GraphPrincipal[];
  /** By the engine's policy name (StatementRef.policy). */
  readonly sources: ReadonlyMap<string, PolicySourceView>;
}

/** The whole account, or one principal of it (everything-P-can-do needs only P, and a user's groups). */
export type GraphScope = { readonly kind: "account" } | { readonly kind: GraphPrincipalKind; readonly id: string };

/** A user, group or role of the account. */
interface PrincipalRow {
  readonly kind: GraphPrincipalKind;
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly path: string;
  readonly boundaryArn: string | null;
  readonly members: number | bigint | null;
}

/**
 * One piece of a principal's policy set: a tag ("tag": name = key, body = value), an inline policy
 * ("inline": name, body = document), a managed policy attachment ("attached": name = policy ID) or a
 * membership ("member": owner = the user, name = the group ID).
 */
interface PartRow {
  readonly part: "tag" | "inline" | "attached" | "member";
  readonly kind: GraphPrincipalKind;
  readonly owner: string;
  readonly name: string;
  readonly body: string | null;
}

interface ManagedRow {
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly isAwsManaged: boolean | number;
  readonly versionRowId: string;
  readonly versionId: string;
  readonly document: string;
}

const NONE = Prisma.sql`AND 1 = 0`;

/** Which users, groups and roles the scope covers, as SQL conditions on u, g and r. */
function scopeFilters(scope: GraphScope): { users: Prisma.Sql; groups: Prisma.Sql; roles: Prisma.Sql } {
  switch (scope.kind) {
    case "account":
      return { users: Prisma.empty, groups: Prisma.empty, roles: Prisma.empty };
    case "user":
      // A user's policy set includes its groups' policies.
      return { users: Prisma.sql`AND u."id" = ${scope.id}`, groups: Prisma.sql`AND g."id" IN (SELECT gm."groupId" FROM "GroupMembership" gm WHERE gm."userId" = ${scope.id})`, roles: NONE };
    case "group":
      return { users: NONE, groups: Prisma.sql`AND g."id" = ${scope.id}`, roles: NONE };
    case "role":
      return { users: NONE, groups: NONE, roles: Prisma.sql`AND r."id" = ${scope.id}` };
  }
}

/**
 * An inline policy changes in place, so its compiled form is cached by its text's digest (as
 * policySet.ts caches it): an update, however soon after the last, gets a key of its own.
 */
function inlineCacheKey(document: string): string {
  return `inline:${createHash("sha256").update(document).digest("base64")}`;
}

/**
 * Loads the principals the scope names, with everything their policy sets are made of: three
 * statements whatever the account's size (principals; their tags, inline policies, attachments and
 * memberships; the managed policies' default versions). Portable SQL, as policySet.ts writes it.
 */
export async function loadAccountPolicyGraph(tx: Tx, accountId: string, scope: GraphScope = { kind: "account" }): Promise<AccountPolicyGraph> {
  const f = scopeFilters(scope);
  const [principalRows, parts] = await Promise.all([
    tx.$queryRaw<PrincipalRow[]>`
      SELECT 'user' AS kind, u."id" AS id, u."name" AS name, u."arn" AS arn, u."path" AS path, u."permissionsBoundaryArn" AS "boundaryArn", NULL AS members, u."nameLower" AS sort
        FROM "User" u WHERE u."accountId" = ${accountId} ${f.users}
      UNION ALL SELECT 'group', g."id", g."name", g."arn", g."path", NULL, (SELECT COUNT(*) FROM "GroupMembership" gm WHERE gm."groupId" = g."id"), g."nameLower"
        FROM "Group" g WHERE g."accountId" = ${accountId} ${f.groups}
      UNION ALL SELECT 'role', r."id", r."name", r."arn", r."path", r."permissionsBoundaryArn", NULL, r."nameLower"
        FROM "Role" r WHERE r."accountId" = ${accountId} ${f.roles}
      ORDER BY sort`,
    tx.$queryRaw<PartRow[]>`
      SELECT 'tag' AS part, 'user' AS kind, t."userId" AS owner, t."key" AS name, t."value" AS body FROM "Tag" t JOIN "User" u ON u."id" = t."userId" WHERE u."accountId" = ${accountId} ${f.users}
      UNION ALL SELECT 'tag', 'role', t."roleId", t."key", t."value" FROM "Tag" t JOIN "Role" r ON r."id" = t."roleId" WHERE r."accountId" = ${accountId} ${f.roles}
      UNION ALL SELECT 'inline', 'user', p."userId", p."name", p."document" FROM "InlinePolicy" p JOIN "User" u ON u."id" = p."userId" WHERE u."accountId" = ${accountId} ${f.users}
      UNION ALL SELECT 'inline', 'group', p."groupId", p."name", p."document" FROM "InlinePolicy" p JOIN "Group" g ON g."id" = p."groupId" WHERE g."accountId" = ${accountId} ${f.groups}
      UNION ALL SELECT 'inline', 'role', p."roleId", p."name", p."document" FROM "InlinePolicy" p JOIN "Role" r ON r."id" = p."roleId" WHERE r."accountId" = ${accountId} ${f.roles}
      UNION ALL SELECT 'attached', 'user', a."userId", a."policyId", NULL FROM "UserPolicyAttachment" a JOIN "User" u ON u."id" = a."userId" WHERE u."accountId" = ${accountId} ${f.users}
      UNION ALL SELECT 'attached', 'group', a."groupId", a."policyId", NULL FROM "GroupPolicyAttachment" a JOIN "Group" g ON g."id" = a."groupId" WHERE g."accountId" = ${accountId} ${f.groups}
      UNION ALL SELECT 'attached', 'role', a."roleId", a."policyId", NULL FROM "RolePolicyAttachment" a JOIN "Role" r ON r."id" = a."roleId" WHERE r."accountId" = ${accountId} ${f.roles}
      UNION ALL SELECT 'member', 'user', m."userId", m."groupId", NULL FROM "GroupMembership" m JOIN "User" u ON u."id" = m."userId" WHERE u."accountId" = ${accountId} ${f.users}
      ORDER BY name`,
  ]);

  const policyIds = new Set(parts.filter((p) => p.part === "attached").map((p) => p.name));
  const boundaryArns = new Set(principalRows.flatMap((p) => (p.boundaryArn ? [p.boundaryArn] : [])));
  const policies =
    policyIds.size + boundaryArns.size === 0
      ? []
      : await tx.$queryRaw<ManagedRow[]>`
          SELECT m."id" AS id, m."name" AS name, m."arn" AS arn, m."isAwsManaged" AS "isAwsManaged", v."id" AS "versionRowId", v."versionId" AS "versionId", v."document" AS document
            FROM "ManagedPolicy" m JOIN "PolicyVersion" v ON v."policyId" = m."id" AND v."isDefault" = true
            WHERE m."id" IN (${Prisma.join(policyIds.size > 0 ? [...policyIds] : [""])}) OR m."arn" IN (${Prisma.join(boundaryArns.size > 0 ? [...boundaryArns] : [""])})`;
  const byId = new Map(policies.map((p) => [p.id, p]));
  const byArn = new Map(policies.map((p) => [p.arn, p]));

  const sources = new Map<string, PolicySourceView>();
  const managed = (policyId: string, viaGroup?: string): CompiledPolicy[] => {
    const policy = byId.get(policyId);
    if (!policy) return [];
    const name = `${policy.name} ${policy.versionId}${viaGroup === undefined ? "" : ` (via group ${viaGroup})`}`;
    sources.set(name, { PolicyName: policy.name, PolicyArn: policy.arn, PolicyKind: policy.isAwsManaged ? "aws-managed" : "managed", ...(viaGroup === undefined ? {} : { ViaGroup: viaGroup }) });
    return [compileCached(policy.versionRowId, policy.document, name)];
  };
  const inline = (name: string, document: string, ownerKind: GraphPrincipalKind, owner: string, viaGroup?: string): CompiledPolicy => {
    const compiledName = `${name} (inline, ${ownerKind} ${owner})`;
    sources.set(compiledName, { PolicyName: name, PolicyKind: "inline", ...(viaGroup === undefined ? {} : { ViaGroup: viaGroup }) });
    return compileCached(inlineCacheKey(document), document, compiledName);
  };
  const boundary = (arn: string | null): CompiledPolicy | undefined => {
    if (!arn) return undefined;
    const policy = byArn.get(arn);
    // A boundary that no longer exists allows nothing, as policySet.ts decides it.
    if (!policy) return compilePolicy({ Version: "2012-10-17", Statement: [] }, `${arn} (missing permissions boundary)`);
    const name = `${policy.name} ${policy.versionId}`;
    sources.set(name, { PolicyName: policy.name, PolicyArn: policy.arn, PolicyKind: "boundary" });
    return compileCached(policy.versionRowId, policy.document, name);
  };

  // The parts of each principal, by kind and ID, in the order the statement sorted them (by name).
  const partsOf = new Map<string, PartRow[]>();
  for (const part of parts) {
    const key = `${part.kind} ${part.owner}`;
    let list = partsOf.get(key);
    if (!list) partsOf.set(key, (list = []));
    list.push(part);
  }
  const of = (kind: GraphPrincipalKind, id: string, part: PartRow["part"]) => (partsOf.get(`${kind} ${id}`) ?? []).filter((p) => p.part === part);
  const tags = (kind: GraphPrincipalKind, id: string) => Object.fromEntries(of(kind, id, "tag").map((t) => [t.name, t.body ?? ""]));

  // Each group's policies are compiled once and shared by all its members' sets, in policySet.ts's order.
  const groups = principalRows.filter((p) => p.kind === "group");
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  const groupPolicies = new Map<string, { own: CompiledPolicy[]; members: CompiledPolicy[] }>();
  for (const g of groups) {
    // A group's inline policy has one name for the group and its members ("P (inline, group G)").
    const groupInline = of("group", g.id, "inline").map((p) => inline(p.name, p.body!, "group", g.name, g.name));
    const attached = of("group", g.id, "attached");
    groupPolicies.set(g.id, { own: [...groupInline, ...attached.flatMap((a) => managed(a.name))], members: [...groupInline, ...attached.flatMap((a) => managed(a.name, g.name))] });
  }

  const principals: GraphPrincipal[] = [];
  for (const p of principalRows) {
    const base = { kind: p.kind, id: p.id, name: p.name, arn: p.arn, path: p.path, ...(p.boundaryArn ? { boundaryArn: p.boundaryArn } : {}) };
    if (p.kind === "group") {
      // A group never makes a request: its members do, so its policies are weighed with no user's keys.
      principals.push({ ...base, set: { identity: groupPolicies.get(p.id)!.own }, identity: { "aws:PrincipalAccount": accountId }, memberCount: Number(p.members ?? 0) });
      continue;
    }
    const own = [...of(p.kind, p.id, "inline").map((i) => inline(i.name, i.body!, p.kind, p.name)), ...of(p.kind, p.id, "attached").flatMap((a) => managed(a.name))];
    if (p.kind === "user") {
      const memberships = of("user", p.id, "member").sort((a, b) => (groupNames.get(a.name) ?? "").localeCompare(groupNames.get(b.name) ?? ""));
      const identity = [...own, ...memberships.flatMap((m) => groupPolicies.get(m.name)?.members ?? [])];
      principals.push({ ...base, set: { identity, boundary: boundary(p.boundaryArn) }, identity: principalContext({ kind: "user", accountId, arn: p.arn, userId: p.id, userName: p.name }, tags("user", p.id)) });
    } else {
      // A role acts through its sessions: aws:PrincipalArn is the role, aws:userid the role ID, no aws:username.
      const identity: Record<string, ContextValue> = { "aws:PrincipalArn": p.arn, "aws:PrincipalAccount": accountId, "aws:PrincipalType": "AssumedRole", "aws:userid": p.id };
      for (const [key, value] of Object.entries(tags("role", p.id))) identity[`aws:PrincipalTag/${key}`] = value;
      principals.push({ ...base, set: { identity: own, boundary: boundary(p.boundaryArn) }, identity });
    }
  }
  return { principals, sources };
}

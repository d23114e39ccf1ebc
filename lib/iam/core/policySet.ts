// The policies that apply to an IAM user or a role, compiled for the engine: the principal's inline
// and attached managed policies, for a user each group's inline and attached policies, and the
// permissions boundary, read in one statement. Policy versions are immutable, so their compiled form
// is cached per version row; an inline policy by its text's digest. The cache holds only derived,
// immutable data, so several app instances can each keep their own without ever disagreeing.

import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { compilePolicy, readPolicy, type CompiledPolicy, type PolicySet } from "@/lib/policy";
import { IamError } from "./errors";

const MAX_CACHED = 10_000;
const compiled = new Map<string, CompiledPolicy>();

/** A stored policy compiled once per cache key (a version's row ID; an inline policy's digest), named as given. */
export function compileCached(cacheKey: string, documentText: string, name: string): CompiledPolicy {
  let policy = compiled.get(cacheKey);
  if (!policy) {
    const { document, findings } = readPolicy(JSON.parse(documentText));
    if (!document) {
      // Documents are validated before they are stored; a stored one that fails is corrupt data.
      throw new IamError("MalformedPolicyDocument", `Stored policy ${name} is invalid: ${findings[0]?.message ?? "unknown error"}`);
    }
    policy = compilePolicy(document, name);
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(cacheKey, policy);
  }
  // The same version can reach a user by several paths; the name says which one, the matchers are shared.
  return policy.name === name ? policy : { ...policy, name };
}

/** A principal's user or role row, its own policies, its groups' policies and its tags, as one statement returns them. */
interface PolicyRow {
  /** Which part of the principal the row is: one of the constants below, as the SQL writes them. */
  readonly part: number;
  /** The group a group's policy comes through; the principal's name on its own row. */
  readonly via: string | null;
  /** A policy's name; a tag's key; on the principal's row its permissions boundary ARN. */
  readonly name: string | null;
  /** A policy's document; a tag's value. */
  readonly body: string | null;
  /** A managed policy version's row ID: the compile cache's key (versions are immutable). */
  readonly cacheKey: string | null;
  readonly versionId: string | null;
}

// The parts, in the order the engine is given them (the order explanations list policies in);
// within a part, by group, then by name.
const PRINCIPAL = 0;
const TAG = 1;
const INLINE = 2;
const MANAGED = 3;
const GROUP_INLINE = 4;
const GROUP_MANAGED = 5;
const BOUNDARY = 6;

/**
 * Every row a user's policy set is made of, in one statement: a permission check is on every request's
 * path, and each statement through the driver costs more than the join. Portable SQL (SQLite and
 * PostgreSQL): quoted identifiers, UNION ALL of plain joins.
 */
function userRows(tx: Tx, userId: string): Promise<PolicyRow[]> {
  return tx.$queryRaw<PolicyRow[]>`
    SELECT 0 AS part, u."name" AS via, u."permissionsBoundaryArn" AS name, NULL AS body, NULL AS "cacheKey", NULL AS "versionId"
      FROM "User" u WHERE u."id" = ${userId}
    UNION ALL SELECT 1, NULL, t."key", t."value", NULL, NULL FROM "Tag" t WHERE t."userId" = ${userId}
    UNION ALL SELECT 2, NULL, p."name", p."document", NULL, NULL FROM "InlinePolicy" p WHERE p."userId" = ${userId}
    UNION ALL SELECT 3, NULL, m."name", v."document", v."id", v."versionId"
      FROM "UserPolicyAttachment" a JOIN "ManagedPolicy" m ON m."id" = a."policyId" JOIN "PolicyVersion" v ON v."policyId" = m."id" AND v."isDefault" = true
      WHERE a."userId" = ${userId}
    UNION ALL SELECT 4, g."name", p."name", p."document", NULL, NULL
      FROM "GroupMembership" gm JOIN "Group" g ON g."id" = gm."groupId" JOIN "InlinePolicy" p ON p."groupId" = g."id"
      WHERE gm."userId" = ${userId}
    UNION ALL SELECT 5, g."name", m."name", v."document", v."id", v."versionId"
      FROM "GroupMembership" gm JOIN "Group" g ON g."id" = gm."groupId" JOIN "GroupPolicyAttachment" a ON a."groupId" = g."id"
      JOIN "ManagedPolicy" m ON m."id" = a."policyId" JOIN "PolicyVersion" v ON v."policyId" = m."id" AND v."isDefault" = true
      WHERE gm."userId" = ${userId}
    UNION ALL SELECT 6, NULL, m."name", v."document", v."id", v."versionId"
      FROM "User" u JOIN "ManagedPolicy" m ON m."arn" = u."permissionsBoundaryArn" JOIN "PolicyVersion" v ON v."policyId" = m."id" AND v."isDefault" = true
      WHERE u."id" = ${userId}
    ORDER BY part, via, name`;
}

/** As userRows, for a role: no groups. */
function roleRows(tx: Tx, roleId: string): Promise<PolicyRow[]> {
  return tx.$queryRaw<PolicyRow[]>`
    SELECT 0 AS part, r."name" AS via, r."permissionsBoundaryArn" AS name, NULL AS body, NULL AS "cacheKey", NULL AS "versionId"
      FROM "Role" r WHERE r."id" = ${roleId}
    UNION ALL SELECT 1, NULL, t."key", t."value", NULL, NULL FROM "Tag" t WHERE t."roleId" = ${roleId}
    UNION ALL SELECT 2, NULL, p."name", p."document", NULL, NULL FROM "InlinePolicy" p WHERE p."roleId" = ${roleId}
    UNION ALL SELECT 3, NULL, m."name", v."document", v."id", v."versionId"
      FROM "RolePolicyAttachment" a JOIN "ManagedPolicy" m ON m."id" = a."policyId" JOIN "PolicyVersion" v ON v."policyId" = m."id" AND v."isDefault" = true
      WHERE a."roleId" = ${roleId}
    UNION ALL SELECT 6, NULL, m."name", v."document", v."id", v."versionId"
      FROM "Role" r JOIN "ManagedPolicy" m ON m."arn" = r."permissionsBoundaryArn" JOIN "PolicyVersion" v ON v."policyId" = m."id" AND v."isDefault" = true
      WHERE r."id" = ${roleId}
    ORDER BY part, via, name`;
}

/**
 * An inline policy changes in place, so it is cached by its text's digest: an update, however soon
 * after the last, gets a key of its own.
 */
function inlineCacheKey(document: string): string {
  return `inline:${createHash("sha256").update(document).digest("base64")}`;
}

/** A principal's policy set from its rows, or undefined when the principal's own row is missing (deleted). */
function policySetOf(rows: readonly PolicyRow[], kind: "user" | "role"): UserPolicySet | undefined {
  const own = rows.find((row) => Number(row.part) === PRINCIPAL);
  if (!own) return undefined;
  const identity: CompiledPolicy[] = [];
  const tags: Record<string, string> = {};
  let boundary: CompiledPolicy | undefined;
  for (const row of rows) {
    const part = Number(row.part);
    const compile = (name: string) => compileCached(row.cacheKey ?? inlineCacheKey(row.body!), row.body!, name);
    if (part === TAG) tags[row.name!] = row.body!;
    else if (part === INLINE) identity.push(compile(`${row.name} (inline, ${kind} ${own.via})`));
    else if (part === MANAGED) identity.push(compile(`${row.name} ${row.versionId}`));
    else if (part === GROUP_INLINE) identity.push(compile(`${row.name} (inline, group ${row.via})`));
    else if (part === GROUP_MANAGED) identity.push(compile(`${row.name} ${row.versionId} (via group ${row.via})`));
    else if (part === BOUNDARY) boundary = compile(`${row.name} ${row.versionId}`);
  }
  const boundaryArn = own.name;
  // A boundary that no longer exists allows nothing, rather than silently lifting the limit.
  if (boundaryArn && !boundary) boundary = compilePolicy({ Version: "2012-10-17", Statement: [] }, `${boundaryArn} (missing permissions boundary)`);
  return { set: { identity, boundary }, tags };
}

/** A principal's policies as the engine weighs them, and its tags (aws:PrincipalTag/*). */
export interface UserPolicySet {
  readonly set: PolicySet;
  readonly tags: Record<string, string>;
}

/** The user's identity-based policy set and tags, or undefined if the user no longer exists. */
export async function loadUserPolicySet(tx: Tx, userId: string): Promise<UserPolicySet | undefined> {
  return policySetOf(await userRows(tx, userId), "user");
}

/** The role's identity-based policy set (inline, attached, boundary) and tags, or undefined if the role no longer exists. */
export async function loadRolePolicySet(tx: Tx, roleId: string): Promise<UserPolicySet | undefined> {
  return policySetOf(await roleRows(tx, roleId), "role");
}

const DEFAULT_VERSION = { versions: { where: { isDefault: true }, select: { id: true, versionId: true, document: true } } };

/**
 * A role session's policy set: its role's, with the session policies (the inline Policy and the
 * PolicyArns, each policy a grant of its own, together the session's one limit) and tags where
 * session tags win over the role's tags of the same key. Undefined when the session or role is gone.
 */
export async function loadRoleSessionPolicySet(tx: Tx, accessKeyId: string): Promise<UserPolicySet | undefined> {
  const session = await tx.roleSession.findUnique({ where: { accessKeyId } });
  if (!session) return undefined;
  const role = await loadRolePolicySet(tx, session.roleId);
  if (!role) return undefined;
  const sessionPolicies = await loadSessionPolicies(tx, session.accessKeyId, session.sessionPolicy, JSON.parse(session.sessionPolicyArns) as string[]);
  const sessionTags = JSON.parse(session.sessionTags) as Record<string, string>;
  const overridden = new Set(Object.keys(sessionTags).map((key) => key.toLowerCase()));
  const tags = { ...Object.fromEntries(Object.entries(role.tags).filter(([key]) => !overridden.has(key.toLowerCase()))), ...sessionTags };
  return { set: { ...role.set, session: sessionPolicies }, tags };
}

/**
 * The session policies as the engine's one session policy: their statements together (an action is
 * within the session's limit when any of them allows it, as AWS combines inline and managed session
 * policies). Undefined when the session was given none: then only the role's policies decide.
 */
async function loadSessionPolicies(tx: Tx, accessKeyId: string, inlineText: string | null, arns: readonly string[]): Promise<CompiledPolicy | undefined> {
  if (inlineText === null && arns.length === 0) return undefined;
  const documents: unknown[] = inlineText === null ? [] : [JSON.parse(inlineText)];
  const managedPolicies = arns.length === 0 ? [] : await tx.managedPolicy.findMany({ where: { arn: { in: [...arns] } }, select: { ...DEFAULT_VERSION } });
  for (const policy of managedPolicies) if (policy.versions[0]) documents.push(JSON.parse(policy.versions[0].document));
  const statements = documents.flatMap((document) => {
    const { document: read } = readPolicy(document);
    return read ? read.Statement : [];
  });
  const version = documents.every((d) => (d as { Version?: string }).Version === "2012-10-17") ? "2012-10-17" : "2008-10-17";
  return compilePolicy({ Version: version, Statement: statements }, `session policies of ${accessKeyId}`);
}

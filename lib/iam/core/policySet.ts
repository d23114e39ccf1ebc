// The policies that apply to an IAM user or a role, compiled for the engine: the principal's inline
// and attached managed policies, for a user each group's inline and attached policies, and the
// permissions boundary. Policy
// versions are immutable, so their compiled form is cached per version row; an inline policy per
// (id, last update). The cache holds only derived, immutable data, so several app instances can
// each keep their own without ever disagreeing.

import "server-only";
import type { Tx } from "@/lib/db/client";
import { compilePolicy, readPolicy, type CompiledPolicy, type PolicySet } from "@/lib/policy";
import { IamError } from "./errors";

const MAX_CACHED = 10_000;
const compiled = new Map<string, CompiledPolicy>();

function compileCached(cacheKey: string, documentText: string, name: string): CompiledPolicy {
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

interface ManagedAttachment {
  policy: { name: string; versions: { id: string; versionId: string; document: string }[] };
}
interface Inline {
  id: string;
  name: string;
  document: string;
  updatedAt: Date;
}

function managed(attachments: ManagedAttachment[], via: string): CompiledPolicy[] {
  return attachments.flatMap(({ policy }) =>
    policy.versions.map((v) => compileCached(v.id, v.document, `${policy.name} ${v.versionId}${via}`)),
  );
}

function inline(policies: Inline[], owner: string): CompiledPolicy[] {
  return policies.map((p) => compileCached(`${p.id}@${p.updatedAt.getTime()}`, p.document, `${p.name} (inline, ${owner})`));
}

const DEFAULT_VERSION = { versions: { where: { isDefault: true }, select: { id: true, versionId: true, document: true } } };

/** A principal's policies as the engine weighs them, and its tags (aws:PrincipalTag/*). */
export interface UserPolicySet {
  readonly set: PolicySet;
  readonly tags: Record<string, string>;
}

/** The user's identity-based policy set and tags, or undefined if the user no longer exists. */
export async function loadUserPolicySet(tx: Tx, userId: string): Promise<UserPolicySet | undefined> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    include: {
      tags: true,
      inlinePolicies: true,
      attachedPolicies: { include: { policy: { select: { name: true, ...DEFAULT_VERSION } } } },
      memberships: {
        include: {
          group: {
            include: {
              inlinePolicies: true,
              attachedPolicies: { include: { policy: { select: { name: true, ...DEFAULT_VERSION } } } },
            },
          },
        },
      },
    },
  });
  if (!user) return undefined;
  const identity = [
    ...inline(user.inlinePolicies, `user ${user.name}`),
    ...managed(user.attachedPolicies, ""),
    ...user.memberships.flatMap(({ group }) => [
      ...inline(group.inlinePolicies, `group ${group.name}`),
      ...managed(group.attachedPolicies, ` (via group ${group.name})`),
    ]),
  ];
  return { set: { identity, boundary: await loadBoundary(tx, user.permissionsBoundaryArn) }, tags: tagRecord(user.tags) };
}

/** The role's identity-based policy set (inline, attached, boundary) and tags, or undefined if the role no longer exists. */
export async function loadRolePolicySet(tx: Tx, roleId: string): Promise<UserPolicySet | undefined> {
  const role = await tx.role.findUnique({
    where: { id: roleId },
    include: {
      tags: true,
      inlinePolicies: true,
      attachedPolicies: { include: { policy: { select: { name: true, ...DEFAULT_VERSION } } } },
    },
  });
  if (!role) return undefined;
  const identity = [...inline(role.inlinePolicies, `role ${role.name}`), ...managed(role.attachedPolicies, "")];
  return { set: { identity, boundary: await loadBoundary(tx, role.permissionsBoundaryArn) }, tags: tagRecord(role.tags) };
}

function tagRecord(tags: readonly { key: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [t.key, t.value]));
}

async function loadBoundary(tx: Tx, arn: string | null): Promise<CompiledPolicy | undefined> {
  if (!arn) return undefined;
  const policy = await tx.managedPolicy.findUnique({ where: { arn }, select: { name: true, ...DEFAULT_VERSION } });
  const version = policy?.versions[0];
  // A boundary that no longer exists allows nothing, rather than silently lifting the limit.
  return version
    ? compileCached(version.id, version.document, `${policy.name} ${version.versionId}`)
    : compilePolicy({ Version: "2012-10-17", Statement: [] }, `${arn} (missing permissions boundary)`);
}

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

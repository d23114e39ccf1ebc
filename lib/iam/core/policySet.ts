// The policies that apply to an IAM user, compiled for the engine: the user's inline and attached
// managed policies, each group's inline and attached policies, and the permissions boundary. Policy
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
  let boundary: CompiledPolicy | undefined;
  if (user.permissionsBoundaryArn) {
    const policy = await tx.managedPolicy.findUnique({ where: { arn: user.permissionsBoundaryArn }, select: { name: true, ...DEFAULT_VERSION } });
    const version = policy?.versions[0];
    // A boundary that no longer exists allows nothing, rather than silently lifting the limit.
    boundary = version
      ? compileCached(version.id, version.document, `${policy.name} ${version.versionId} (permissions boundary)`)
      : compilePolicy({ Version: "2012-10-17", Statement: [] }, `${user.permissionsBoundaryArn} (missing permissions boundary)`);
  }
  return { set: { identity, boundary }, tags: Object.fromEntries(user.tags.map((t) => [t.key, t.value])) };
}

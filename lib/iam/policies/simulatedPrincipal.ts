// The principal a simulation is about, and where each of its policies came from: SimulatePrincipalPolicy
// and GetContextKeysForPrincipalPolicy name a user, group or role by ARN; both simulators also take
// policies as text (PolicyInputList, …). The sources let a result say which policy a deciding
// statement belongs to (AWS's SourcePolicyId and SourcePolicyType) and where it sits in that policy's
// text. Each stored policy also has a key, stable across its versions, by which the console's
// simulator leaves it out of a simulation (ExcludedPolicies) and finds its text to highlight.

import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import { compilePolicy, parseIamArn, parsePolicy, readPolicy, type CompiledPolicy, type ContextValue } from "@/lib/policy";
import { principalContext } from "../core/authorize";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import { loadRolePolicySet, loadUserPolicySet, type UserPolicySet } from "../core/policySet";
import { malformedPolicyDocument } from "./document";

/** AWS's PolicySourceType; policies given in the request have none (AWS leaves the member out). */
export type PolicySourceType = "user" | "group" | "role" | "aws-managed" | "user-managed" | "resource";

/** Where a compiled policy of the simulation came from, by the name the engine knows it by. */
export interface PolicySource {
  readonly id: string;
  readonly type?: PolicySourceType;
  /** The policy's text, for the statements' positions. */
  readonly text: string;
  /**
   * Unique within the simulation: the member and index of a policy given as text
   * ("PolicyInputList.1"); for a stored policy "inline/NAME", the managed policy's ARN,
   * "group/GROUP/inline/NAME", "group/GROUP/ARN", or "boundary".
   */
  readonly key: string;
  /** The group a policy reaches a user through. */
  readonly group?: string;
  /** The ARN of a managed policy. */
  readonly arn?: string;
}

/** The key of the principal's permissions boundary among its sources. */
export const BOUNDARY_KEY = "boundary";

/** By the name the engine knows a policy by, a permissions boundary's under sourceName's prefix. */
export type Sources = Map<string, PolicySource>;

/**
 * Where a policy of the engine's set is found among the sources. A boundary is looked up apart: the
 * same managed policy version may be both attached and the boundary, under the same engine name.
 */
export function sourceName(policy: string, policyType: string): string {
  return policyType === "boundary" ? `boundary ${policy}` : policy;
}

/** A policy given as text in the request, parsed (MalformedPolicyDocument names which one) and named as AWS names it. */
export function inputPolicy(text: string, id: string, sources: Sources, type?: PolicySourceType, layer = "identity"): CompiledPolicy {
  const parsed = parsePolicy(text);
  if (!parsed.ok) {
    const error = malformedPolicyDocument(parsed.findings.filter((f) => f.severity === "error"));
    throw new IamError("MalformedPolicyDocument", `${id}: ${error.message}`);
  }
  sources.set(sourceName(id, layer), { id, type, text, key: id });
  return compilePolicy(parsed.document, id);
}

export function inputPolicies(texts: readonly string[] | undefined, member: string, sources: Sources): CompiledPolicy[] {
  return (texts ?? []).map((text, i) => inputPolicy(text, `${member}.${i + 1}`, sources));
}

export async function findUserByArn(tx: Tx, caller: Caller, arn: string) {
  const user = await tx.user.findUnique({ where: { arn } });
  return user && user.accountId === accountOf(caller) ? user : undefined;
}

export async function findRoleByArn(tx: Tx, caller: Caller, arn: string) {
  const role = await tx.role.findFirst({ where: { arn, accountId: accountOf(caller) } });
  return role ?? undefined;
}

export interface SimulatedPrincipal {
  readonly arn: string;
  readonly accountId: string;
  readonly kind: "user" | "group" | "role";
  readonly id: string;
  readonly name: string;
  readonly policies: UserPolicySet;
  /** aws:PrincipalType, aws:userid and (users only) aws:username, as a live request by it carries them; none for a group, which never makes a request. */
  readonly identity: Record<string, ContextValue>;
}

/** The principal a PolicySourceArn names in the caller's account, with its policies, or the error AWS gives. */
export async function simulatedPrincipal(tx: Tx, caller: Caller, arn: string): Promise<SimulatedPrincipal> {
  const type = parseIamArn(arn)?.type;
  if (type === "user") {
    const user = await findUserByArn(tx, caller, arn);
    if (!user) throw new IamError("NoSuchEntity", `No IAM user in account ${accountOf(caller)} has the ARN ${arn}. Copy the ARN from the user's page.`);
    const principal = { kind: "user", accountId: user.accountId, arn: user.arn, userId: user.id, userName: user.name } as const;
    const policies = (await loadUserPolicySet(tx, user.id))!;
    return { arn: user.arn, accountId: user.accountId, kind: "user", id: user.id, name: user.name, policies, identity: principalContext(principal, policies.tags) };
  }
  if (type === "role") {
    const role = await findRoleByArn(tx, caller, arn);
    if (!role) throw new IamError("NoSuchEntity", `No role in account ${accountOf(caller)} has the ARN ${arn}. Copy the ARN from the role's page.`);
    const policies = (await loadRolePolicySet(tx, role.id))!;
    // A role's requests are its sessions': aws:PrincipalArn is the role's ARN, aws:userid the role
    // ID (a live session adds ":session-name"), and there is no aws:username.
    const identity: Record<string, ContextValue> = { "aws:PrincipalArn": role.arn, "aws:PrincipalAccount": role.accountId, "aws:PrincipalType": "AssumedRole", "aws:userid": role.id };
    for (const [key, value] of Object.entries(policies.tags)) identity[`aws:PrincipalTag/${key}`] = value;
    return { arn: role.arn, accountId: role.accountId, kind: "role", id: role.id, name: role.name, policies, identity };
  }
  if (type === "group") {
    const group = await tx.group.findFirst({
      where: { arn, accountId: accountOf(caller) },
      select: {
        id: true,
        name: true,
        arn: true,
        accountId: true,
        inlinePolicies: { select: { name: true, document: true } },
        attachedPolicies: { select: { policy: { select: { name: true, versions: DEFAULT_VERSION } } } },
      },
    });
    if (!group) throw new IamError("NoSuchEntity", `No group in account ${accountOf(caller)} has the ARN ${arn}. Copy the ARN from the group's page.`);
    // Named as core/policySet.ts names a group's policies for its members, so explanations read alike.
    const identity = [
      ...group.inlinePolicies.map((p) => storedPolicy(p.document, `${p.name} (inline, group ${group.name})`)),
      ...group.attachedPolicies.flatMap(({ policy }) => policy.versions.map((v) => storedPolicy(v.document, `${policy.name} ${v.versionId} (via group ${group.name})`))),
    ];
    return { arn: group.arn, accountId: group.accountId, kind: "group", id: group.id, name: group.name, policies: { set: { identity }, tags: {} }, identity: {} };
  }
  throw new IamError("InvalidInput", `${arn} is not the ARN of an IAM user, group or role. Use an ARN such as arn:aws:iam::${accountOf(caller)}:user/alice or arn:aws:iam::${accountOf(caller)}:role/Deployer.`);
}

/** A stored document, validated when it was saved. */
function storedPolicy(text: string, name: string): CompiledPolicy {
  const { document, findings } = readPolicy(JSON.parse(text));
  if (!document) throw new IamError("MalformedPolicyDocument", `Stored policy ${name} is invalid: ${findings[0]?.message ?? "unknown error"}`);
  return compilePolicy(document, name);
}

const DEFAULT_VERSION = { where: { isDefault: true }, select: { versionId: true, document: true } } as const;
const MANAGED = { select: { name: true, arn: true, isAwsManaged: true, versions: DEFAULT_VERSION } } as const;

interface StoredManaged {
  name: string;
  arn: string;
  isAwsManaged: boolean;
  versions: { versionId: string; document: string }[];
}

/**
 * The stored policies of a principal by the names core/policySet.ts gives them in explanations
 * ("P v2", "P v2 (via group G)", "P (inline, user U)"), with AWS's source type and their text. One
 * query; a name it does not know leaves its statements without a source type or position.
 */
export async function principalSources(tx: Tx, principal: SimulatedPrincipal, sources: Sources): Promise<void> {
  const managed = (policy: StoredManaged, group?: string, key = group ? `group/${group}/${policy.arn}` : policy.arn) => {
    const version = policy.versions[0];
    const via = group ? ` (via group ${group})` : "";
    const type = policy.isAwsManaged ? "aws-managed" : "user-managed";
    const name = `${policy.name} ${version?.versionId}${via}`;
    if (version) sources.set(key === BOUNDARY_KEY ? sourceName(name, "boundary") : name, { id: policy.name, type, text: version.document, key, arn: policy.arn, ...(group ? { group } : {}) });
  };
  const inline = (policy: { name: string; document: string }, type: "user" | "group" | "role", owner: string) =>
    sources.set(`${policy.name} (inline, ${type} ${owner})`, { id: policy.name, type, text: policy.document, key: type === "group" ? `group/${owner}/inline/${policy.name}` : `inline/${policy.name}`, ...(type === "group" ? { group: owner } : {}) });
  const boundaryArn = principal.kind === "user" ? await userSources() : principal.kind === "role" ? await roleSources() : await groupSources();
  if (boundaryArn) {
    const boundary = await tx.managedPolicy.findUnique({ where: { arn: boundaryArn }, ...MANAGED });
    if (boundary) managed(boundary, undefined, BOUNDARY_KEY);
  }

  async function userSources() {
    const user = await tx.user.findUnique({
      where: { id: principal.id },
      select: {
        permissionsBoundaryArn: true,
        inlinePolicies: { select: { name: true, document: true } },
        attachedPolicies: { select: { policy: MANAGED } },
        memberships: { select: { group: { select: { name: true, inlinePolicies: { select: { name: true, document: true } }, attachedPolicies: { select: { policy: MANAGED } } } } } },
      },
    });
    if (!user) return null;
    for (const p of user.inlinePolicies) inline(p, "user", principal.name);
    for (const { policy } of user.attachedPolicies) managed(policy);
    for (const { group } of user.memberships) groupPolicies(group);
    return user.permissionsBoundaryArn;
  }

  function groupPolicies(group: { name: string; inlinePolicies: { name: string; document: string }[]; attachedPolicies: { policy: StoredManaged }[] }) {
    for (const p of group.inlinePolicies) inline(p, "group", group.name);
    for (const { policy } of group.attachedPolicies) managed(policy, group.name);
  }

  async function groupSources() {
    const group = await tx.group.findUnique({
      where: { id: principal.id },
      select: { name: true, inlinePolicies: { select: { name: true, document: true } }, attachedPolicies: { select: { policy: MANAGED } } },
    });
    if (group) groupPolicies(group);
    return null;
  }

  async function roleSources() {
    const role = await tx.role.findUnique({
      where: { id: principal.id },
      select: { permissionsBoundaryArn: true, inlinePolicies: { select: { name: true, document: true } }, attachedPolicies: { select: { policy: MANAGED } } },
    });
    if (!role) return null;
    for (const p of role.inlinePolicies) inline(p, "role", principal.name);
    for (const { policy } of role.attachedPolicies) managed(policy);
    return role.permissionsBoundaryArn;
  }
}

// The operation × caller matrix's fixture (matrix.test.ts): the six callers, a target account whose
// user has every dependent, another account with nothing but its administrator, and callers shaped
// as lib/auth/session.ts builds them for one console request. A fixture is cheap (one createMany
// per table, in one transaction) because every allowed write gets a fresh one.

import { randomUUID } from "node:crypto";
import { RequestScope, type Caller } from "@/lib/auth/caller";
import { newSeed } from "@/lib/auth/mfaCodes";
import { hashPassword } from "@/lib/auth/password";
import { accessKeyId as newAccessKeyId, newAccountId, uniqueId } from "@/lib/iam/core/ids";
import { ensureAwsManagedPolicies, FORCE_MFA_POLICY_NAME } from "@/lib/iam/policies/awsManaged";
import { accountRootArn, groupArn, policyArn, roleArn, userArn } from "@/lib/policy";
import { db, managed } from "./fixtures";

export const CALLERS = ["root", "admin", "readOnly", "noPolicies", "forceMfa", "otherAdmin"] as const;
export type Who = (typeof CALLERS)[number];

/** The target account's IAM users who sign in, by caller (root and the other account's admin are not among them). */
export const USER_NAMES = { admin: "admin", readOnly: "reader", noPolicies: "nobody", forceMfa: "newhire" } as const;
export type TargetUser = keyof typeof USER_NAMES;

/** Every caller user's console password. */
export const CALLER_PASSWORD = "Caller-Password-1";

export interface Principal {
  readonly kind: "root" | "user";
  readonly accountId: string;
  readonly arn: string;
  readonly userId?: string;
  readonly userName?: string;
}

export interface Fixture {
  readonly accountId: string;
  readonly otherAccountId: string;
  readonly alias: string;
  readonly customPolicy: string;
  readonly targetArn: string;
  readonly targetKey: string;
  /** A completed GenerateServiceLastAccessedDetails job of the target account. */
  readonly lastAccessedJobId: string;
  readonly principals: Readonly<Record<Who, Principal>>;
  /** Each self-service caller's own access key. */
  readonly ownKeys: Readonly<Record<TargetUser, string>>;
}

let passwordHash: string;
let policyIds: Record<string, string>;

/** Once per test file, before the first fixture: the AWS managed policies, and the one password hash every caller shares. */
export async function prepareFixtures(): Promise<void> {
  await ensureAwsManagedPolicies(db);
  passwordHash = await hashPassword(CALLER_PASSWORD);
  const rows = await db.managedPolicy.findMany({ where: { accountId: null }, select: { arn: true, id: true } });
  policyIds = Object.fromEntries(rows.map((r) => [r.arn, r.id]));
}

const doc = (action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });

function mfaDevice(accountId: string, owner: string, name: string, enabled: boolean) {
  return { accountId, userId: owner, serialNumber: `arn:aws:iam::${accountId}:mfa/${name}`, name, secretCiphertext: newSeed().sealed, enabledAt: enabled ? new Date() : null };
}

/**
 * Both accounts, written with one createMany per table in one transaction (a fixture per allowed
 * write: about 120 of them). The target account:
 * - the alias, and a password policy with AllowUsersToChangePassword;
 * - Custom, a customer managed policy with two versions (v2 the default) and a tag;
 * - Team, a group with an AWS managed and a customer managed policy, an inline policy, and the target
 *   user as member; Spare, an empty group;
 * - target, a user with every dependent (on a path, so resources carry it): a console password, an
 *   access key, an enabled MFA device and an enrollment in progress, Team, Custom attached, an inline
 *   policy, two tags; leaver, a user with nothing (what DeleteUser, CreateLoginProfile, AddUserToGroup
 *   act on);
 * - Deployer, a role on a path with a tag (what the role operations act on); SpareRole, an empty role
 *   (what DeleteRole deletes);
 * - the caller users, each with a console password (CALLER_PASSWORD), an access key and an MFA
 *   enrollment never finished, and its one policy.
 * The other account: nothing but its administrator (a caller user too).
 */
export async function buildFixture(): Promise<Fixture> {
  const accountId = newAccountId();
  const otherAccountId = newAccountId();
  const alias = `alias-${accountId}`;
  const customPolicy = policyArn(accountId, "Custom");
  const customId = uniqueId("ANPA");
  const teamId = uniqueId("AGPA");
  const spareId = uniqueId("AGPA");
  const targetId = uniqueId("AIDA");
  const targetArn = userArn(accountId, "target", "/staff/");
  const targetKey = newAccessKeyId();
  const deployerId = uniqueId("AROA");
  const spareRoleId = uniqueId("AROA");
  const lastAccessedJobId = randomUUID();
  const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: accountRootArn(accountId) }, Action: "sts:AssumeRole" }] });

  const users: { id: string; accountId: string; name: string; nameLower: string; path: string; arn: string }[] = [];
  const logins: { userId: string; passwordHash: string }[] = [];
  const keys: { id: string; accountId: string; userId: string; secretCiphertext: string }[] = [];
  const devices: ReturnType<typeof mfaDevice>[] = [];
  const attachments: { userId: string; policyId: string }[] = [];
  const addUser = (account: string, name: string, path = "/", id = uniqueId("AIDA")) => {
    users.push({ id, accountId: account, name, nameLower: name.toLowerCase(), path, arn: userArn(account, name, path) });
    return id;
  };
  const addCaller = (account: string, name: string, policies: readonly string[]): { principal: Principal; key: string } => {
    const id = addUser(account, name);
    const key = newAccessKeyId();
    logins.push({ userId: id, passwordHash });
    keys.push({ id: key, accountId: account, userId: id, secretCiphertext: "sealed-elsewhere" });
    devices.push(mfaDevice(account, id, `${name}-pending`, false));
    for (const p of policies) attachments.push({ userId: id, policyId: policyIds[p]! });
    return { principal: { kind: "user", accountId: account, arn: userArn(account, name), userId: id, userName: name }, key };
  };

  addUser(accountId, "target", "/staff/", targetId);
  logins.push({ userId: targetId, passwordHash });
  keys.push({ id: targetKey, accountId, userId: targetId, secretCiphertext: "sealed-elsewhere" });
  devices.push(mfaDevice(accountId, targetId, "phone", true), mfaDevice(accountId, targetId, "target-pending", false));
  attachments.push({ userId: targetId, policyId: customId });
  addUser(accountId, "leaver");
  const admin = addCaller(accountId, USER_NAMES.admin, [managed("AdministratorAccess")]);
  const readOnly = addCaller(accountId, USER_NAMES.readOnly, [managed("IAMReadOnlyAccess")]);
  const noPolicies = addCaller(accountId, USER_NAMES.noPolicies, []);
  const forceMfa = addCaller(accountId, USER_NAMES.forceMfa, [managed(FORCE_MFA_POLICY_NAME)]);
  const otherAdmin = addCaller(otherAccountId, "admin", [managed("AdministratorAccess")]);

  await db.$transaction([
    db.account.createMany({ data: [{ id: accountId, name: "Target account", alias }, { id: otherAccountId, name: "Other account" }] }),
    db.rootUser.createMany({ data: [accountId, otherAccountId].map((id) => ({ accountId: id, email: `root-${id}@example.com`, passwordHash: "unused-in-these-tests" })) }),
    db.passwordPolicy.create({ data: { accountId, minimumPasswordLength: 8, allowUsersToChangePassword: true } }),
    db.managedPolicy.createMany({ data: [{ id: customId, accountId, name: "Custom", nameLower: "custom", arn: customPolicy, defaultVersionId: "v2", nextVersionNumber: 3 }] }),
    db.policyVersion.createMany({
      data: [
        { policyId: customId, versionId: "v1", document: doc("iam:GetUser"), isDefault: false },
        { policyId: customId, versionId: "v2", document: doc("iam:ListUsers"), isDefault: true },
      ],
    }),
    db.group.createMany({
      data: [
        { id: teamId, accountId, name: "Team", nameLower: "team", arn: groupArn(accountId, "Team") },
        { id: spareId, accountId, name: "Spare", nameLower: "spare", arn: groupArn(accountId, "Spare") },
      ],
    }),
    db.groupPolicyAttachment.createMany({ data: [{ groupId: teamId, policyId: policyIds[managed("IAMReadOnlyAccess")]! }, { groupId: teamId, policyId: customId }] }),
    db.user.createMany({ data: users }),
    db.role.createMany({
      data: [
        { id: deployerId, accountId, name: "Deployer", nameLower: "deployer", path: "/service/", arn: roleArn(accountId, "Deployer", "/service/"), trustPolicy: trust },
        { id: spareRoleId, accountId, name: "SpareRole", nameLower: "sparerole", arn: roleArn(accountId, "SpareRole"), trustPolicy: trust },
      ],
    }),
    db.tag.createMany({
      data: [
        { policyId: customId, key: "team", keyLower: "team", value: "web" },
        { userId: targetId, key: "team", keyLower: "team", value: "web" },
        { userId: targetId, key: "env", keyLower: "env", value: "prod" },
        { roleId: deployerId, key: "team", keyLower: "team", value: "web" },
      ],
    }),
    db.inlinePolicy.createMany({
      data: [
        { groupId: teamId, name: "GroupInline", nameLower: "groupinline", document: doc("iam:GetGroup") },
        { userId: targetId, name: "Inline", nameLower: "inline", document: doc("iam:ListGroups") },
      ],
    }),
    db.groupMembership.createMany({ data: [{ userId: targetId, groupId: teamId }] }),
    db.userPolicyAttachment.createMany({ data: attachments }),
    db.loginProfile.createMany({ data: logins }),
    db.accessKey.createMany({ data: keys }),
    db.mfaDevice.createMany({ data: devices }),
    // The reports the read operations return: a credential report under 4 hours old, and a
    // completed last-accessed job about the target user.
    db.credentialReport.createMany({ data: [{ accountId, state: "COMPLETE", startedAt: new Date(), generatedAt: new Date(), content: "user,arn\n" }] }),
    db.accessDetailsJob.createMany({ data: [{ id: lastAccessedJobId, accountId, arn: targetArn, granularity: "SERVICE_LEVEL", status: "COMPLETED", completedAt: new Date(), result: JSON.stringify({ services: [], entities: [] }) }] }),
  ]);

  return {
    accountId,
    otherAccountId,
    alias,
    customPolicy,
    targetArn,
    targetKey,
    lastAccessedJobId,
    principals: {
      root: { kind: "root", accountId, arn: accountRootArn(accountId) },
      admin: admin.principal,
      readOnly: readOnly.principal,
      noPolicies: noPolicies.principal,
      forceMfa: forceMfa.principal,
      otherAdmin: otherAdmin.principal,
    },
    ownKeys: { admin: admin.key, readOnly: readOnly.key, noPolicies: noPolicies.key, forceMfa: forceMfa.key },
  };
}

/** Removes a fixture's two accounts, so every snapshot stays small. Rows a cascade does not reach only cost time. */
export async function dropFixture(fixture: Fixture): Promise<void> {
  const ids = [fixture.accountId, fixture.otherAccountId];
  await db.mfaDevice.deleteMany({ where: { accountId: { in: ids } } }).catch(() => undefined);
  await db.accessKey.deleteMany({ where: { accountId: { in: ids } } }).catch(() => undefined);
  await db.account.deleteMany({ where: { id: { in: ids } } }).catch(() => undefined);
}

/** The caller as lib/auth/session.ts builds it for one console request: no MFA in these sessions. */
export function consoleCaller(fixture: Fixture, who: Who): Caller {
  const p = fixture.principals[who];
  return {
    kind: p.kind,
    accountId: p.accountId,
    arn: p.arn,
    userId: p.userId,
    userName: p.userName,
    mfaAuthenticated: false,
    authTime: new Date(Date.now() - 10 * 60_000),
    sourceIp: `198.51.100.${CALLERS.indexOf(who) + 10}`,
    userAgent: "Mozilla/5.0 (operation × caller matrix)",
    secureTransport: true,
    scope: new RequestScope(),
  };
}

// Test setup written straight to the database (not through operations), so each test arranges its
// account exactly and then exercises only the operation under test. Every test creates its own
// account, so tests in one file share the file's database without seeing each other's rows.

import { expect } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db/client";
import { awsManagedPolicyArn, ensureAwsManagedPolicies } from "@/lib/iam/policies/awsManaged";
import { isIamError, type IamError, type IamErrorCode } from "@/lib/iam/core/errors";
import { accessKeyId, newAccountId, uniqueId } from "@/lib/iam/core/ids";
import { accountRootArn, groupArn, policyArn, roleArn, userArn } from "@/lib/policy";

export { db };

let managedPoliciesReady: Promise<void> | undefined;

export interface TestAccount {
  readonly accountId: string;
  readonly root: Caller;
}

export async function createAccount(name = "Test account"): Promise<TestAccount> {
  managedPoliciesReady ??= ensureAwsManagedPolicies(db);
  await managedPoliciesReady;
  const accountId = newAccountId();
  await db.account.create({
    data: { id: accountId, name, rootUser: { create: { email: `root-${accountId}@example.com`, passwordHash: "unused-in-these-tests" } } },
  });
  return { accountId, root: { kind: "root", accountId, arn: accountRootArn(accountId), mfaAuthenticated: false } };
}

export const managed = awsManagedPolicyArn;

export async function createCustomerPolicy(accountId: string, name: string, document: object): Promise<string> {
  const arn = policyArn(accountId, name);
  await db.managedPolicy.create({
    data: {
      id: uniqueId("ANPA"),
      accountId,
      name,
      nameLower: name.toLowerCase(),
      arn,
      defaultVersionId: "v1",
      versions: { create: { versionId: "v1", document: JSON.stringify(document), isDefault: true } },
    },
  });
  return arn;
}

async function policyIds(arns: readonly string[]): Promise<string[]> {
  const rows = await db.managedPolicy.findMany({ where: { arn: { in: [...arns] } }, select: { id: true } });
  if (rows.length !== arns.length) throw new Error(`fixture: unknown policy among ${arns.join(", ")}`);
  return rows.map((r) => r.id);
}

export async function createGroup(accountId: string, name: string, attachedPolicyArns: readonly string[] = []): Promise<string> {
  const id = uniqueId("AGPA");
  await db.group.create({
    data: {
      id,
      accountId,
      name,
      nameLower: name.toLowerCase(),
      arn: groupArn(accountId, name),
      attachedPolicies: { create: (await policyIds(attachedPolicyArns)).map((policyId) => ({ policyId })) },
    },
  });
  return id;
}

export interface UserSetup {
  readonly path?: string;
  readonly tags?: Record<string, string>;
  /** Managed policies attached to the user directly. */
  readonly policies?: readonly string[];
  /** IDs of groups (from createGroup) the user is a member of. */
  readonly groupIds?: readonly string[];
  /** Inline policies, by name. */
  readonly inline?: Record<string, object>;
  readonly loginProfile?: boolean;
}

/** Creates an IAM user and returns it as a signed-in caller. */
export async function createUser(accountId: string, name: string, setup: UserSetup = {}): Promise<Caller & { userId: string }> {
  const id = uniqueId("AIDA");
  const path = setup.path ?? "/";
  const arn = userArn(accountId, name, path);
  await db.user.create({
    data: {
      id,
      accountId,
      name,
      nameLower: name.toLowerCase(),
      path,
      arn,
      tags: { create: Object.entries(setup.tags ?? {}).map(([key, value]) => ({ key, keyLower: key.toLowerCase(), value })) },
      attachedPolicies: { create: (await policyIds(setup.policies ?? [])).map((policyId) => ({ policyId })) },
      memberships: { create: (setup.groupIds ?? []).map((groupId) => ({ groupId })) },
      inlinePolicies: {
        create: Object.entries(setup.inline ?? {}).map(([policyName, doc]) => ({
          name: policyName,
          nameLower: policyName.toLowerCase(),
          document: JSON.stringify(doc),
        })),
      },
      ...(setup.loginProfile ? { loginProfile: { create: { passwordHash: "unused-in-these-tests" } } } : {}),
    },
  });
  return { kind: "user", accountId, arn, userId: id, userName: name, mfaAuthenticated: false };
}

/**
 * A user with one of every dependent: tags, a managed and an inline policy, a group, a console
 * password, an access key and an MFA device (enabled, or an enrollment never finished).
 */
export async function createUserWithEverything(accountId: string, name: string, options: { mfaEnabled?: boolean } = {}) {
  const groupId = await createGroup(accountId, `${name}-group`);
  const user = await createUser(accountId, name, {
    tags: { team: "ops" },
    policies: [managed("IAMReadOnlyAccess")],
    groupIds: [groupId],
    inline: { Own: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }] } },
    loginProfile: true,
  });
  await db.accessKey.create({ data: { id: accessKeyId(), accountId, userId: user.userId, secretCiphertext: "sealed" } });
  await db.mfaDevice.create({
    data: { accountId, serialNumber: `arn:aws:iam::${accountId}:mfa/${name}`, name, userId: user.userId, secretCiphertext: "sealed", enabledAt: options.mfaEnabled ? new Date() : null },
  });
  return user;
}

/** A trust policy letting EC2 assume a role: the simplest valid one, for roles whose trust does not matter. */
export const EC2_TRUST_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/** A role written straight to the database, as the other fixtures are. */
export async function createRole(
  accountId: string,
  name: string,
  options: { path?: string; boundary?: string; tags?: Record<string, string>; trustPolicy?: string; maxSessionDuration?: number; inline?: Record<string, object> } = {},
) {
  const path = options.path ?? "/";
  return db.role.create({
    data: {
      id: uniqueId("AROA"),
      accountId,
      name,
      nameLower: name.toLowerCase(),
      path,
      arn: roleArn(accountId, name, path),
      trustPolicy: options.trustPolicy ?? EC2_TRUST_POLICY,
      permissionsBoundaryArn: options.boundary ?? null,
      ...(options.maxSessionDuration ? { maxSessionDuration: options.maxSessionDuration } : {}),
      tags: { create: Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, keyLower: key.toLowerCase(), value })) },
      inlinePolicies: {
        create: Object.entries(options.inline ?? {}).map(([policyName, doc]) => ({ name: policyName, nameLower: policyName.toLowerCase(), document: JSON.stringify(doc) })),
      },
    },
  });
}

/** Row counts of every IAM table except the audit log: "nothing was written" means these are unchanged. */
export async function rowCounts(): Promise<Record<string, number>> {
  const [accounts, users, loginProfiles, groups, memberships, policies, versions, userAttachments, groupAttachments, inlinePolicies, tags, mfaDevices, accessKeys, passwordPolicies, passwordHistory, roles, roleAttachments, roleSessions, switchRoleHistory] =
    await Promise.all([
      db.account.count(),
      db.user.count(),
      db.loginProfile.count(),
      db.group.count(),
      db.groupMembership.count(),
      db.managedPolicy.count(),
      db.policyVersion.count(),
      db.userPolicyAttachment.count(),
      db.groupPolicyAttachment.count(),
      db.inlinePolicy.count(),
      db.tag.count(),
      db.mfaDevice.count(),
      db.accessKey.count(),
      db.passwordPolicy.count(),
      db.passwordHistory.count(),
      db.role.count(),
      db.rolePolicyAttachment.count(),
      db.roleSession.count(),
      db.switchRoleHistory.count(),
    ]);
  return {
    ...{ accounts, users, loginProfiles, groups, memberships, policies, versions, userAttachments, groupAttachments, inlinePolicies, tags, mfaDevices, accessKeys },
    ...{ passwordPolicies, passwordHistory, roles, roleAttachments, roleSessions, switchRoleHistory },
  };
}

/** A fingerprint of every IAM row's content, for "nothing changed" checks that counts would miss (renames, updates). */
export async function snapshot(accountId: string): Promise<string> {
  const [account, users, groups, profiles, tags, policies, roles] = await Promise.all([
    db.account.findUnique({ where: { id: accountId } }),
    db.user.findMany({ where: { accountId }, orderBy: { id: "asc" }, include: { memberships: true, attachedPolicies: true } }),
    db.group.findMany({ where: { accountId }, orderBy: { id: "asc" }, include: { attachedPolicies: true } }),
    db.loginProfile.findMany({ where: { user: { accountId } }, orderBy: { userId: "asc" } }),
    db.tag.findMany({ where: { user: { accountId } }, orderBy: { id: "asc" } }),
    db.managedPolicy.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.role.findMany({ where: { accountId }, orderBy: { id: "asc" }, include: { attachedPolicies: true, inlinePolicies: true, tags: true } }),
  ]);
  return JSON.stringify({ account, users, groups, profiles, tags, policies, roles });
}

export async function auditEvents(accountId: string, action?: string) {
  return db.auditEvent.findMany({ where: { accountId, ...(action ? { action } : {}) }, orderBy: { sequence: "asc" } });
}

/** Asserts that the promise rejects with an IamError of this code (and message, if given). */
export async function expectIamError(promise: Promise<unknown>, code: IamErrorCode, message?: string | RegExp): Promise<IamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isIamError(error), `expected ${code}, got ${String(error)}`).toBe(true);
  const iamError = error as IamError;
  expect(iamError.code).toBe(code);
  if (message !== undefined) expect(iamError.message).toMatch(message);
  return iamError;
}

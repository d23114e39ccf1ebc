// Role sessions as callers, on real SQLite: the request context their decisions carry (AWS's keys
// for an assumed role), their audit events, revocation through AWSRevokeOlderSessions, expiry, and
// SwitchRole (the console's AssumeRole) with its history. Each context key is checked the way a
// policy author would rely on it: a role policy statement conditioned on it allows or does not.

import { beforeEach, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { loadRoleSessionCaller } from "@/lib/auth/roleSession";
import type { AccessDeniedError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { SWITCH_ROLE_HISTORY_SIZE } from "@/lib/iam/core/rules";
import { ListAccountAliases } from "@/lib/iam/account/aliases";
import { ListGroups } from "@/lib/iam/groups/groups";
import { GetRolePolicy } from "@/lib/iam/policies/inline";
import { ListPolicies } from "@/lib/iam/policies/managed";
import { AssumeRole, type AssumeRoleResult } from "@/lib/iam/roles/assumeRole";
import { GetRole, ListRoles } from "@/lib/iam/roles/roles";
import { ListRoleSessions, RevokeRoleSessions } from "@/lib/iam/roles/sessions";
import { ListSwitchRoleHistory, SwitchRole } from "@/lib/iam/roles/switchRole";
import { ListRoleTags } from "@/lib/iam/roles/tags";
import { ListUsers } from "@/lib/iam/users/users";
import { auditEvents, createAccount, createRole, createUser, db, expectIamError, rowCounts, type TestAccount } from "./support/fixtures";

const VERSION = "2012-10-17";
const policy = (...Statement: object[]) => ({ Version: VERSION, Statement });
const allow = (Action: string | string[], Resource: string | string[] = "*", extra: object = {}) => ({ Effect: "Allow", Action, Resource, ...extra });
const trustsAccount = (accountId: string, Action: string | string[] = "sts:AssumeRole", extra: object = {}) =>
  JSON.stringify(policy({ Sid: "TrustAccount", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action, ...extra }));

async function sessionCaller(result: AssumeRoleResult): Promise<Caller> {
  const caller = await loadRoleSessionCaller(result.Credentials.AccessKeyId, {});
  expect(caller, "the session just issued is a caller").toBeDefined();
  return caller!;
}

async function denied(promise: Promise<unknown>): Promise<AccessDeniedError> {
  return (await expectIamError(promise, "AccessDenied")) as AccessDeniedError;
}

/** Whether the operation is allowed for the caller: AccessDenied is false, anything else is thrown. */
async function allowed(promise: Promise<unknown>): Promise<boolean> {
  try {
    await promise;
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "AccessDenied") return false;
    throw error;
  }
}

/** Times are kept to the millisecond: "issued before the revocation" needs one to pass. */
const pastThisMillisecond = () => new Promise((resolve) => setTimeout(resolve, 5));

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

describe("a role session's request context", () => {
  const sessionActions = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"];

  it("carries aws:PrincipalArn, aws:userid, no aws:username, the merged principal tags, aws:TokenIssueTime, MFA and aws:SourceIdentity", async () => {
    const role = await createRole(acct.accountId, "Probe", { trustPolicy: trustsAccount(acct.accountId, sessionActions), tags: { team: "role-team", env: "prod" } });
    const alice = await createUser(acct.accountId, "alice", { inline: { MayAssume: policy(allow(sessionActions, role.arn)) } });
    const withMfa = { ...alice, mfaAuthenticated: true, authTime: new Date() };
    const probe = await execute(
      AssumeRole,
      { RoleArn: role.arn, RoleSessionName: "probe", SourceIdentity: "alice-src", Tags: [{ Key: "team", Value: "session-team" }] },
      withMfa,
    );
    const plain = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "plain" }, alice);
    const issuedAt = (await db.roleSession.findUniqueOrThrow({ where: { accessKeyId: probe.Credentials.AccessKeyId } })).issuedAt;

    // One statement per key, each allowing a different read only when its condition holds.
    const statements = {
      PrincipalArnIsRole: allow("iam:GetRole", "*", { Condition: { StringEquals: { "aws:PrincipalArn": role.arn } } }),
      UserIdIsRoleIdAndSession: allow("iam:ListRoles", "*", { Condition: { StringEquals: { "aws:userid": `${role.id}:probe` } } }),
      NoUserName: allow("iam:ListUsers", "*", { Condition: { Null: { "aws:username": "true" } } }),
      SessionTagWinsRoleTagStays: allow("iam:ListRoleTags", "*", { Condition: { StringEquals: { "aws:PrincipalTag/team": "session-team", "aws:PrincipalTag/env": "prod" } } }),
      IssuedThen: allow("iam:ListGroups", "*", { Condition: { DateEquals: { "aws:TokenIssueTime": issuedAt.toISOString() } } }),
      WithMfa: allow("iam:ListAccountAliases", "*", { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }),
      SourceIdentity: allow("iam:ListPolicies", "*", { Condition: { StringEquals: { "aws:SourceIdentity": "alice-src" } } }),
    };
    await db.inlinePolicy.create({
      data: { roleId: role.id, name: "Probe", nameLower: "probe", document: JSON.stringify(policy(...Object.entries(statements).map(([Sid, s]) => ({ Sid, ...s })))) },
    });

    const reads = (caller: Caller) => ({
      PrincipalArnIsRole: allowed(execute(GetRole, { RoleName: "Probe" }, caller)),
      UserIdIsRoleIdAndSession: allowed(execute(ListRoles, {}, caller)),
      NoUserName: allowed(execute(ListUsers, {}, caller)),
      SessionTagWinsRoleTagStays: allowed(execute(ListRoleTags, { RoleName: "Probe" }, caller)),
      IssuedThen: allowed(execute(ListGroups, {}, caller)),
      WithMfa: allowed(execute(ListAccountAliases, {}, caller)),
      SourceIdentity: allowed(execute(ListPolicies, {}, caller)),
    });
    const settle = async (promises: Record<string, Promise<boolean>>) => Object.fromEntries(await Promise.all(Object.entries(promises).map(async ([k, p]) => [k, await p])));

    const probeSession = await sessionCaller(probe);
    expect(await settle(reads(probeSession))).toEqual({
      PrincipalArnIsRole: true,
      UserIdIsRoleIdAndSession: true,
      NoUserName: true,
      SessionTagWinsRoleTagStays: true,
      IssuedThen: true,
      WithMfa: true,
      SourceIdentity: true,
    });
    // The other session shares the role but not the session's name, tags, issue time, MFA or source identity.
    expect(await settle(reads(await sessionCaller(plain)))).toEqual({
      PrincipalArnIsRole: true,
      UserIdIsRoleIdAndSession: false,
      NoUserName: true,
      SessionTagWinsRoleTagStays: false,
      IssuedThen: false,
      WithMfa: false,
      SourceIdentity: false,
    });

    // The user's own requests are not the session's: aws:PrincipalArn is the user, and aws:username is set.
    expect(await allowed(execute(GetRole, { RoleName: "Probe" }, alice))).toBe(false);

    const events = await db.auditEvent.findMany({ where: { accountId: acct.accountId, action: "iam:GetRole", principalArn: probeSession.arn } });
    expect(events).toEqual([expect.objectContaining({ result: "Allowed", principalArn: `arn:aws:sts::${acct.accountId}:assumed-role/Probe/probe`, assumedBy: alice.arn, sourceIdentity: "alice-src" })]);
  });
});

describe("revoking a role's sessions", () => {
  async function setup() {
    const role = await createRole(acct.accountId, "Ops", { trustPolicy: trustsAccount(acct.accountId), inline: { Read: policy(allow("iam:ListRoles")) } });
    const alice = await createUser(acct.accountId, "alice", { inline: { MayAssume: policy(allow("sts:AssumeRole", role.arn)) } });
    const assume = (name: string) => execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: name }, alice);
    return { role, alice, assume };
  }

  it("puts AWSRevokeOlderSessions on the role: older sessions are denied by it, newer ones keep working, and the list says which", async () => {
    const { assume } = await setup();
    const old = await assume("old");
    const oldSession = await sessionCaller(old);
    await execute(ListRoles, {}, oldSession);
    await pastThisMillisecond();

    const { RevokedBefore } = await execute(RevokeRoleSessions, { RoleName: "Ops" }, acct.root);
    const { PolicyDocument } = await execute(GetRolePolicy, { RoleName: "Ops", PolicyName: "AWSRevokeOlderSessions" }, acct.root);
    expect(JSON.parse(PolicyDocument)).toEqual({
      Version: VERSION,
      Statement: [{ Effect: "Deny", Action: ["*"], Resource: ["*"], Condition: { DateLessThan: { "aws:TokenIssueTime": RevokedBefore.toISOString() } } }],
    });

    const error = await denied(execute(ListRoles, {}, oldSession));
    expect(error.explanation.reason).toBe("explicit-deny");
    expect(error.explanation.decidedBy).toEqual([expect.objectContaining({ policy: expect.stringContaining("AWSRevokeOlderSessions"), effect: "Deny" })]);
    expect(error.message).toContain(oldSession.arn);

    // A session issued after the revocation is not affected.
    await pastThisMillisecond();
    const fresh = await assume("fresh");
    await execute(ListRoles, {}, await sessionCaller(fresh));

    const { Sessions, RevokedBefore: listed } = await execute(ListRoleSessions, { RoleName: "Ops" }, acct.root);
    expect(listed?.getTime()).toBe(RevokedBefore.getTime());
    expect(Sessions.map((s) => [s.RoleSessionName, s.Revoked])).toEqual([
      ["fresh", false],
      ["old", true],
    ]);
  });

  it("an expired session is no longer a caller, and leaves the sessions list", async () => {
    const { assume } = await setup();
    const result = await assume("short");
    const { expiresAt } = await db.roleSession.findUniqueOrThrow({ where: { accessKeyId: result.Credentials.AccessKeyId } });
    expect(await loadRoleSessionCaller(result.Credentials.AccessKeyId, {}, new Date(expiresAt.getTime() - 1000))).toBeDefined();
    expect(await loadRoleSessionCaller(result.Credentials.AccessKeyId, {}, expiresAt)).toBeUndefined();
    await db.roleSession.update({ where: { accessKeyId: result.Credentials.AccessKeyId }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await loadRoleSessionCaller(result.Credentials.AccessKeyId, {})).toBeUndefined();
    expect((await execute(ListRoleSessions, { RoleName: "Ops" }, acct.root)).Sessions).toEqual([]);
    expect(await loadRoleSessionCaller("ASIAAAAAAAAAAAAAAAAA", {})).toBeUndefined();
  });

  it("records a session's use as the role's last use (RoleLastUsed), at most once a minute, with the API request's region", async () => {
    const { role, assume } = await setup();
    const result = await assume("worker");
    const assumedAt = (await db.role.findUniqueOrThrow({ where: { id: role.id } })).lastUsedAt!;
    // Inside the minute after AssumeRole recorded it, a request writes nothing.
    await loadRoleSessionCaller(result.Credentials.AccessKeyId, {}, new Date(assumedAt.getTime() + 30_000), "eu-west-1");
    expect((await db.role.findUniqueOrThrow({ where: { id: role.id } })).lastUsedAt).toEqual(assumedAt);
    const later = new Date(assumedAt.getTime() + 120_000);
    await loadRoleSessionCaller(result.Credentials.AccessKeyId, {}, later, "eu-west-1");
    const used = await db.role.findUniqueOrThrow({ where: { id: role.id } });
    expect([used.lastUsedAt, used.lastUsedRegion]).toEqual([later, "eu-west-1"]);
    const { Role } = await execute(GetRole, { RoleName: "Ops" }, acct.root);
    expect(Role.RoleLastUsed).toEqual({ LastUsedDate: later, Region: "eu-west-1" });
  });

  it("a session of a deleted role is no longer a caller", async () => {
    const { role, assume } = await setup();
    const result = await assume("orphan");
    await db.role.delete({ where: { id: role.id } });
    expect(await loadRoleSessionCaller(result.Credentials.AccessKeyId, {})).toBeUndefined();
  });

  it("a revoked session cannot chain into another role either", async () => {
    const { role, alice } = await setup();
    const next = await createRole(acct.accountId, "Next", { trustPolicy: trustsAccount(acct.accountId) });
    await db.inlinePolicy.create({ data: { roleId: role.id, name: "Chain", nameLower: "chain", document: JSON.stringify(policy(allow("sts:AssumeRole", next.arn))) } });
    const session = await sessionCaller(await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "old" }, alice));
    await execute(AssumeRole, { RoleArn: next.arn, RoleSessionName: "hop" }, session);
    await pastThisMillisecond();
    await execute(RevokeRoleSessions, { RoleName: "Ops" }, acct.root);
    expect((await denied(execute(AssumeRole, { RoleArn: next.arn, RoleSessionName: "hop2" }, session))).explanation.reason).toBe("explicit-deny");
  });
});

describe("SwitchRole", () => {
  async function setup(trustPolicy = trustsAccount(acct.accountId)) {
    await db.account.update({ where: { id: acct.accountId }, data: { alias: `example-${acct.accountId}` } });
    const role = await createRole(acct.accountId, "Deployer", { path: "/service/", trustPolicy });
    const alice = await createUser(acct.accountId, "alice", { inline: { MayAssume: policy(allow("sts:AssumeRole", role.arn)) } });
    return { role, alice, alias: `example-${acct.accountId}` };
  }

  it("switches by account ID or alias to a role with a path: a one-hour console session named after the user", async () => {
    const { role, alice, alias } = await setup();
    const byId = await execute(SwitchRole, { Account: acct.accountId, RoleName: "service/Deployer" }, alice);
    expect(byId.AssumedRoleUser).toEqual({ Arn: `arn:aws:sts::${acct.accountId}:assumed-role/Deployer/alice`, AssumedRoleId: `${role.id}:alice` });
    expect(byId).toMatchObject({ DisplayName: `Deployer @ ${acct.accountId}`, Color: "blue" });
    expect(Math.abs(byId.Credentials.Expiration.getTime() - Date.now() - 3600_000)).toBeLessThan(5_000);
    expect(await db.roleSession.findUniqueOrThrow({ where: { accessKeyId: byId.Credentials.AccessKeyId } })).toMatchObject({ console: true, assumedByArn: alice.arn });

    const byAlias = await execute(SwitchRole, { Account: alias, RoleName: "service/Deployer", DisplayName: "Prod deploy", Color: "red" }, alice);
    expect(byAlias).toMatchObject({ DisplayName: "Prod deploy", Color: "red", AssumedRoleUser: { Arn: byId.AssumedRoleUser.Arn } });
    // Without its path the name is another role's, which does not exist: the engine finds no trust policy.
    await denied(execute(SwitchRole, { Account: acct.accountId, RoleName: "Deployer" }, alice));
    await expectIamError(execute(SwitchRole, { Account: "no-such-alias-here", RoleName: "service/Deployer" }, alice), "ValidationError", /No account has the alias/);
  });

  it("refuses the root user, as AWS does", async () => {
    await setup();
    const error = await denied(execute(SwitchRole, { Account: acct.accountId, RoleName: "service/Deployer" }, acct.root));
    expect(error.explanation.reason).toBe("root-cannot-assume-role");
    expect(await db.roleSession.count({ where: { accountId: acct.accountId } })).toBe(0);
  });

  it("refuses a console session without MFA when the trust policy requires it, naming the statement", async () => {
    const { alice } = await setup(
      JSON.stringify(policy({ Sid: "AdminsWithMFA", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })),
    );
    const error = await denied(execute(SwitchRole, { Account: acct.accountId, RoleName: "service/Deployer" }, alice));
    expect(error.explanation.statements).toContainEqual(expect.objectContaining({ statement: "AdminsWithMFA", failed: "Condition" }));
    const result = await execute(SwitchRole, { Account: acct.accountId, RoleName: "service/Deployer" }, { ...alice, mfaAuthenticated: true, authTime: new Date() });
    expect((await sessionCaller(result)).mfaAuthenticated).toBe(true);
  });

  it("remembers the user's recent roles, newest first, keeping SWITCH_ROLE_HISTORY_SIZE of them", async () => {
    const { alice, alias } = await setup();
    // A full history of older switches, written directly.
    const old = Date.now() - 86_400_000;
    await db.switchRoleHistory.createMany({
      data: Array.from({ length: SWITCH_ROLE_HISTORY_SIZE }, (_, i) => ({
        userId: alice.userId,
        roleArn: `arn:aws:iam::${acct.accountId}:role/Old${i}`,
        account: acct.accountId,
        roleName: `Old${i}`,
        displayName: `Old${i}`,
        color: "green",
        usedAt: new Date(old + i * 1000),
      })),
    });
    await execute(SwitchRole, { Account: acct.accountId, RoleName: "service/Deployer" }, alice);
    await pastThisMillisecond();
    await execute(SwitchRole, { Account: alias, RoleName: "service/Deployer", DisplayName: "Deploy", Color: "purple" }, alice);

    const { Roles } = await execute(ListSwitchRoleHistory, {}, alice);
    expect(Roles).toHaveLength(SWITCH_ROLE_HISTORY_SIZE);
    // The same role switched to again moves to the top with what was typed last; the oldest one is forgotten.
    expect(Roles[0]).toMatchObject({ Account: alias, RoleName: "service/Deployer", DisplayName: "Deploy", Color: "purple", RoleArn: `arn:aws:iam::${acct.accountId}:role/service/Deployer` });
    expect(Roles.filter((r) => r.RoleName === "service/Deployer")).toHaveLength(1);
    expect(Roles.map((r) => r.RoleName)).not.toContain("Old0");
    expect(Roles[1]!.RoleName).toBe(`Old${SWITCH_ROLE_HISTORY_SIZE - 1}`);
    // Another user's history is their own.
    const bob = await createUser(acct.accountId, "bob");
    expect((await execute(ListSwitchRoleHistory, {}, bob)).Roles).toEqual([]);
  });

  it("refuses a role session with InvalidInput: switching starts from the signed-in user", async () => {
    const { alice } = await setup();
    const session = await sessionCaller(await execute(SwitchRole, { Account: acct.accountId, RoleName: "service/Deployer" }, alice));
    const before = await rowCounts();
    await expectIamError(execute(SwitchRole, { Account: acct.accountId, RoleName: "service/Deployer" }, session), "InvalidInput", /Switch back to your own identity/);
    expect(await rowCounts()).toEqual(before);
    expect((await auditEvents(acct.accountId, "sts:AssumeRole")).at(-1)).toMatchObject({ result: "Failed", errorCode: "InvalidInput", principalArn: session.arn });
  });
});

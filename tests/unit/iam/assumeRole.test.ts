// sts:AssumeRole on real SQLite, decided by the engine with the role's trust policy beside the
// caller's identity policies, boundary and session: same account and cross-account, ExternalId,
// MFA (a console session's, or a SerialNumber and TokenCode checked against a real device), the
// caller's boundary, role chaining and its one-hour limit, DurationSeconds against the role's
// maximum, session policies intersecting the role's, and input validation. Expectations come from
// the STS API reference and the IAM User Guide, not from the code under test.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { open } from "@/lib/auth/crypto";
import { newSeed } from "@/lib/auth/mfaCodes";
import { loadRoleSessionCaller } from "@/lib/auth/roleSession";
import { timeStepAt, totpCodeAt } from "@/lib/auth/totp";
import type { AccessDeniedError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { ACCESS_KEY_SECRET_PURPOSE } from "@/lib/auth/secretPurposes";
import { sessionTokenHash } from "@/lib/auth/sessionTokens";
import { AssumeRole, type AssumeRoleResult } from "@/lib/iam/roles/assumeRole";
import { GetRole } from "@/lib/iam/roles/roles";
import { GetUser, ListUsers } from "@/lib/iam/users/users";
import { auditEvents, createAccount, createCustomerPolicy, createRole, createUser, db, expectIamError, rowCounts, type TestAccount } from "./support/fixtures";

const VERSION = "2012-10-17";
const policy = (...Statement: object[]) => ({ Version: VERSION, Statement });
const allow = (Action: string | string[], Resource: string | string[] = "*", extra: object = {}) => ({ Effect: "Allow", Action, Resource, ...extra });
const trust = (...statements: object[]) => JSON.stringify(policy(...statements));
/** A trust statement for principals of an account (its root): the account's identity policies then decide. */
const trustsAccount = (accountId: string, extra: object = {}) => ({ Sid: "TrustAccount", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole", ...extra });
const mayAssume = (roleArn: string, actions: string[] = ["sts:AssumeRole"]) => ({ MayAssume: policy(allow(actions, roleArn)) });

async function sessionCaller(result: AssumeRoleResult): Promise<Caller> {
  const caller = await loadRoleSessionCaller(result.Credentials.AccessKeyId, {});
  expect(caller, "the session just issued is a caller").toBeDefined();
  return caller!;
}

async function denied(promise: Promise<unknown>): Promise<AccessDeniedError> {
  return (await expectIamError(promise, "AccessDenied")) as AccessDeniedError;
}

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

describe("AssumeRole in the same account", () => {
  it("issues ASIA credentials for the role, an assumed-role ARN and ID, the secret sealed and the token hashed, and marks the role used", async () => {
    const role = await createRole(acct.accountId, "Reader", { trustPolicy: trust(trustsAccount(acct.accountId)) });
    const alice = await createUser(acct.accountId, "alice", { inline: mayAssume(role.arn) });
    const before = Date.now();
    const result = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice-session", DurationSeconds: 1800 }, alice);

    const { Credentials, AssumedRoleUser } = result;
    expect(Credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(Credentials.SecretAccessKey).toHaveLength(40);
    expect(Credentials.SessionToken.length).toBeGreaterThan(100);
    expect(Credentials.Expiration.getTime()).toBeGreaterThanOrEqual(before + 1800_000);
    expect(Credentials.Expiration.getTime()).toBeLessThanOrEqual(Date.now() + 1800_000);
    expect(AssumedRoleUser).toEqual({ Arn: `arn:aws:sts::${acct.accountId}:assumed-role/Reader/alice-session`, AssumedRoleId: `${role.id}:alice-session` });
    expect(AssumedRoleUser.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:alice-session$/);

    const row = await db.roleSession.findUniqueOrThrow({ where: { accessKeyId: Credentials.AccessKeyId } });
    expect(row.secretCiphertext).not.toContain(Credentials.SecretAccessKey);
    expect(open(row.secretCiphertext, ACCESS_KEY_SECRET_PURPOSE)).toBe(Credentials.SecretAccessKey);
    expect(row.sessionTokenHash).not.toContain(Credentials.SessionToken);
    expect(row.sessionTokenHash).toBe(sessionTokenHash(Credentials.SessionToken));
    expect(row).toMatchObject({ assumedByArn: alice.arn, chained: false, console: false, mfaAuthenticated: false });

    const { Role } = await execute(GetRole, { RoleName: "Reader" }, acct.root);
    expect(Role.RoleLastUsed?.LastUsedDate?.getTime()).toBe(row.issuedAt.getTime());
    const [event] = await auditEvents(acct.accountId, "sts:AssumeRole");
    expect(event).toMatchObject({ result: "Allowed", principalArn: alice.arn, resource: role.arn, roleSessionName: "alice-session" });
  });

  it("denies a user whose identity policies do not allow sts:AssumeRole when the trust policy names only the account, and issues nothing", async () => {
    const role = await createRole(acct.accountId, "Reader", { trustPolicy: trust(trustsAccount(acct.accountId)) });
    const bob = await createUser(acct.accountId, "bob");
    const error = await denied(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "bob" }, bob));
    expect(error.explanation.reason).toBe("trust-account-no-identity-allow");
    expect(await db.roleSession.count({ where: { roleId: role.id } })).toBe(0);
    expect((await db.role.findUniqueOrThrow({ where: { id: role.id } })).lastUsedAt).toBeNull();
    expect((await auditEvents(acct.accountId, "sts:AssumeRole")).at(-1)).toMatchObject({ result: "Denied", principalArn: bob.arn, roleSessionName: "bob" });
  });

  it("lets a user the trust policy names by ARN assume the role without any identity policy", async () => {
    const carol = await createUser(acct.accountId, "carol");
    const role = await createRole(acct.accountId, "Named", { trustPolicy: trust({ Effect: "Allow", Principal: { AWS: carol.arn }, Action: "sts:AssumeRole" }) });
    const { AssumedRoleUser } = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "carol" }, carol);
    expect(AssumedRoleUser.Arn).toBe(`arn:aws:sts::${acct.accountId}:assumed-role/Named/carol`);
    // Someone else in the account, even with an identity policy allowing it, is not the named user.
    const dave = await createUser(acct.accountId, "dave", { inline: mayAssume(role.arn) });
    expect((await denied(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "dave" }, dave))).explanation.reason).toBe("trust-policy-no-allow");
  });
});

describe("AssumeRole across accounts", () => {
  it("needs both the role's trust policy and the caller's own identity policy, and audits the AssumeRole in both accounts", async () => {
    const other = await createAccount("Partner");
    const role = await createRole(acct.accountId, "PartnerAccess", { trustPolicy: trust(trustsAccount(other.accountId)) });
    const erin = await createUser(other.accountId, "erin", { inline: mayAssume(role.arn) });
    const { AssumedRoleUser } = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "erin" }, erin);
    // The session belongs to the role's account.
    expect(AssumedRoleUser.Arn).toBe(`arn:aws:sts::${acct.accountId}:assumed-role/PartnerAccess/erin`);
    for (const accountId of [acct.accountId, other.accountId]) {
      expect(await auditEvents(accountId, "sts:AssumeRole"), `account ${accountId}`).toEqual([
        expect.objectContaining({ result: "Allowed", principalArn: erin.arn, resource: role.arn, roleSessionName: "erin" }),
      ]);
    }

    const frank = await createUser(other.accountId, "frank");
    expect((await denied(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "frank" }, frank))).explanation.reason).toBe("cross-account-no-identity-allow");
    // The role's account learns of the denied attempt as well.
    expect((await auditEvents(acct.accountId, "sts:AssumeRole")).at(-1)).toMatchObject({ result: "Denied", principalArn: frank.arn });
  });

  it("denies another account's user when the trust policy trusts only the role's own account", async () => {
    const other = await createAccount("Partner");
    const role = await createRole(acct.accountId, "Internal", { trustPolicy: trust(trustsAccount(acct.accountId)) });
    const erin = await createUser(other.accountId, "erin", { inline: mayAssume(role.arn) });
    expect((await denied(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "erin" }, erin))).explanation.reason).toBe("trust-policy-no-allow");
    expect(await db.roleSession.count({ where: { roleId: role.id } })).toBe(0);
  });
});

describe("trust conditions", () => {
  it("requires the exact ExternalId when the trust policy tests sts:ExternalId", async () => {
    const role = await createRole(acct.accountId, "Vendor", { trustPolicy: trust(trustsAccount(acct.accountId, { Condition: { StringEquals: { "sts:ExternalId": "Example-7731" } } })) });
    const alice = await createUser(acct.accountId, "alice", { inline: mayAssume(role.arn) });
    await denied(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice" }, alice));
    await denied(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", ExternalId: "Example-7732" }, alice));
    await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", ExternalId: "Example-7731" }, alice);
    expect(await db.roleSession.count({ where: { roleId: role.id } })).toBe(1);
  });

  describe("MFA", () => {
    // Codes are computed for the current 30-second step; start each test early in a step.
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
      vi.setSystemTime(Math.ceil(Date.now() / 30_000) * 30_000 + 1_000);
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    const mfaTrust = (accountId: string) => trust({ ...trustsAccount(accountId), Sid: "RequireMFA", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } });

    async function userWithDevice(roleArn: string) {
      const alice = await createUser(acct.accountId, "alice", { inline: mayAssume(roleArn) });
      const { seed, sealed } = newSeed();
      const serialNumber = `arn:aws:iam::${acct.accountId}:mfa/alice-phone`;
      await db.mfaDevice.create({ data: { accountId: acct.accountId, serialNumber, name: "alice-phone", userId: alice.userId, secretCiphertext: sealed, enabledAt: new Date() } });
      return { alice, seed, serialNumber };
    }

    it("refuses a caller that signed in without MFA, naming the trust policy statement, and allows an MFA session", async () => {
      const role = await createRole(acct.accountId, "Admin", { trustPolicy: mfaTrust(acct.accountId) });
      const alice = await createUser(acct.accountId, "alice", { inline: mayAssume(role.arn) });
      const error = await denied(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice" }, alice));
      expect(error.explanation.reason).toBe("trust-policy-no-allow");
      expect(error.explanation.statements).toContainEqual(
        expect.objectContaining({ statement: "RequireMFA", policyType: "resource", matched: false, failed: "Condition", condition: expect.objectContaining({ key: "aws:MultiFactorAuthPresent" }) }),
      );
      const withMfa = { ...alice, mfaAuthenticated: true, authTime: new Date() };
      const result = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice" }, withMfa);
      expect((await db.roleSession.findUniqueOrThrow({ where: { accessKeyId: result.Credentials.AccessKeyId } })).mfaAuthenticated).toBe(true);
      expect((await sessionCaller(result)).mfaAuthenticated).toBe(true);
    });

    it("accepts the current code of the caller's own enabled device, once, and the session counts as MFA-authenticated", async () => {
      const role = await createRole(acct.accountId, "Admin", { trustPolicy: mfaTrust(acct.accountId) });
      const { alice, seed, serialNumber } = await userWithDevice(role.arn);
      const TokenCode = await totpCodeAt(seed, timeStepAt());
      const result = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", SerialNumber: serialNumber, TokenCode }, alice);
      expect((await sessionCaller(result)).mfaAuthenticated).toBe(true);
      // The same code a second time is a replay.
      await expectIamError(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", SerialNumber: serialNumber, TokenCode }, alice), "InvalidAuthenticationCode");
      expect(await db.roleSession.count({ where: { roleId: role.id } })).toBe(1);
    });

    it("refuses a wrong code with InvalidAuthenticationCode, audits it as Failed, and issues nothing", async () => {
      const role = await createRole(acct.accountId, "Admin", { trustPolicy: mfaTrust(acct.accountId) });
      const { alice, seed, serialNumber } = await userWithDevice(role.arn);
      const right = await totpCodeAt(seed, timeStepAt());
      const wrong = right === "000000" ? "000001" : "000000";
      await expectIamError(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", SerialNumber: serialNumber, TokenCode: wrong }, alice), "InvalidAuthenticationCode", /MFA one time pass code/);
      expect((await auditEvents(acct.accountId, "sts:AssumeRole")).at(-1)).toMatchObject({ result: "Failed", errorCode: "InvalidAuthenticationCode", principalArn: alice.arn });
      expect(await db.roleSession.count({ where: { roleId: role.id } })).toBe(0);
      // Another user's device does not vouch for alice either.
      const bob = await createUser(acct.accountId, "bob", { inline: mayAssume(role.arn) });
      await expectIamError(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "bob", SerialNumber: serialNumber, TokenCode: right }, bob), "InvalidAuthenticationCode");
      expect(await db.roleSession.count({ where: { roleId: role.id } })).toBe(0);
    });

    it("counts wrong codes with the caller's sign-in failures: after three, even the right code waits", async () => {
      const role = await createRole(acct.accountId, "Admin", { trustPolicy: mfaTrust(acct.accountId) });
      const { alice, seed, serialNumber } = await userWithDevice(role.arn);
      const caller = { ...alice, sourceIp: "198.51.100.61" };
      const right = await totpCodeAt(seed, timeStepAt());
      const wrong = right === "000000" ? "000001" : "000000";
      for (let i = 0; i < 3; i++) await expectIamError(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", SerialNumber: serialNumber, TokenCode: wrong }, caller), "InvalidAuthenticationCode");
      await expectIamError(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", SerialNumber: serialNumber, TokenCode: right }, caller), "LimitExceeded", /Wait \d+ seconds?/);
      expect(await db.roleSession.count({ where: { roleId: role.id } })).toBe(0);
    });
  });
});

describe("the caller's permissions boundary", () => {
  it("denies a user whose boundary does not allow sts:AssumeRole, despite an identity Allow, even when the trust policy names the user", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "ReadIamOnly", policy(allow("iam:Get*")));
    const role = await createRole(acct.accountId, "Reader", { trustPolicy: trust(trustsAccount(acct.accountId)) });
    const alice = await createUser(acct.accountId, "alice", { inline: mayAssume(role.arn) });
    await db.user.update({ where: { id: alice.userId }, data: { permissionsBoundaryArn: boundary } });
    expect((await denied(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice" }, alice))).explanation.reason).toBe("boundary-implicit-deny");

    // "If a permissions boundary is set for the user, then it must allow the sts:AssumeRole action."
    const named = await createRole(acct.accountId, "Named", { trustPolicy: trust({ Effect: "Allow", Principal: { AWS: alice.arn }, Action: "sts:AssumeRole" }) });
    expect((await denied(execute(AssumeRole, { RoleArn: named.arn, RoleSessionName: "alice" }, alice))).explanation.reason).toBe("boundary-implicit-deny");
    expect(await db.roleSession.count({ where: { accountId: acct.accountId } })).toBe(0);
  });
});

describe("role chaining", () => {
  const chainActions = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"];

  async function firstSession() {
    const second = await createRole(acct.accountId, "Second", {
      trustPolicy: trust(trustsAccount(acct.accountId, { Action: chainActions })),
      // Long enough that only chaining's own limit applies.
      maxSessionDuration: 43200,
    });
    const first = await createRole(acct.accountId, "First", {
      trustPolicy: trust(trustsAccount(acct.accountId, { Action: chainActions })),
      inline: { Chain: policy(allow(chainActions, second.arn)) },
    });
    const alice = await createUser(acct.accountId, "alice", { inline: mayAssume(first.arn, chainActions) });
    const result = await execute(
      AssumeRole,
      {
        RoleArn: first.arn,
        RoleSessionName: "alice",
        SourceIdentity: "alice-src",
        Tags: [
          { Key: "team", Value: "web" },
          { Key: "project", Value: "apollo" },
        ],
        TransitiveTagKeys: ["team"],
      },
      alice,
    );
    return { first, second, alice, session: await sessionCaller(result) };
  }

  it("limits a session assumed by a role session to one hour, marks it chained, and carries the transitive tags and source identity", async () => {
    const { second, session } = await firstSession();
    await expectIamError(execute(AssumeRole, { RoleArn: second.arn, RoleSessionName: "hop", DurationSeconds: 3601 }, session), "ValidationError", /1 hour/);
    expect(await db.roleSession.count({ where: { roleId: second.id } })).toBe(0);

    const result = await execute(AssumeRole, { RoleArn: second.arn, RoleSessionName: "hop", DurationSeconds: 3600 }, session);
    expect(result.SourceIdentity).toBe("alice-src");
    const row = await db.roleSession.findUniqueOrThrow({ where: { accessKeyId: result.Credentials.AccessKeyId } });
    expect(row).toMatchObject({ chained: true, sourceIdentity: "alice-src", assumedByArn: session.arn });
    // Only the transitive tag passes on; it stays transitive for the next hop.
    expect(JSON.parse(row.sessionTags)).toEqual({ team: "web" });
    expect(JSON.parse(row.transitiveTagKeys)).toEqual(["team"]);
    expect((await sessionCaller(result)).roleSession?.sourceIdentity).toBe("alice-src");
  });

  it("refuses to change the source identity along the chain", async () => {
    const { second, session } = await firstSession();
    await expectIamError(execute(AssumeRole, { RoleArn: second.arn, RoleSessionName: "hop", SourceIdentity: "mallory" }, session), "InvalidInput", /source identity/);
    expect(await db.roleSession.count({ where: { roleId: second.id } })).toBe(0);
  });

  it("needs sts:TagSession for session tags and sts:SetSourceIdentity for a source identity, in the trust policy too", async () => {
    const role = await createRole(acct.accountId, "Plain", { trustPolicy: trust(trustsAccount(acct.accountId)) });
    const alice = await createUser(acct.accountId, "alice", { inline: mayAssume(role.arn, chainActions) });
    expect((await denied(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", Tags: [{ Key: "team", Value: "web" }] }, alice))).action).toBe("sts:TagSession");
    expect((await denied(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", SourceIdentity: "alice-src" }, alice))).action).toBe("sts:SetSourceIdentity");
    expect(await db.roleSession.count({ where: { roleId: role.id } })).toBe(0);
  });

  it("a session that was not chained may last up to the role's maximum", async () => {
    const role = await createRole(acct.accountId, "Long", { trustPolicy: trust(trustsAccount(acct.accountId)), maxSessionDuration: 43200 });
    const alice = await createUser(acct.accountId, "alice", { inline: mayAssume(role.arn) });
    const result = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", DurationSeconds: 43200 }, alice);
    expect((await db.roleSession.findUniqueOrThrow({ where: { accessKeyId: result.Credentials.AccessKeyId } })).chained).toBe(false);
  });
});

describe("DurationSeconds", () => {
  it("refuses more than the role's MaxSessionDuration and less than 15 minutes, and issues nothing", async () => {
    const role = await createRole(acct.accountId, "Reader", { trustPolicy: trust(trustsAccount(acct.accountId)) });
    const alice = await createUser(acct.accountId, "alice", { inline: mayAssume(role.arn) });
    await expectIamError(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", DurationSeconds: 3601 }, alice), "ValidationError", /MaxSessionDuration \(3600\)/);
    await expectIamError(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", DurationSeconds: 899 }, alice), "ValidationError", /at least 900 seconds/);
    expect(await db.roleSession.count({ where: { roleId: role.id } })).toBe(0);
    const result = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", DurationSeconds: 900 }, alice);
    expect(result.Credentials.Expiration.getTime() - Date.now()).toBeLessThanOrEqual(900_000);
  });
});

describe("session policies", () => {
  const onlyGetUser = policy(allow("iam:GetUser"));

  async function setup() {
    const role = await createRole(acct.accountId, "Wide", { trustPolicy: trust(trustsAccount(acct.accountId)), inline: { Wide: policy(allow(["s3:*", "iam:Get*"])) } });
    const alice = await createUser(acct.accountId, "alice", { inline: mayAssume(role.arn) });
    return { role, alice };
  }

  it("limits the session to what both the role and the inline Policy allow", async () => {
    const { role, alice } = await setup();
    const result = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "narrow", Policy: JSON.stringify(onlyGetUser) }, alice);
    expect(result.PackedPolicySize).toBeGreaterThan(0);
    const session = await sessionCaller(result);
    await execute(GetUser, { UserName: "alice" }, session);
    // The role allows iam:GetRole; the session policy does not.
    const error = await denied(execute(GetRole, { RoleName: "Wide" }, session));
    expect(error.explanation.reason).toBe("session-implicit-deny");
    expect(error.explanation.summary).toMatch(/session polic/);
    // The role allows no iam:ListUsers, and a session policy grants nothing by itself.
    expect((await denied(execute(ListUsers, {}, session))).explanation.reason).toBe("no-allow");

    // Without a session policy the role's own policies decide.
    const wide = await sessionCaller(await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "wide" }, alice));
    await execute(GetRole, { RoleName: "Wide" }, wide);
  });

  it("limits the session the same way with a managed policy in PolicyArns", async () => {
    const { role, alice } = await setup();
    const arn = await createCustomerPolicy(acct.accountId, "OnlyGetUser", onlyGetUser);
    const session = await sessionCaller(await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "narrow", PolicyArns: [{ arn }] }, alice));
    await execute(GetUser, { UserName: "alice" }, session);
    expect((await denied(execute(GetRole, { RoleName: "Wide" }, session))).explanation.reason).toBe("session-implicit-deny");
  });

  it("refuses a malformed session Policy, or a PolicyArn that does not exist, with nothing issued", async () => {
    const { role, alice } = await setup();
    await expectIamError(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "bad", Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"' }, alice), "MalformedPolicyDocument");
    await expectIamError(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "bad", Policy: JSON.stringify(policy({ Effect: "Permit", Action: "iam:GetUser", Resource: "*" })) }, alice), "MalformedPolicyDocument");
    await expectIamError(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "bad", PolicyArns: [{ arn: `arn:aws:iam::${acct.accountId}:policy/Missing` }] }, alice), "NoSuchEntity");
    expect(await db.roleSession.count({ where: { roleId: role.id } })).toBe(0);
  });
});

describe("input validation", () => {
  it.each([
    ["a one-character RoleSessionName", { RoleSessionName: "a" }, /RoleSessionName: must be at least 2 characters/],
    ["a space in RoleSessionName", { RoleSessionName: "alice smith" }, /RoleSessionName/],
    ["SerialNumber without TokenCode", { SerialNumber: "arn:aws:iam::123456789012:mfa/alice" }, /SerialNumber and TokenCode go together/],
    ["TransitiveTagKeys not among the Tags", { Tags: [{ Key: "team", Value: "web" }], TransitiveTagKeys: ["project"] }, /TransitiveTagKeys/],
    ["eleven PolicyArns", { PolicyArns: Array.from({ length: 11 }, (_, i) => ({ arn: `arn:aws:iam::aws:policy/P${i}` })) }, /at most 10 managed session policies/],
    ["a DurationSeconds over 12 hours", { DurationSeconds: 43201 }, /DurationSeconds: must be at most 43200/],
    ["a RoleArn that is not a role's", { RoleArn: "arn:aws:iam::123456789012:user/alice" }, /RoleArn: must be a role ARN/],
  ])("refuses %s with a ValidationError and writes nothing", async (_label, input, message) => {
    const role = await createRole(acct.accountId, "Reader", { trustPolicy: trust(trustsAccount(acct.accountId)) });
    const alice = await createUser(acct.accountId, "alice", { inline: mayAssume(role.arn, ["sts:AssumeRole", "sts:TagSession"]) });
    const before = await rowCounts();
    await expectIamError(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice", ...input }, alice), "ValidationError", message);
    expect(await rowCounts()).toEqual(before);
    expect((await auditEvents(acct.accountId, "sts:AssumeRole")).at(-1)).toMatchObject({ result: "Failed", errorCode: "ValidationError" });
  });
});

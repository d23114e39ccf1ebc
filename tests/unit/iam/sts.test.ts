// The STS read operations on real SQLite: GetCallerIdentity for each kind of caller (root, user,
// role session), still answered under an explicit Deny of sts:* as AWS documents, and audited as
// Allowed with the documented reason; GetAccessKeyInfo for the caller's own keys, another
// account's and unknown ones, decided by the engine like any action. Expectations come from the
// STS API reference (API_GetCallerIdentity, API_GetAccessKeyInfo), not from the code under test.

import { beforeEach, describe, expect, it } from "vitest";
import { anonymousCaller, type Caller } from "@/lib/auth/caller";
import { loadRoleSessionCaller } from "@/lib/auth/roleSession";
import { readAuditExplanation } from "@/lib/iam/audit/denialExplanation";
import type { AccessDeniedError } from "@/lib/iam/core/errors";
import { accessKeyId } from "@/lib/iam/core/ids";
import { execute } from "@/lib/iam/core/operation";
import { GetCallerPermissions } from "@/lib/iam/policies/callerPermissions";
import { AssumeRole } from "@/lib/iam/roles/assumeRole";
import { GetAccessKeyInfo } from "@/lib/iam/sts/accessKeyInfo";
import { CALLER_IDENTITY_ALWAYS_ALLOWED, GetCallerIdentity } from "@/lib/iam/sts/callerIdentity";
import { auditEvents, createAccount, createRole, createUser, db, expectIamError, rowCounts, type TestAccount } from "./support/fixtures";

const VERSION = "2012-10-17";
const policy = (...Statement: object[]) => ({ Version: VERSION, Statement });
const DENY_STS = policy({ Sid: "NoSts", Effect: "Deny", Action: "sts:*", Resource: "*" });
const ALLOW_KEY_INFO = policy({ Effect: "Allow", Action: "sts:GetAccessKeyInfo", Resource: "*" });

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

/** A role session of role Reader (with these inline policies), assumed by a user of the account. */
async function roleSession(inline: Record<string, object> = {}): Promise<{ caller: Caller; roleId: string; accessKeyId: string }> {
  const role = await createRole(acct.accountId, "Reader", {
    trustPolicy: JSON.stringify(policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: "sts:AssumeRole" })),
    inline,
  });
  const alice = await createUser(acct.accountId, "alice", { inline: { MayAssume: policy({ Effect: "Allow", Action: "sts:AssumeRole", Resource: role.arn }) } });
  const { Credentials } = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "alice-session" }, alice);
  const caller = await loadRoleSessionCaller(Credentials.AccessKeyId, {});
  expect(caller, "the session just issued is a caller").toBeDefined();
  return { caller: caller!, roleId: role.id, accessKeyId: Credentials.AccessKeyId };
}

async function newKey(accountId: string, userId: string): Promise<string> {
  const id = accessKeyId();
  await db.accessKey.create({ data: { id, accountId, userId, secretCiphertext: "sealed-elsewhere" } });
  return id;
}

describe("GetCallerIdentity", () => {
  it("is reported allowed by GetCallerPermissions under an explicit Deny too, as execute() allows it", async () => {
    const denied = await createUser(acct.accountId, "denied", { inline: { NoSts: DENY_STS } });
    const { Permissions } = await execute(GetCallerPermissions, { Checks: [{ Operation: GetCallerIdentity, Input: {} }, { Operation: GetAccessKeyInfo, Input: { AccessKeyId: "AKIAIOSFODNN7EXAMPLE" } }] }, denied);
    expect(Permissions[0]).toMatchObject({ Operation: "GetCallerIdentity", Decision: "Allowed", Summary: CALLER_IDENTITY_ALWAYS_ALLOWED });
    expect(Permissions[1]).toMatchObject({ Operation: "GetAccessKeyInfo", Decision: "Denied" });
  });

  it("answers the root user with the account ID as its UserId", async () => {
    expect(await execute(GetCallerIdentity, {}, acct.root)).toEqual({ UserId: acct.accountId, Account: acct.accountId, Arn: `arn:aws:iam::${acct.accountId}:root` });
  });

  it("answers an IAM user with its AIDA unique ID and user ARN (path included)", async () => {
    const bob = await createUser(acct.accountId, "bob", { path: "/staff/" });
    const identity = await execute(GetCallerIdentity, undefined, bob);
    expect(identity).toEqual({ UserId: bob.userId, Account: acct.accountId, Arn: `arn:aws:iam::${acct.accountId}:user/staff/bob` });
    expect(identity.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });

  it("answers a role session with AROA…:session and the assumed-role ARN", async () => {
    const { caller, roleId } = await roleSession();
    const identity = await execute(GetCallerIdentity, {}, caller);
    expect(identity).toEqual({ UserId: `${roleId}:alice-session`, Account: acct.accountId, Arn: `arn:aws:sts::${acct.accountId}:assumed-role/Reader/alice-session` });
    expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{17}:alice-session$/);
  });

  it("is allowed under an explicit Deny of sts:* for a user, writes nothing, and audits Allowed with AWS's reason", async () => {
    const denied = await createUser(acct.accountId, "denied", { inline: { NoSts: DENY_STS } });
    const counts = await rowCounts();
    expect(await execute(GetCallerIdentity, {}, denied)).toEqual({ UserId: denied.userId, Account: acct.accountId, Arn: denied.arn });
    expect(await rowCounts()).toEqual(counts);

    const events = await auditEvents(acct.accountId, "sts:GetCallerIdentity");
    expect(events).toEqual([expect.objectContaining({ principalArn: denied.arn, resource: "*", result: "Allowed", readOnly: true, errorCode: null })]);
    const explanation = readAuditExplanation(events[0]!.detail);
    expect(explanation).toMatchObject({ Summary: CALLER_IDENTITY_ALWAYS_ALLOWED, Reason: "always-allowed", DecidedBy: [], StatementsEvaluated: 0 });
    expect(explanation!.Summary).toMatch(/explicit Deny/);
  });

  it("is allowed under an explicit Deny of sts:* in the role's own policies, for its session", async () => {
    const { caller, roleId } = await roleSession({ NoSts: DENY_STS });
    // The Deny is real: the same session is denied an STS action that is decided by the engine.
    await expectIamError(execute(GetAccessKeyInfo, { AccessKeyId: accessKeyId() }, caller), "AccessDenied");
    expect((await execute(GetCallerIdentity, {}, caller)).UserId).toBe(`${roleId}:alice-session`);
    const events = await auditEvents(acct.accountId, "sts:GetCallerIdentity");
    expect(events).toEqual([expect.objectContaining({ principalArn: caller.arn, result: "Allowed", assumedBy: `arn:aws:iam::${acct.accountId}:user/alice` })]);
  });

  it("is still decided by the engine (and denied) for an anonymous caller", async () => {
    const error = (await expectIamError(execute(GetCallerIdentity, {}, anonymousCaller()), "AccessDenied")) as AccessDeniedError;
    expect(error.action).toBe("sts:GetCallerIdentity");
  });
});

describe("GetAccessKeyInfo", () => {
  it("answers the account of the caller's own long-term key, and audits the engine's Allowed decision", async () => {
    const carol = await createUser(acct.accountId, "carol", { inline: { KeyInfo: ALLOW_KEY_INFO } });
    const key = await newKey(acct.accountId, carol.userId);
    const counts = await rowCounts();
    expect(await execute(GetAccessKeyInfo, { AccessKeyId: key }, carol)).toEqual({ Account: acct.accountId });
    expect(await rowCounts()).toEqual(counts);
    const events = await auditEvents(acct.accountId, "sts:GetAccessKeyInfo");
    expect(events).toEqual([expect.objectContaining({ principalArn: carol.arn, resource: "*", result: "Allowed", readOnly: true, detail: null })]);
  });

  it("answers the account of another account's key, as AWS does", async () => {
    const other = await createAccount();
    const stranger = await createUser(other.accountId, "stranger");
    const theirKey = await newKey(other.accountId, stranger.userId);
    const carol = await createUser(acct.accountId, "carol", { inline: { KeyInfo: ALLOW_KEY_INFO } });
    expect(await execute(GetAccessKeyInfo, { AccessKeyId: theirKey }, carol)).toEqual({ Account: other.accountId });
    // The question is the caller's: the other account's log learns nothing of it.
    expect(await auditEvents(other.accountId, "sts:GetAccessKeyInfo")).toEqual([]);
  });

  it("answers the role's account for a temporary (ASIA) key of a role session", async () => {
    const { accessKeyId: temporary } = await roleSession();
    const other = await createAccount();
    const asker = await createUser(other.accountId, "asker", { inline: { KeyInfo: ALLOW_KEY_INFO } });
    expect(temporary).toMatch(/^ASIA/);
    expect(await execute(GetAccessKeyInfo, { AccessKeyId: temporary }, asker)).toEqual({ Account: acct.accountId });
  });

  it("lets the root user ask without any policy (root may do everything in its own account)", async () => {
    const dave = await createUser(acct.accountId, "dave");
    expect(await execute(GetAccessKeyInfo, { AccessKeyId: await newKey(acct.accountId, dave.userId) }, acct.root)).toEqual({ Account: acct.accountId });
  });

  it("refuses an unknown or deleted key with NoSuchEntity, recorded as Failed", async () => {
    const carol = await createUser(acct.accountId, "carol", { inline: { KeyInfo: ALLOW_KEY_INFO } });
    const key = await newKey(acct.accountId, carol.userId);
    await db.accessKey.delete({ where: { id: key } });
    for (const unknown of [key, accessKeyId(), "ASIAAAAAAAAAAAAAAAAA"]) {
      await expectIamError(execute(GetAccessKeyInfo, { AccessKeyId: unknown }, carol), "NoSuchEntity", /does not exist/);
    }
    const events = await auditEvents(acct.accountId, "sts:GetAccessKeyInfo");
    expect(events.map((e) => e.result)).toEqual(["Failed", "Failed", "Failed"]);
    expect(events.every((e) => e.errorCode === "NoSuchEntity")).toBe(true);
  });

  it("is denied to a user with no policies, and under an explicit Deny of sts:* even with an Allow", async () => {
    const nobody = await createUser(acct.accountId, "nobody");
    const key = await newKey(acct.accountId, nobody.userId);
    const implicit = (await expectIamError(execute(GetAccessKeyInfo, { AccessKeyId: key }, nobody), "AccessDenied")) as AccessDeniedError;
    expect(implicit.explanation.summary).toContain("nothing allows sts:GetAccessKeyInfo");

    const denied = await createUser(acct.accountId, "denied", { inline: { KeyInfo: ALLOW_KEY_INFO, NoSts: DENY_STS } });
    const explicit = (await expectIamError(execute(GetAccessKeyInfo, { AccessKeyId: key }, denied), "AccessDenied")) as AccessDeniedError;
    expect(explicit.explanation.reason).toBe("explicit-deny");
    const events = await auditEvents(acct.accountId, "sts:GetAccessKeyInfo");
    expect(events).toEqual([
      expect.objectContaining({ principalArn: nobody.arn, result: "Denied", errorCode: "AccessDenied" }),
      expect.objectContaining({ principalArn: denied.arn, result: "Denied", errorCode: "AccessDenied" }),
    ]);
    expect(readAuditExplanation(events[1]!.detail)?.DecidedBy).toEqual([expect.objectContaining({ Statement: "NoSts", Effect: "Deny" })]);
  });

  it("validates the AccessKeyId as AWS's accessKeyIdType (16 to 128 word characters)", async () => {
    const carol = await createUser(acct.accountId, "carol", { inline: { KeyInfo: ALLOW_KEY_INFO } });
    await expectIamError(execute(GetAccessKeyInfo, { AccessKeyId: "AKIASHORT" }, carol), "ValidationError", /at least 16/);
    await expectIamError(execute(GetAccessKeyInfo, { AccessKeyId: "AKIA-NOT-A-KEY-ID!" }, carol), "ValidationError");
    await expectIamError(execute(GetAccessKeyInfo, {}, carol), "ValidationError");
  });
});

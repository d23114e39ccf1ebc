// sts:GetSessionToken on real SQLite: the credentials it issues, their length (the default, the
// limits, the root user's one-hour cap), MFA (the caller's own device, each code once, wrong codes
// throttled), and what the credentials may then do, verified through the API's own key lookup
// (lib/auth/apiCaller.ts): AWS's restrictions (no IAM API without MFA; of STS only AssumeRole and
// GetCallerIdentity; no GetSessionToken with session credentials), decided by the engine and
// audited as Denied, and aws:MultiFactorAuthPresent deciding a policy. Expectations come from the
// STS API reference (API_GetSessionToken) and the IAM User Guide ("Compare AWS STS credentials",
// "Permissions for GetSessionToken"), not from the code under test.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiCallerFor, lookupApiCredential } from "@/lib/auth/apiCaller";
import type { Caller } from "@/lib/auth/caller";
import { newSeed } from "@/lib/auth/mfaCodes";
import { timeStepAt, totpCodeAt } from "@/lib/auth/totp";
import { readAuditExplanation } from "@/lib/iam/audit/denialExplanation";
import { callerContext } from "@/lib/iam/core/authorize";
import { CREDENTIAL_RESTRICTIONS } from "@/lib/iam/core/credentialRestrictions";
import type { AccessDeniedError } from "@/lib/iam/core/errors";
import { accessKeyId } from "@/lib/iam/core/ids";
import { execute } from "@/lib/iam/core/operation";
import { AssumeRole } from "@/lib/iam/roles/assumeRole";
import { GetAccessKeyInfo } from "@/lib/iam/sts/accessKeyInfo";
import { GetCallerIdentity } from "@/lib/iam/sts/callerIdentity";
import { CALLER_AUTHENTICATION_ALWAYS_ALLOWED, GetSessionToken, type GetSessionTokenResult } from "@/lib/iam/sts/sessionToken";
import { GetUser, ListUsers, namedUser } from "@/lib/iam/users/users";
import { auditEvents, createAccount, createRole, createUser, db, expectIamError, type TestAccount } from "./support/fixtures";

const VERSION = "2012-10-17";
const policy = (...Statement: object[]) => ({ Version: VERSION, Statement });
const allow = (Action: string | string[], Resource = "*", extra: object = {}) => ({ Effect: "Allow", Action, Resource, ...extra });
const INFO = { sourceIp: "198.51.100.24", userAgent: "aws-sdk-js/3 test", secureTransport: true };
const HOUR = 3600;
const INVALID_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code.";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

/** The caller as the API door makes it for a request signed with one of its long-term keys. */
async function withLongTermKey<C extends Caller>(caller: C): Promise<C> {
  const id = accessKeyId();
  await db.accessKey.create({
    data: { id, accountId: caller.accountId!, userId: caller.kind === "user" ? caller.userId! : null, rootAccountId: caller.kind === "root" ? caller.accountId! : null, secretCiphertext: "sealed-elsewhere" },
  });
  return { ...caller, credentialKind: "long-term-key", accessKeyId: id, ...INFO };
}

/** The caller the API door makes of the issued credentials: its key lookup, with the session token, then the caller. */
async function sessionCaller({ Credentials }: GetSessionTokenResult): Promise<Caller> {
  const found = await lookupApiCredential(Credentials.AccessKeyId, { sessionToken: Credentials.SessionToken, now: new Date() });
  expect(found.ok, "the issued credentials verify").toBe(true);
  if (!found.ok) throw new Error(found.code);
  expect(found.secretAccessKey).toBe(Credentials.SecretAccessKey);
  const caller = await apiCallerFor(found.credential, INFO);
  expect(caller, "the issued credentials are a caller").toBeDefined();
  return caller!;
}

async function denied(promise: Promise<unknown>): Promise<AccessDeniedError> {
  return (await expectIamError(promise, "AccessDenied")) as AccessDeniedError;
}

/** The denial is the restriction's, named in the explanation by its statement. */
function expectRestriction(error: AccessDeniedError, sid: string) {
  expect(error.explanation.reason).toBe("explicit-deny");
  expect(error.explanation.decidedBy).toContainEqual(expect.objectContaining({ policy: CREDENTIAL_RESTRICTIONS, statement: sid }));
}

const lifetime = async (result: GetSessionTokenResult) => {
  const row = await db.sessionCredential.findUniqueOrThrow({ where: { accessKeyId: result.Credentials.AccessKeyId } });
  expect(row.expiresAt).toEqual(result.Credentials.Expiration);
  return (row.expiresAt.getTime() - row.issuedAt.getTime()) / 1000;
};

describe("the credentials and their length", () => {
  it("issues an ASIA key, its secret and token for the IAM user itself, 12 hours by default, sealed and hashed in the row", async () => {
    const alice = await withLongTermKey(await createUser(acct.accountId, "alice"));
    const result = await execute(GetSessionToken, {}, alice);
    expect(result.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(await lifetime(result)).toBe(43_200);
    const row = await db.sessionCredential.findUniqueOrThrow({ where: { accessKeyId: result.Credentials.AccessKeyId } });
    expect(row).toMatchObject({ accountId: acct.accountId, userId: alice.userId, rootAccountId: null, mfaAuthenticated: false, issuedByAccessKey: alice.accessKeyId });
    expect(row.secretCiphertext).not.toContain(result.Credentials.SecretAccessKey);
    expect(row.sessionTokenHash).not.toBe(result.Credentials.SessionToken);
    const caller = await sessionCaller(result);
    expect(caller).toMatchObject({ kind: "user", arn: alice.arn, userId: alice.userId, userName: "alice", credentialKind: "session", mfaAuthenticated: false, accessKeyId: result.Credentials.AccessKeyId });
    expect(caller.authTime).toEqual(row.issuedAt);
  });

  it("accepts 900 to 129,600 seconds for an IAM user, and refuses the rest with ValidationError", async () => {
    const alice = await withLongTermKey(await createUser(acct.accountId, "alice"));
    expect(await lifetime(await execute(GetSessionToken, { DurationSeconds: 900 }, alice))).toBe(900);
    expect(await lifetime(await execute(GetSessionToken, { DurationSeconds: 129_600 }, alice))).toBe(129_600);
    await expectIamError(execute(GetSessionToken, { DurationSeconds: 899 }, alice), "ValidationError", /at least 900/);
    await expectIamError(execute(GetSessionToken, { DurationSeconds: 129_601 }, alice), "ValidationError", /at most 129600/);
    expect(await db.sessionCredential.count({ where: { userId: alice.userId } })).toBe(2);
  });

  it("gives the root user one hour at most: its default, and what a longer request gets", async () => {
    const root = await withLongTermKey(acct.root);
    const result = await execute(GetSessionToken, {}, root);
    expect(await lifetime(result)).toBe(HOUR);
    expect(await lifetime(await execute(GetSessionToken, { DurationSeconds: 129_600 }, root))).toBe(HOUR);
    expect(await lifetime(await execute(GetSessionToken, { DurationSeconds: 1800 }, root))).toBe(1800);
    expect(await sessionCaller(result)).toMatchObject({ kind: "root", arn: acct.root.arn, accountId: acct.accountId, credentialKind: "session" });
  });

  it("needs no permission and is not stopped by an explicit Deny, as AWS documents, and is audited as Allowed with the reason", async () => {
    const alice = await withLongTermKey(await createUser(acct.accountId, "alice", { inline: { NoSts: policy({ Effect: "Deny", Action: "sts:*", Resource: "*" }) } }));
    await execute(GetSessionToken, {}, alice);
    const [event] = await auditEvents(acct.accountId, "sts:GetSessionToken");
    expect(event).toMatchObject({ result: "Allowed", principalArn: alice.arn, resource: "*", door: "api" });
    expect(readAuditExplanation(event!.detail)?.Summary).toBe(CALLER_AUTHENTICATION_ALWAYS_ALLOWED);
  });

  it("refuses a SerialNumber without a TokenCode, and the other way round, before checking anything", async () => {
    const alice = await withLongTermKey(await createUser(acct.accountId, "alice"));
    await expectIamError(execute(GetSessionToken, { SerialNumber: `arn:aws:iam::${acct.accountId}:mfa/alice` }, alice), "ValidationError", /SerialNumber and TokenCode go together/);
    await expectIamError(execute(GetSessionToken, { TokenCode: "123456" }, alice), "ValidationError", /SerialNumber and TokenCode go together/);
    await expectIamError(execute(GetSessionToken, { SerialNumber: `arn:aws:iam::${acct.accountId}:mfa/alice`, TokenCode: "12345" }, alice), "ValidationError", /6-digit/);
    expect(await db.sessionCredential.count({ where: { accountId: acct.accountId } })).toBe(0);
  });
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

  async function userWithDevice(name = "alice", inline: Record<string, object> = {}) {
    const user = await withLongTermKey(await createUser(acct.accountId, name, { inline }));
    const { seed, sealed } = newSeed();
    const serialNumber = `arn:aws:iam::${acct.accountId}:mfa/${name}-phone`;
    await db.mfaDevice.create({ data: { accountId: acct.accountId, serialNumber, name: `${name}-phone`, userId: user.userId, secretCiphertext: sealed, enabledAt: new Date() } });
    return { user, seed, serialNumber };
  }

  it("with the current code of the caller's own device gives an MFA session; the code counts once", async () => {
    const { user: alice, seed, serialNumber } = await userWithDevice();
    const TokenCode = await totpCodeAt(seed, timeStepAt());
    const result = await execute(GetSessionToken, { SerialNumber: serialNumber, TokenCode }, alice);
    expect((await db.sessionCredential.findUniqueOrThrow({ where: { accessKeyId: result.Credentials.AccessKeyId } })).mfaAuthenticated).toBe(true);
    const caller = await sessionCaller(result);
    expect(caller.mfaAuthenticated).toBe(true);
    const context = callerContext(caller, {});
    expect(context["aws:MultiFactorAuthPresent"]).toBe("true");
    expect(context["aws:TokenIssueTime"]).toBe(caller.authTime!.toISOString());
    expect(context["aws:MultiFactorAuthAge"]).toMatch(/^\d+$/);
    // The same code again is a replay.
    await expectIamError(execute(GetSessionToken, { SerialNumber: serialNumber, TokenCode }, alice), "InvalidAuthenticationCode", INVALID_CODE);
    expect(await db.sessionCredential.count({ where: { userId: alice.userId } })).toBe(1);
  });

  it("without a code the session has aws:MultiFactorAuthPresent false (present, as for every session)", async () => {
    const alice = await withLongTermKey(await createUser(acct.accountId, "alice"));
    const context = callerContext(await sessionCaller(await execute(GetSessionToken, {}, alice)), {});
    expect(context["aws:MultiFactorAuthPresent"]).toBe("false");
    expect(context["aws:TokenIssueTime"]).toBeDefined();
    // A long-term key has neither, as AWS documents.
    expect(callerContext(alice, {})).not.toHaveProperty("aws:MultiFactorAuthPresent");
  });

  it("refuses a wrong code, or another user's device, with InvalidAuthenticationCode, audited as Failed, issuing nothing", async () => {
    const { user: alice, seed, serialNumber } = await userWithDevice();
    const right = await totpCodeAt(seed, timeStepAt());
    const wrong = right === "000000" ? "000001" : "000000";
    await expectIamError(execute(GetSessionToken, { SerialNumber: serialNumber, TokenCode: wrong }, alice), "InvalidAuthenticationCode", INVALID_CODE);
    expect((await auditEvents(acct.accountId, "sts:GetSessionToken")).at(-1)).toMatchObject({ result: "Failed", errorCode: "InvalidAuthenticationCode", principalArn: alice.arn });
    const bob = await withLongTermKey(await createUser(acct.accountId, "bob"));
    await expectIamError(execute(GetSessionToken, { SerialNumber: serialNumber, TokenCode: right }, bob), "InvalidAuthenticationCode", INVALID_CODE);
    // Nor does an unknown serial number, or a device whose enrollment was never finished.
    await expectIamError(execute(GetSessionToken, { SerialNumber: `arn:aws:iam::${acct.accountId}:mfa/nobody`, TokenCode: right }, alice), "InvalidAuthenticationCode");
    expect(await db.sessionCredential.count({ where: { accountId: acct.accountId } })).toBe(0);
    // The right code still works for its owner: the failures above did not use it up.
    await execute(GetSessionToken, { SerialNumber: serialNumber, TokenCode: right }, alice);
  });

  it("checks the root user's code against the root user's own device", async () => {
    const root = await withLongTermKey(acct.root);
    const { seed, sealed } = newSeed();
    const serialNumber = `arn:aws:iam::${acct.accountId}:mfa/root-account-mfa-device`;
    await db.mfaDevice.create({ data: { accountId: acct.accountId, serialNumber, name: "root-account-mfa-device", rootAccountId: acct.accountId, secretCiphertext: sealed, enabledAt: new Date() } });
    const result = await execute(GetSessionToken, { SerialNumber: serialNumber, TokenCode: await totpCodeAt(seed, timeStepAt()) }, root);
    expect(await sessionCaller(result)).toMatchObject({ kind: "root", mfaAuthenticated: true });
  });

  it("counts wrong codes with the caller's other failures: after three, even the right code waits (LimitExceeded)", async () => {
    const { user: alice, seed, serialNumber } = await userWithDevice();
    const right = await totpCodeAt(seed, timeStepAt());
    const wrong = right === "000000" ? "000001" : "000000";
    for (let i = 0; i < 3; i++) await expectIamError(execute(GetSessionToken, { SerialNumber: serialNumber, TokenCode: wrong }, alice), "InvalidAuthenticationCode");
    await expectIamError(execute(GetSessionToken, { SerialNumber: serialNumber, TokenCode: right }, alice), "LimitExceeded", /Wait \d+ seconds?/);
    expect(await db.sessionCredential.count({ where: { accountId: acct.accountId } })).toBe(0);
  });

  it("an MFA session may call IAM (as its user's policies allow); a session without MFA may not, whatever they allow", async () => {
    const readIam = { ReadIam: policy(allow(["iam:GetUser", "iam:ListUsers"])) };
    const { user: alice, seed, serialNumber } = await userWithDevice("alice", readIam);
    const plain = await sessionCaller(await execute(GetSessionToken, {}, alice));
    const error = await denied(execute(ListUsers, {}, plain));
    expectRestriction(error, "GetSessionTokenCredentialsWithoutMFACannotCallIAM");
    const event = (await auditEvents(acct.accountId, "iam:ListUsers")).at(-1);
    expect(event).toMatchObject({ result: "Denied", principalArn: alice.arn, door: "api" });
    expect(readAuditExplanation(event!.detail)?.DecidedBy).toContainEqual(expect.objectContaining({ Policy: CREDENTIAL_RESTRICTIONS, Statement: "GetSessionTokenCredentialsWithoutMFACannotCallIAM" }));

    const withMfa = await sessionCaller(await execute(GetSessionToken, { SerialNumber: serialNumber, TokenCode: await totpCodeAt(seed, timeStepAt()) }, alice));
    expect(namedUser(await execute(GetUser, { UserName: "alice" }, withMfa)).UserName).toBe("alice");
    // Still only what alice's policies allow.
    await denied(execute(GetUser, { UserName: "alice" }, { ...withMfa, userId: "AIDAGONEGONEGONEGONE0" }));
  });

  it("aws:MultiFactorAuthPresent decides a policy: a trust policy requiring MFA lets only the MFA session assume the role", async () => {
    const role = await createRole(acct.accountId, "Admin", {
      trustPolicy: JSON.stringify(policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })),
    });
    const { user: alice, seed, serialNumber } = await userWithDevice("alice", { MayAssume: policy(allow("sts:AssumeRole", role.arn)) });
    const plain = await sessionCaller(await execute(GetSessionToken, {}, alice));
    expect((await denied(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "plain" }, plain))).explanation.reason).toBe("trust-policy-no-allow");
    // Nor does the long-term key itself: its requests carry no aws:MultiFactorAuthPresent at all.
    await denied(execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "key" }, alice));
    const withMfa = await sessionCaller(await execute(GetSessionToken, { SerialNumber: serialNumber, TokenCode: await totpCodeAt(seed, timeStepAt()) }, alice));
    const assumed = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "mfa" }, withMfa);
    // The role session carries the MFA on, and records who assumed it.
    expect(await db.roleSession.findUniqueOrThrow({ where: { accessKeyId: assumed.Credentials.AccessKeyId } })).toMatchObject({ mfaAuthenticated: true, assumedByArn: alice.arn });
  });
});

describe("what the credentials may call", () => {
  it("of STS: GetCallerIdentity (the user itself) and AssumeRole; not GetAccessKeyInfo, even where the user's policies allow it", async () => {
    const role = await createRole(acct.accountId, "Reader", {
      trustPolicy: JSON.stringify(policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: "sts:AssumeRole" })),
    });
    const alice = await withLongTermKey(await createUser(acct.accountId, "alice", { inline: { Sts: policy(allow(["sts:AssumeRole", "sts:GetAccessKeyInfo"])) } }));
    const session = await sessionCaller(await execute(GetSessionToken, {}, alice));
    expect(await execute(GetCallerIdentity, {}, session)).toEqual({ UserId: alice.userId, Account: acct.accountId, Arn: alice.arn });
    await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "from-session" }, session);
    expectRestriction(await denied(execute(GetAccessKeyInfo, { AccessKeyId: alice.accessKeyId! }, session)), "GetSessionTokenCredentialsCallOnlyAssumeRoleAndGetCallerIdentityOfSTS");
    // The long-term key itself may.
    expect(await execute(GetAccessKeyInfo, { AccessKeyId: alice.accessKeyId! }, alice)).toEqual({ Account: acct.accountId });
  });

  it("refuses GetSessionToken with session credentials (its own, or a role session's), audited as Denied", async () => {
    const alice = await withLongTermKey(await createUser(acct.accountId, "alice", { inline: { All: policy(allow("*")) } }));
    const session = await sessionCaller(await execute(GetSessionToken, {}, alice));
    expectRestriction(await denied(execute(GetSessionToken, {}, session)), "CannotCallGetSessionTokenOrGetFederationTokenWithSessionCredentials");
    expect((await auditEvents(acct.accountId, "sts:GetSessionToken")).at(-1)).toMatchObject({ result: "Denied", principalArn: alice.arn, errorCode: "AccessDenied" });

    const role = await createRole(acct.accountId, "Admin", {
      trustPolicy: JSON.stringify(policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: "sts:AssumeRole" })),
      inline: { All: policy(allow("*")) },
    });
    const { Credentials } = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "admin" }, alice);
    const found = await lookupApiCredential(Credentials.AccessKeyId, { sessionToken: Credentials.SessionToken, now: new Date() });
    const roleSession = found.ok ? await apiCallerFor(found.credential, INFO) : undefined;
    expect(roleSession?.kind).toBe("assumed-role");
    expectRestriction(await denied(execute(GetSessionToken, {}, roleSession!)), "CannotCallGetSessionTokenOrGetFederationTokenWithSessionCredentials");
    expect(await db.sessionCredential.count({ where: { accountId: acct.accountId } })).toBe(1);
  });

  it("holds for the root user's session too: no IAM without MFA, though root may do everything else", async () => {
    const root = await withLongTermKey(acct.root);
    const session = await sessionCaller(await execute(GetSessionToken, {}, root));
    expectRestriction(await denied(execute(ListUsers, {}, session)), "GetSessionTokenCredentialsWithoutMFACannotCallIAM");
    expect(await execute(GetCallerIdentity, {}, session)).toMatchObject({ Arn: acct.root.arn });
    // The root user's long-term key is not restricted.
    await execute(ListUsers, {}, root);
  });

  it("stop working when the user is deleted: the key no longer verifies", async () => {
    const alice = await withLongTermKey(await createUser(acct.accountId, "alice"));
    const result = await execute(GetSessionToken, {}, alice);
    await sessionCaller(result);
    await db.user.delete({ where: { id: alice.userId } });
    expect(await lookupApiCredential(result.Credentials.AccessKeyId, { sessionToken: result.Credentials.SessionToken, now: new Date() })).toEqual({ ok: false, code: "InvalidClientTokenId" });
    expect(await apiCallerFor({ kind: "session-credential", accessKeyId: result.Credentials.AccessKeyId, accountId: acct.accountId }, INFO)).toBeUndefined();
  });

  it("is refused to a console sign-in, which has no long-term key to be issued for", async () => {
    const alice = await createUser(acct.accountId, "alice");
    await expectIamError(execute(GetSessionToken, {}, { ...alice, credentialKind: "console" }), "InvalidInput", /long-term access key/);
    expect(await db.sessionCredential.count({ where: { accountId: acct.accountId } })).toBe(0);
  });
});

// The caller of a SigV4-signed API request (lib/auth/apiCaller.ts), on real SQLite: keys issued by
// CreateAccessKey and sessions issued by AssumeRole, requests signed by the real AWS SDK (and by its
// signer shaped as the CLI signs), verified against the database. An active key is its owner; an
// inactive, deleted or unknown one is InvalidClientTokenId; a wrong secret is SignatureDoesNotMatch;
// session credentials need their own token and expire (ExpiredToken). The request context follows
// AWS's documentation: aws:MultiFactorAuthPresent and aws:TokenIssueTime are absent for long-term keys.

import { GetUserCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { beforeEach, describe, expect, it } from "vitest";
import { authenticateApiRequest, type ApiAuthentication } from "@/lib/auth/apiCaller";
import type { Caller } from "@/lib/auth/caller";
import type { SignableRequest } from "@/lib/auth/sigv4/canonicalRequest";
import { callerContext } from "@/lib/iam/core/authorize";
import { execute } from "@/lib/iam/core/operation";
import { CreateAccessKey, DeleteAccessKey, UpdateAccessKey } from "@/lib/iam/credentials/accessKeys";
import { AssumeRole } from "@/lib/iam/roles/assumeRole";
import { GetUser, namedUser } from "@/lib/iam/users/users";
import { cliSigned, sdkSigned, type TestCredentials } from "../../support/sigv4Clients";
import { createAccount, createRole, createUser, db, expectIamError, type TestAccount } from "./support/fixtures";

const VERSION = "2012-10-17";
const policy = (...Statement: object[]) => ({ Version: VERSION, Statement });
const INFO = { sourceIp: "203.0.113.7", userAgent: "aws-sdk-js/3.1169.0 test", secureTransport: true };

async function keyFor(caller: Caller, userName?: string): Promise<TestCredentials> {
  const { AccessKey } = await execute(CreateAccessKey, userName ? { UserName: userName } : {}, caller);
  return { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
}

const authenticate = (request: SignableRequest, service: "iam" | "sts" = "iam") => authenticateApiRequest(request, INFO, { service });

function expectCaller(result: ApiAuthentication): Caller {
  expect(result.ok, result.ok ? "" : `${result.error.code}: ${result.error.message}`).toBe(true);
  return result.ok ? result.caller : undefined!;
}

function expectRefused(result: ApiAuthentication, code: string, message?: string) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  if (message !== undefined) expect(result.error.message).toBe(message);
}

const INVALID_TOKEN = "The security token included in the request is invalid.";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

describe("long-term access keys (AKIA…)", () => {
  it("makes an active key's IAM user the caller, with the request's address, agent and transport", async () => {
    const alice = await createUser(acct.accountId, "alice");
    const key = await keyFor(acct.root, "alice");
    const result = await authenticate(await sdkSigned(new GetUserCommand({ UserName: "alice" }), key, { region: "eu-north-1" }));
    const caller = expectCaller(result);
    expect(caller).toMatchObject({
      kind: "user",
      accountId: acct.accountId,
      arn: alice.arn,
      userId: alice.userId,
      userName: "alice",
      mfaAuthenticated: false,
      credentialKind: "long-term-key",
      ...INFO,
    });
    expect(caller.authTime).toBeUndefined();
    expect(caller.scope).toBeDefined();
    expect(result.ok && result.verified).toMatchObject({ accessKeyId: key.accessKeyId, region: "eu-north-1", service: "iam", credential: { kind: "access-key" } });
  });

  it("acts under the user's current name and ARN after a rename (the owner is read per request)", async () => {
    await createUser(acct.accountId, "alice");
    const key = await keyFor(acct.root, "alice");
    await db.user.updateMany({ where: { accountId: acct.accountId, name: "alice" }, data: { name: "alicia", nameLower: "alicia", arn: `arn:aws:iam::${acct.accountId}:user/alicia` } });
    const caller = expectCaller(await authenticate(await sdkSigned(new ListUsersCommand({}), key)));
    expect(caller).toMatchObject({ userName: "alicia", arn: `arn:aws:iam::${acct.accountId}:user/alicia` });
  });

  it("makes the root user the caller for the root user's own key", async () => {
    const key = await keyFor(acct.root);
    const caller = expectCaller(await authenticate(await cliSigned("Action=ListUsers&Version=2010-05-08", key)));
    expect(caller).toMatchObject({ kind: "root", accountId: acct.accountId, arn: `arn:aws:iam::${acct.accountId}:root`, credentialKind: "long-term-key" });
    expect(caller.userId).toBeUndefined();
  });

  it("refuses an inactive key as InvalidClientTokenId, and accepts it again once reactivated", async () => {
    await createUser(acct.accountId, "alice");
    const key = await keyFor(acct.root, "alice");
    await execute(UpdateAccessKey, { UserName: "alice", AccessKeyId: key.accessKeyId, Status: "Inactive" }, acct.root);
    expectRefused(await authenticate(await sdkSigned(new ListUsersCommand({}), key)), "InvalidClientTokenId", INVALID_TOKEN);
    await execute(UpdateAccessKey, { UserName: "alice", AccessKeyId: key.accessKeyId, Status: "Active" }, acct.root);
    expectCaller(await authenticate(await sdkSigned(new ListUsersCommand({}), key)));
  });

  it("refuses a deleted key, a key whose user was deleted, and a key that never existed", async () => {
    await createUser(acct.accountId, "alice");
    await createUser(acct.accountId, "bob");
    const aliceKey = await keyFor(acct.root, "alice");
    const bobKey = await keyFor(acct.root, "bob");
    await execute(DeleteAccessKey, { UserName: "alice", AccessKeyId: aliceKey.accessKeyId }, acct.root);
    expectRefused(await authenticate(await sdkSigned(new ListUsersCommand({}), aliceKey)), "InvalidClientTokenId", INVALID_TOKEN);
    await db.user.deleteMany({ where: { accountId: acct.accountId, name: "bob" } });
    expectRefused(await authenticate(await sdkSigned(new ListUsersCommand({}), bobKey)), "InvalidClientTokenId", INVALID_TOKEN);
    const unknown = { accessKeyId: "AKIAZZZZZZZZZZZZZZZZ", secretAccessKey: "x".repeat(40) };
    expectRefused(await authenticate(await sdkSigned(new ListUsersCommand({}), unknown)), "InvalidClientTokenId", INVALID_TOKEN);
    expectRefused(await authenticate(await sdkSigned(new ListUsersCommand({}), { ...unknown, accessKeyId: "AIDAZZZZZZZZZZZZZZZZ" })), "InvalidClientTokenId");
  });

  it("refuses a wrong secret as SignatureDoesNotMatch", async () => {
    await createUser(acct.accountId, "alice");
    const key = await keyFor(acct.root, "alice");
    const wrong = { ...key, secretAccessKey: `${key.secretAccessKey.slice(0, -1)}${key.secretAccessKey.endsWith("A") ? "B" : "A"}` };
    expectRefused(await authenticate(await sdkSigned(new ListUsersCommand({}), wrong)), "SignatureDoesNotMatch");
    expectRefused(await authenticate(await cliSigned("Action=ListUsers&Version=2010-05-08", wrong)), "SignatureDoesNotMatch");
  });

  it("refuses a long-term key sent with a session token: it has none", async () => {
    await createUser(acct.accountId, "alice");
    const key = await keyFor(acct.root, "alice");
    expectRefused(await authenticate(await sdkSigned(new ListUsersCommand({}), { ...key, sessionToken: "made-up" })), "InvalidClientTokenId", INVALID_TOKEN);
  });
});

describe("role session credentials (ASIA…)", () => {
  async function assumedSession() {
    const role = await createRole(acct.accountId, "Reader", {
      trustPolicy: JSON.stringify(policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: "sts:AssumeRole" })),
    });
    const alice = await createUser(acct.accountId, "alice", { inline: { MayAssume: policy({ Effect: "Allow", Action: "sts:AssumeRole", Resource: role.arn }) } });
    const { Credentials } = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "ci-job" }, alice);
    const credentials = { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken };
    return { role, alice, credentials };
  }

  it("makes the role session the caller when the request carries the session's token", async () => {
    const { role, alice, credentials } = await assumedSession();
    const result = await authenticate(await sdkSigned(new GetCallerIdentityCommand({}), credentials, { service: "sts", region: "sa-east-1" }), "sts");
    const caller = expectCaller(result);
    expect(caller).toMatchObject({
      kind: "assumed-role",
      accountId: acct.accountId,
      arn: `arn:aws:sts::${acct.accountId}:assumed-role/Reader/ci-job`,
      credentialKind: "session",
      roleSession: { accessKeyId: credentials.accessKeyId, roleArn: role.arn, sessionName: "ci-job", assumedBy: alice.arn },
      ...INFO,
    });
    expect(caller.authTime).toBeInstanceOf(Date);
    // The CLI's way of signing the same session works too.
    expectCaller(await authenticate(await cliSigned("Action=GetCallerIdentity&Version=2011-06-15", credentials, { service: "sts" }), "sts"));
  });

  it("refuses session credentials without their token, or with another token, as InvalidClientTokenId", async () => {
    const { credentials } = await assumedSession();
    const { sessionToken, ...withoutToken } = credentials;
    expectRefused(await authenticate(await sdkSigned(new GetCallerIdentityCommand({}), withoutToken, { service: "sts" }), "sts"), "InvalidClientTokenId", INVALID_TOKEN);
    const other = { ...credentials, sessionToken: `${sessionToken.slice(0, -2)}xx` };
    expectRefused(await authenticate(await sdkSigned(new GetCallerIdentityCommand({}), other, { service: "sts" }), "sts"), "InvalidClientTokenId", INVALID_TOKEN);
    const unknown = { ...credentials, accessKeyId: "ASIAZZZZZZZZZZZZZZZZ" };
    expectRefused(await authenticate(await sdkSigned(new GetCallerIdentityCommand({}), unknown, { service: "sts" }), "sts"), "InvalidClientTokenId");
  });

  it("refuses a wrong secret with the right token as SignatureDoesNotMatch", async () => {
    const { credentials } = await assumedSession();
    const wrong = { ...credentials, secretAccessKey: `${credentials.secretAccessKey}x` };
    expectRefused(await authenticate(await sdkSigned(new GetCallerIdentityCommand({}), wrong, { service: "sts" }), "sts"), "SignatureDoesNotMatch");
  });

  it("answers ExpiredToken once the session has expired (and InvalidClientTokenId still to a wrong token)", async () => {
    const { credentials } = await assumedSession();
    await db.roleSession.update({ where: { accessKeyId: credentials.accessKeyId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expectRefused(
      await authenticate(await sdkSigned(new GetCallerIdentityCommand({}), credentials, { service: "sts" }), "sts"),
      "ExpiredToken",
      "The security token included in the request is expired",
    );
    expectRefused(await authenticate(await sdkSigned(new GetCallerIdentityCommand({}), { ...credentials, sessionToken: "wrong" }, { service: "sts" }), "sts"), "InvalidClientTokenId");
  });
});

describe("the request context of an API caller", () => {
  it("leaves aws:MultiFactorAuthPresent and aws:TokenIssueTime out for a long-term key, and keeps the request's facts", async () => {
    await createUser(acct.accountId, "alice");
    const caller = expectCaller(await authenticate(await sdkSigned(new ListUsersCommand({}), await keyFor(acct.root, "alice"))));
    const context = callerContext(caller, {});
    expect(context).not.toHaveProperty("aws:MultiFactorAuthPresent");
    expect(context).not.toHaveProperty("aws:MultiFactorAuthAge");
    expect(context).not.toHaveProperty("aws:TokenIssueTime");
    expect(context).toMatchObject({ "aws:SourceIp": INFO.sourceIp, "aws:UserAgent": INFO.userAgent, "aws:SecureTransport": "true", "aws:userid": caller.userId, "aws:PrincipalArn": caller.arn });
    // A console caller without MFA still has the key, as "false".
    expect(callerContext({ ...caller, credentialKind: "console" }, {})).toMatchObject({ "aws:MultiFactorAuthPresent": "false" });
  });

  it("lets the engine see the key as absent: a Null condition allows the long-term key and denies the console session", async () => {
    const onlyWithoutMfaKey = policy({ Effect: "Allow", Action: "iam:GetUser", Resource: "*", Condition: { Null: { "aws:MultiFactorAuthPresent": "true" } } });
    const alice = await createUser(acct.accountId, "alice", { inline: { NoMfaKey: onlyWithoutMfaKey } });
    const caller = expectCaller(await authenticate(await sdkSigned(new GetUserCommand({ UserName: "alice" }), await keyFor(acct.root, "alice"))));
    const User = namedUser(await execute(GetUser, { UserName: "alice" }, caller));
    expect(User.UserName).toBe("alice");
    await expectIamError(execute(GetUser, { UserName: "alice" }, alice), "AccessDenied");
  });

  it("gives a session's requests aws:MultiFactorAuthPresent and aws:TokenIssueTime, as AWS does for temporary credentials", async () => {
    const role = await createRole(acct.accountId, "Reader", {
      trustPolicy: JSON.stringify(policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: "sts:AssumeRole" })),
    });
    const alice = await createUser(acct.accountId, "alice", { inline: { MayAssume: policy({ Effect: "Allow", Action: "sts:AssumeRole", Resource: role.arn }) } });
    const { Credentials } = await execute(AssumeRole, { RoleArn: role.arn, RoleSessionName: "ci-context" }, alice);
    const credentials = { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken };
    const caller = expectCaller(await authenticate(await sdkSigned(new GetCallerIdentityCommand({}), credentials, { service: "sts" }), "sts"));
    const row = await db.roleSession.findUniqueOrThrow({ where: { accessKeyId: credentials.accessKeyId } });
    expect(callerContext(caller, {})).toMatchObject({ "aws:MultiFactorAuthPresent": "false", "aws:TokenIssueTime": row.issuedAt.toISOString() });
  });
});

// STS GetSessionToken through the real AWS SDK against the production server: the credentials it
// returns work in an STSClient and an IAMClient as AWS's do, within AWS's restrictions (no IAM API
// without MFA, of STS only AssumeRole and GetCallerIdentity, no GetSessionToken with session
// credentials); SerialNumber and TokenCode give an MFA session, which a policy requiring
// aws:MultiFactorAuthPresent allows; codes count once; the root user's session lasts an hour at most.
// The MFA device is arranged in the server's database (its seed must be known to compute codes);
// everything else goes through the API.

import { GetUserCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetAccessKeyInfoCommand, GetCallerIdentityCommand, GetSessionTokenCommand, type Credentials as StsCredentials } from "@aws-sdk/client-sts";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { newSeed } from "@/lib/auth/mfaCodes";
import { timeStepAt, totpCodeAt } from "@/lib/auth/totp";
import { apiFailure, db, iamClient, newApiAccount, newApiUser, rejectionOf, stsClient, type ApiAccount, type ApiUser, type Credentials } from "./support/apiAccount";

const VERSION = "2012-10-17";
const policy = (...Statement: object[]) => ({ Version: VERSION, Statement });
const HOUR_MS = 3_600_000;

/** The SDK's Credentials as the client credentials they are meant to become. */
function asClientCredentials(credentials: StsCredentials | undefined): Credentials {
  expect(credentials?.AccessKeyId).toMatch(/^ASIA/);
  return { accessKeyId: credentials!.AccessKeyId!, secretAccessKey: credentials!.SecretAccessKey!, sessionToken: credentials!.SessionToken! };
}

/** An enabled virtual MFA device of the user's, with its seed. */
async function deviceFor(account: ApiAccount, userName: string): Promise<{ serialNumber: string; seed: string }> {
  const user = await db.user.findFirstOrThrow({ where: { accountId: account.accountId, name: userName } });
  const { seed, sealed } = newSeed();
  const serialNumber = `arn:aws:iam::${account.accountId}:mfa/${userName}-phone`;
  await db.mfaDevice.create({ data: { accountId: account.accountId, serialNumber, name: `${userName}-phone`, userId: user.id, secretCiphertext: sealed, enabledAt: new Date() } });
  return { serialNumber, seed };
}

let account: ApiAccount;
let alice: ApiUser;
beforeAll(async () => {
  account = await newApiAccount();
  // alice may read IAM, but only with MFA; and may assume any role.
  alice = await newApiUser(
    iamClient(account.rootKey),
    "alice",
    policy(
      { Sid: "ReadIamWithMfa", Effect: "Allow", Action: ["iam:GetUser", "iam:ListUsers"], Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } },
      { Effect: "Allow", Action: ["sts:AssumeRole", "sts:GetAccessKeyInfo"], Resource: "*" },
    ),
  );
});

describe("GetSessionToken without MFA", () => {
  it("returns STS's Credentials, 12 hours by default, that STS knows as alice herself", async () => {
    const before = Date.now();
    const { Credentials } = await stsClient(alice.key).send(new GetSessionTokenCommand({}));
    expect(Credentials?.Expiration).toBeInstanceOf(Date);
    expect(Math.abs(Credentials!.Expiration!.getTime() - (before + 12 * HOUR_MS))).toBeLessThan(60_000);
    const session = asClientCredentials(Credentials);
    const who = await stsClient(session, "eu-central-1").send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: account.accountId, Arn: alice.arn });
    // Another account's root, asking which account the temporary key belongs to.
    const other = await newApiAccount("Asks about keys");
    expect((await stsClient(other.rootKey).send(new GetAccessKeyInfoCommand({ AccessKeyId: session.accessKeyId }))).Account).toBe(account.accountId);
  });

  it("gives credentials that IAM does not accept without MFA (AWS's token error, explained), nor STS beyond AssumeRole and GetCallerIdentity", async () => {
    const { Credentials } = await stsClient(alice.key).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const session = asClientCredentials(Credentials);
    const refused = await rejectionOf(iamClient(session).send(new ListUsersCommand({})));
    expect(refused.name).toBe("InvalidClientTokenId");
    expect(refused.$metadata.httpStatusCode).toBe(403);
    expect(refused.message).toBe("The security token included in the request is invalid");
    expect(decodeURIComponent(refused.$response?.headers["x-portcullis-explanation"] ?? "")).toContain("GetSessionTokenCredentialsWithoutMFACannotCallIAM");
    // The audit log keeps the engine's decision, explained.
    const event = await db.auditEvent.findFirst({ where: { accountId: account.accountId, action: "iam:ListUsers", result: "Denied" }, orderBy: { sequence: "desc" } });
    expect(event?.detail).toContain("GetSessionTokenCredentialsWithoutMFACannotCallIAM");
    expect(await apiFailure(stsClient(session).send(new GetAccessKeyInfoCommand({ AccessKeyId: alice.key.accessKeyId })))).toMatchObject({ name: "AccessDenied", status: 403 });
    // With session credentials, GetSessionToken itself is refused, in STS's words.
    expect(await apiFailure(stsClient(session).send(new GetSessionTokenCommand({})))).toMatchObject({ name: "AccessDenied", status: 403, message: "Cannot call GetSessionToken with session credentials" });
    // alice's long-term key may call GetAccessKeyInfo.
    expect((await stsClient(alice.key).send(new GetAccessKeyInfoCommand({ AccessKeyId: alice.key.accessKeyId }))).Account).toBe(account.accountId);
  });

  it("refuses a duration outside 900 to 129,600 seconds, and a TokenCode without SerialNumber, with ValidationError", async () => {
    expect(await apiFailure(stsClient(alice.key).send(new GetSessionTokenCommand({ DurationSeconds: 899 })))).toMatchObject({ name: "ValidationError", status: 400 });
    expect(await apiFailure(stsClient(alice.key).send(new GetSessionTokenCommand({ DurationSeconds: 129_601 })))).toMatchObject({ name: "ValidationError", status: 400 });
    expect(await apiFailure(stsClient(alice.key).send(new GetSessionTokenCommand({ TokenCode: "123456" })))).toMatchObject({ name: "ValidationError", status: 400 });
  });

  it("gives the root user an hour at most, whatever it asks for", async () => {
    const before = Date.now();
    const { Credentials } = await stsClient(account.rootKey).send(new GetSessionTokenCommand({ DurationSeconds: 129_600 }));
    expect(Credentials!.Expiration!.getTime()).toBeLessThanOrEqual(before + HOUR_MS + 60_000);
    expect(Credentials!.Expiration!.getTime()).toBeGreaterThan(before + HOUR_MS - 60_000);
  });
});

describe("GetSessionToken with MFA", () => {
  it("gives an MFA session: IAM calls that need aws:MultiFactorAuthPresent are allowed; the code counts once", async () => {
    // Denied with the long-term key: its requests carry no MFA.
    expect(await apiFailure(iamClient(alice.key).send(new GetUserCommand({ UserName: "alice" })))).toMatchObject({ name: "AccessDenied", status: 403 });
    const { serialNumber, seed } = await deviceFor(account, "alice");
    const TokenCode = await totpCodeAt(seed, timeStepAt());
    const { Credentials } = await stsClient(alice.key).send(new GetSessionTokenCommand({ SerialNumber: serialNumber, TokenCode, DurationSeconds: 3600 }));
    const session = asClientCredentials(Credentials);
    const { User } = await iamClient(session, "ap-southeast-2").send(new GetUserCommand({ UserName: "alice" }));
    expect(User?.Arn).toBe(alice.arn);
    expect((await iamClient(session).send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toContain("alice");

    // The same code again is a replay.
    const replay = await apiFailure(stsClient(alice.key).send(new GetSessionTokenCommand({ SerialNumber: serialNumber, TokenCode })));
    expect(replay).toMatchObject({ name: "AccessDenied", status: 403, message: "MultiFactorAuthentication failed with invalid MFA one time pass code." });
  });

  it("refuses a code of a device that is not the caller's own", async () => {
    const bob = await newApiUser(iamClient(account.rootKey), "bob");
    const { serialNumber, seed } = await deviceFor(account, "bob");
    const TokenCode = await totpCodeAt(seed, timeStepAt());
    expect(await apiFailure(stsClient(alice.key).send(new GetSessionTokenCommand({ SerialNumber: serialNumber, TokenCode })))).toMatchObject({ name: "AccessDenied", status: 403 });
    // bob's own use of the code still works: alice's failure did not use it up.
    await stsClient(bob.key).send(new GetSessionTokenCommand({ SerialNumber: serialNumber, TokenCode }));
  });

  it("lets the session assume a role whose trust policy requires MFA, which the plain session may not", async () => {
    const trust = policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account.accountId}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } });
    const { Role } = await iamClient(account.rootKey).send(new CreateRoleCommand({ RoleName: "NeedsMfa", AssumeRolePolicyDocument: JSON.stringify(trust) }));
    const plain = asClientCredentials((await stsClient(alice.key).send(new GetSessionTokenCommand({}))).Credentials);
    expect(await apiFailure(stsClient(plain).send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: "plain" })))).toMatchObject({ name: "AccessDenied", status: 403 });

    // A device of its own for this test (its serial number is alice-phone's too).
    await db.mfaDevice.deleteMany({ where: { accountId: account.accountId, name: "alice-phone" } });
    const { serialNumber, seed } = await deviceFor(account, "alice");
    const mfa = asClientCredentials((await stsClient(alice.key).send(new GetSessionTokenCommand({ SerialNumber: serialNumber, TokenCode: await totpCodeAt(seed, timeStepAt()) }))).Credentials);
    const assumed = await stsClient(mfa).send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: "with-mfa" }));
    expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${account.accountId}:assumed-role/NeedsMfa/with-mfa`);
  });
});

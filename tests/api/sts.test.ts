// STS through the real @aws-sdk/client-sts: who a key belongs to (GetCallerIdentity, GetAccessKeyInfo),
// and AssumeRole end to end — the trust policy and the caller's identity policy both decide, the
// session's credentials then sign IAM calls that the role's policies (narrowed by a session policy)
// decide, and an expired or foreign session token is refused with AWS's codes.

import { beforeAll, describe, expect, it } from "vitest";
import { CreateRoleCommand, GetUserCommand, ListRolesCommand, ListUsersCommand, PutRolePolicyCommand, type IAMClient } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetAccessKeyInfoCommand, GetCallerIdentityCommand, type AssumeRoleCommandOutput } from "@aws-sdk/client-sts";
import { apiFailure, db, iamClient, newApiAccount, newApiUser, stsClient, type ApiAccount, type ApiUser, type Credentials } from "./support/apiAccount";

let account: ApiAccount;
let iam: IAMClient;
/** May call sts:AssumeRole on any role; roles trust the account, so this user's policy decides. */
let assumer: ApiUser;

const statement = (effect: "Allow" | "Deny", action: string | string[], resource = "*") => ({ Effect: effect, Action: action, Resource: resource });
const policy = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });
const roleArn = (name: string) => `arn:aws:iam::${account.accountId}:role/${name}`;

/** A role that trusts the account (so the assumer's identity policy must allow too), with an inline policy. */
async function newRole(name: string, permissions: object, options: { trust?: object; maxSessionDuration?: number } = {}): Promise<void> {
  const trust = options.trust ?? policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account.accountId}:root` }, Action: "sts:AssumeRole" });
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust), MaxSessionDuration: options.maxSessionDuration }));
  await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "permissions", PolicyDocument: JSON.stringify(permissions) }));
}

function sessionCredentials(answer: AssumeRoleCommandOutput): Credentials {
  const c = answer.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

beforeAll(async () => {
  account = await newApiAccount("sts");
  iam = iamClient(account.rootKey);
  assumer = await newApiUser(iam, "assumer", policy(statement("Allow", ["sts:AssumeRole", "sts:TagSession"])));
});

describe("GetCallerIdentity", () => {
  it("names the root user, an IAM user, and a role session", async () => {
    expect(await stsClient(account.rootKey).send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: account.accountId, UserId: account.accountId, Arn: `arn:aws:iam::${account.accountId}:root` });

    const { User } = await iam.send(new GetUserCommand({ UserName: "assumer" }));
    expect(await stsClient(assumer.key, "ap-southeast-2").send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: account.accountId, UserId: User!.UserId, Arn: assumer.arn });
    expect(User!.UserId).toMatch(/^AIDA/);

    await newRole("WhoAmI", policy(statement("Allow", "iam:GetUser")));
    const session = await stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: roleArn("WhoAmI"), RoleSessionName: "who-session" }));
    const who = await stsClient(sessionCredentials(session)).send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe(account.accountId);
    expect(who.Arn).toBe(`arn:aws:sts::${account.accountId}:assumed-role/WhoAmI/who-session`);
    expect(who.UserId).toMatch(/^AROA[A-Z0-9]{17}:who-session$/);
    expect(who.UserId).toBe(session.AssumedRoleUser!.AssumedRoleId);
  });

  it("works for a user whose policy explicitly denies everything, as AWS documents", async () => {
    const denied = await newApiUser(iam, "deny-all", policy(statement("Deny", "*")));
    expect(await stsClient(denied.key).send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: denied.arn, Account: account.accountId });
    const other = await apiFailure(iamClient(denied.key).send(new ListUsersCommand({})));
    expect(other).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(other.message).toBe(`User: ${denied.arn} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${account.accountId}:user/ with an explicit deny in an identity-based policy`);
  });
});

describe("GetAccessKeyInfo", () => {
  it("names the account of a long-term key and of a session key", async () => {
    const other = await newApiAccount("sts other");
    expect((await stsClient(account.rootKey).send(new GetAccessKeyInfoCommand({ AccessKeyId: other.rootKey.accessKeyId }))).Account).toBe(other.accountId);
    // Unlike GetCallerIdentity, it takes a permission (sts:GetAccessKeyInfo), as in AWS.
    expect(await apiFailure(stsClient(assumer.key).send(new GetAccessKeyInfoCommand({ AccessKeyId: other.rootKey.accessKeyId })))).toMatchObject({ name: "AccessDenied", status: 403 });
    expect((await stsClient(other.rootKey).send(new GetAccessKeyInfoCommand({ AccessKeyId: assumer.key.accessKeyId }))).Account).toBe(account.accountId);
    await newRole("KeyInfo", policy(statement("Allow", "iam:GetUser")));
    const session = await stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: roleArn("KeyInfo"), RoleSessionName: "k1" }));
    expect((await stsClient(other.rootKey).send(new GetAccessKeyInfoCommand({ AccessKeyId: session.Credentials!.AccessKeyId }))).Account).toBe(account.accountId);
  });
});

describe("AssumeRole", () => {
  it("issues session credentials that sign IAM calls, decided by the role's policy", async () => {
    await newRole("Reader", policy(statement("Allow", ["iam:ListUsers", "iam:ListRoles"])));
    const before = Date.now();
    const answer = await stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: roleArn("Reader"), RoleSessionName: "reader-session", DurationSeconds: 900 }));
    const c = answer.Credentials!;
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(c.SecretAccessKey).toMatch(/^\S{40}$/);
    expect(c.SessionToken!.length).toBeGreaterThan(20);
    expect(c.Expiration).toBeInstanceOf(Date);
    // DurationSeconds 900: the session ends 15 minutes after it was issued (to the second).
    expect(Math.abs(c.Expiration!.getTime() - (before + 900_000))).toBeLessThan(5_000);
    expect(answer.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${account.accountId}:assumed-role/Reader/reader-session`);
    expect(answer.AssumedRoleUser!.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:reader-session$/);

    const asRole = iamClient(sessionCredentials(answer), "eu-central-1");
    expect((await asRole.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toContain("assumer");
    const denied = await apiFailure(asRole.send(new GetUserCommand({ UserName: "assumer" })));
    expect(denied).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(denied.message).toBe(
      `User: arn:aws:sts::${account.accountId}:assumed-role/Reader/reader-session is not authorized to perform: iam:GetUser on resource: ${assumer.arn} because no identity-based policy allows the iam:GetUser action`,
    );
  });

  it("is refused when the caller's identity policy does not allow sts:AssumeRole", async () => {
    await newRole("Unreachable", policy(statement("Allow", "iam:ListUsers")));
    const nobody = await newApiUser(iam, "no-assume", policy(statement("Allow", "iam:ListUsers")));
    const denied = await apiFailure(stsClient(nobody.key).send(new AssumeRoleCommand({ RoleArn: roleArn("Unreachable"), RoleSessionName: "s1" })));
    expect(denied).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(denied.message).toBe(`User: ${nobody.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn("Unreachable")} because no identity-based policy allows the sts:AssumeRole action`);
  });

  it("is refused to the root user, as AWS refuses it", async () => {
    await newRole("NotForRoot", policy(statement("Allow", "iam:ListUsers")));
    const denied = await apiFailure(stsClient(account.rootKey).send(new AssumeRoleCommand({ RoleArn: roleArn("NotForRoot"), RoleSessionName: "root" })));
    expect(denied).toMatchObject({ name: "AccessDenied", status: 403, message: "Roles may not be assumed by root accounts." });
  });

  it("refuses a DurationSeconds over the role's MaxSessionDuration with ValidationError", async () => {
    await newRole("ShortLived", policy(statement("Allow", "iam:ListUsers")), { maxSessionDuration: 3600 });
    const failure = await apiFailure(stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: roleArn("ShortLived"), RoleSessionName: "s1", DurationSeconds: 7200 })));
    expect(failure).toMatchObject({ name: "ValidationError", status: 400 });
    expect(failure.message).toMatch(/DurationSeconds|MaxSessionDuration|duration/i);
    // Within the maximum it is issued.
    await stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: roleArn("ShortLived"), RoleSessionName: "s1", DurationSeconds: 3600 }));
  });

  it("requires the ExternalId the trust policy names", async () => {
    await newRole("ThirdParty", policy(statement("Allow", "iam:ListUsers")), {
      trust: policy({ Effect: "Allow", Principal: { AWS: assumer.arn }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "shared-secret-42" } } }),
    });
    for (const externalId of [undefined, "wrong-secret-0"]) {
      const failure = await apiFailure(stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: roleArn("ThirdParty"), RoleSessionName: "s1", ExternalId: externalId })));
      expect(failure).toMatchObject({ name: "AccessDenied", status: 403 });
      expect(failure.message).toContain(`User: ${assumer.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn("ThirdParty")}`);
    }
    const answer = await stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: roleArn("ThirdParty"), RoleSessionName: "s1", ExternalId: "shared-secret-42" }));
    expect(answer.Credentials!.AccessKeyId).toMatch(/^ASIA/);
  });

  it("narrows the session with a session policy", async () => {
    await newRole("Broad", policy(statement("Allow", ["iam:ListUsers", "iam:ListRoles"])));
    const answer = await stsClient(assumer.key).send(
      new AssumeRoleCommand({ RoleArn: roleArn("Broad"), RoleSessionName: "narrow", Policy: JSON.stringify(policy(statement("Allow", "iam:ListUsers"))) }),
    );
    expect(answer.PackedPolicySize).toBeGreaterThan(0);
    const narrow = iamClient(sessionCredentials(answer));
    await narrow.send(new ListUsersCommand({}));
    const denied = await apiFailure(narrow.send(new ListRolesCommand({})));
    expect(denied).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(denied.message).toBe(`User: arn:aws:sts::${account.accountId}:assumed-role/Broad/narrow is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${account.accountId}:role/ because no session policy allows the iam:ListRoles action`);
    // A malformed session policy is refused before any session is issued.
    expect(await apiFailure(stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: roleArn("Broad"), RoleSessionName: "bad", Policy: "{not json" })))).toMatchObject({
      name: "MalformedPolicyDocumentException",
      status: 400,
    });
  });

  it("passes session tags, which the trust policy must allow (sts:TagSession) and the role's policies can test", async () => {
    const tagTrust = policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account.accountId}:root` }, Action: ["sts:AssumeRole", "sts:TagSession"] });
    await newRole("Tagged", policy({ Effect: "Allow", Action: "iam:ListUsers", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "web platform" } } }), { trust: tagTrust });
    const tagged = await stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: roleArn("Tagged"), RoleSessionName: "tagged", Tags: [{ Key: "team", Value: "web platform" }] }));
    await iamClient(sessionCredentials(tagged)).send(new ListUsersCommand({}));
    const untagged = await stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: roleArn("Tagged"), RoleSessionName: "untagged" }));
    expect(await apiFailure(iamClient(sessionCredentials(untagged)).send(new ListUsersCommand({})))).toMatchObject({ name: "AccessDenied", status: 403 });

    // A trust policy without sts:TagSession refuses a request with tags.
    await newRole("NoTags", policy(statement("Allow", "iam:ListUsers")));
    const refused = await apiFailure(stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: roleArn("NoTags"), RoleSessionName: "t1", Tags: [{ Key: "team", Value: "web" }] })));
    expect(refused).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(refused.message).toContain("sts:TagSession");
  });

  it("answers ExpiredToken for a session past its expiry, and InvalidClientTokenId for another session's token", async () => {
    await newRole("Expiring", policy(statement("Allow", "iam:ListUsers")));
    const first = sessionCredentials(await stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: roleArn("Expiring"), RoleSessionName: "first" })));
    const second = sessionCredentials(await stsClient(assumer.key).send(new AssumeRoleCommand({ RoleArn: roleArn("Expiring"), RoleSessionName: "second" })));
    await iamClient(first).send(new ListUsersCommand({}));

    // The first key with the second session's token: not a credential Portcullis issued.
    const mixed = await apiFailure(iamClient({ ...first, sessionToken: second.sessionToken }).send(new ListUsersCommand({})));
    expect(mixed).toMatchObject({ name: "InvalidClientTokenId", status: 403 });
    const missing = await apiFailure(iamClient({ accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey }).send(new ListUsersCommand({})));
    expect(missing).toMatchObject({ name: "InvalidClientTokenId", status: 403 });

    // Rather than wait out the session, move its expiry into the past.
    await db.roleSession.update({ where: { accessKeyId: first.accessKeyId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await apiFailure(iamClient(first).send(new ListUsersCommand({})));
    expect(expired).toMatchObject({ name: "ExpiredToken", status: 403 });
    expect(await apiFailure(stsClient(first).send(new GetCallerIdentityCommand({})))).toMatchObject({ status: 403 });
    // The other session is unaffected.
    await iamClient(second).send(new ListUsersCommand({}));
  });
});

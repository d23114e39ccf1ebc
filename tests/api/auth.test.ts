// SigV4 at the door, through the real SDK (and fetch where the SDK cannot go wrong on purpose): each
// authentication failure gets AWS's code and its 403, any region in the scope works, and every answer
// carries the request ID and the Date the SDKs correct their clocks by.

import { beforeAll, describe, expect, it } from "vitest";
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GetUserCommand,
  IAMClient,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { IAM_ENDPOINT, iamClient, newApiAccount, rawQuery, rejectionOf, stsClient, type ApiAccount, type Credentials } from "./support/apiAccount";

const MINUTE = 60_000;

function skewedClient(credentials: Credentials, offsetMs: number): IAMClient {
  return new IAMClient({ endpoint: IAM_ENDPOINT, region: "us-east-1", credentials, maxAttempts: 1, systemClockOffset: offsetMs });
}

async function userWithKey(account: ApiAccount, userName: string): Promise<Credentials> {
  const iam = iamClient(account.rootKey);
  await iam.send(new CreateUserCommand({ UserName: userName }));
  // Allowed to read itself, so a working key has something to succeed at.
  const selfRead = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: `arn:aws:iam::${account.accountId}:user/${userName}` }] };
  await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: "read-self", PolicyDocument: JSON.stringify(selfRead) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

describe("authentication errors", () => {
  let account: ApiAccount;
  beforeAll(async () => {
    account = await newApiAccount();
  });

  it("an unknown key is InvalidClientTokenId, 403", async () => {
    const error = await rejectionOf(iamClient({ accessKeyId: "AKIAZZZZZZZZZZZZZZZZ", secretAccessKey: "x".repeat(40) }).send(new ListUsersCommand({})));
    expect(error.name).toBe("InvalidClientTokenId");
    expect(error.message).toBe("The security token included in the request is invalid.");
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("an inactive key is InvalidClientTokenId until it is active again; a deleted key stays refused", async () => {
    const key = await userWithKey(account, "rotating");
    const iam = iamClient(account.rootKey);
    const own = iamClient(key);
    expect((await own.send(new GetUserCommand({ UserName: "rotating" }))).User?.UserName).toBe("rotating");

    await iam.send(new UpdateAccessKeyCommand({ UserName: "rotating", AccessKeyId: key.accessKeyId, Status: "Inactive" }));
    const inactive = await rejectionOf(own.send(new GetUserCommand({ UserName: "rotating" })));
    expect(inactive.name).toBe("InvalidClientTokenId");
    expect(inactive.$metadata.httpStatusCode).toBe(403);

    await iam.send(new UpdateAccessKeyCommand({ UserName: "rotating", AccessKeyId: key.accessKeyId, Status: "Active" }));
    expect((await own.send(new GetUserCommand({ UserName: "rotating" }))).User?.UserName).toBe("rotating");

    await iam.send(new DeleteAccessKeyCommand({ UserName: "rotating", AccessKeyId: key.accessKeyId }));
    const deleted = await rejectionOf(own.send(new GetUserCommand({ UserName: "rotating" })));
    expect(deleted.name).toBe("InvalidClientTokenId");
    expect(deleted.$metadata.httpStatusCode).toBe(403);
  });

  it("a wrong secret is SignatureDoesNotMatch, 403", async () => {
    const wrong = { accessKeyId: account.rootKey.accessKeyId, secretAccessKey: `${account.rootKey.secretAccessKey.slice(0, -1)}${account.rootKey.secretAccessKey.endsWith("A") ? "B" : "A"}` };
    const error = await rejectionOf(iamClient(wrong).send(new ListUsersCommand({})));
    expect(error.name).toBe("SignatureDoesNotMatch");
    expect(error.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it("a clock 20 minutes off either way is RequestExpired, 403; 10 minutes off still works", async () => {
    for (const offset of [-20 * MINUTE, 20 * MINUTE]) {
      const error = await rejectionOf(skewedClient(account.rootKey, offset).send(new ListUsersCommand({})));
      expect(error.name).toBe("RequestExpired");
      expect(error.$metadata.httpStatusCode).toBe(403);
      expect(error.message).toMatch(offset < 0 ? /^Signature expired: \d{8}T\d{6}Z is now earlier than/ : /^Signature not yet current: \d{8}T\d{6}Z is still later than/);
    }
    for (const offset of [-10 * MINUTE, 10 * MINUTE]) {
      const listed = await skewedClient(account.rootKey, offset).send(new ListUsersCommand({}));
      expect(listed.$metadata.httpStatusCode).toBe(200);
    }
  });

  it("an unsigned POST is MissingAuthenticationToken, 403", async () => {
    const answer = await rawQuery("Action=ListUsers&Version=2010-05-08", undefined);
    expect(answer.status).toBe(403);
    expect(answer.code).toBe("MissingAuthenticationToken");
    expect(answer.message).toBe("Request is missing Authentication Token");
    expect(answer.body).toMatch(/^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type>/);
  });

  it("a malformed Authorization header is IncompleteSignature, 403", async () => {
    const withoutSignature = await rawQuery("Action=ListUsers&Version=2010-05-08", account.rootKey, {
      authorization: (signed) => signed.replace(/, Signature=[0-9a-f]+/, ""),
    });
    expect(withoutSignature.code).toBe("IncompleteSignature");
    expect(withoutSignature.status).toBe(403);
    expect(withoutSignature.message).toContain("Authorization header requires 'Signature' parameter.");

    const shortScope = await rawQuery("Action=ListUsers&Version=2010-05-08", account.rootKey, {
      authorization: (signed) => signed.replace(/\/aws4_request/, ""),
    });
    expect(shortScope.code).toBe("IncompleteSignature");
    expect(shortScope.status).toBe(403);

    const mangled = await rawQuery("Action=ListUsers&Version=2010-05-08", account.rootKey, { authorization: () => "AWS4-HMAC-SHA256 garbage" });
    expect(mangled.code).toBe("IncompleteSignature");
    expect(mangled.status).toBe(403);
  });

  it("a correctly signed raw request is answered 200 (the helper signs as the CLI does)", async () => {
    const answer = await rawQuery("Action=ListUsers&Version=2010-05-08", account.rootKey);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/^<ListUsersResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><ListUsersResult>/);
  });

  it("session credentials (ASIA…) need their X-Amz-Security-Token", async () => {
    const iam = iamClient(account.rootKey);
    const assumer = await userWithKey(account, "assumer");
    await iam.send(
      new PutUserPolicyCommand({
        UserName: "assumer",
        PolicyName: "assume",
        PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] }),
      }),
    );
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account.accountId}:root` }, Action: "sts:AssumeRole" }] };
    await iam.send(new CreateRoleCommand({ RoleName: "reader", AssumeRolePolicyDocument: JSON.stringify(trust) }));
    const readUsers = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:ListUsers", Resource: "*" }] };
    await iam.send(new PutRolePolicyCommand({ RoleName: "reader", PolicyName: "list", PolicyDocument: JSON.stringify(readUsers) }));

    const { Credentials: session } = await stsClient(assumer).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account.accountId}:role/reader`, RoleSessionName: "auth-test" }));
    expect(session?.AccessKeyId).toMatch(/^ASIA/);
    const withToken = { accessKeyId: session!.AccessKeyId!, secretAccessKey: session!.SecretAccessKey!, sessionToken: session!.SessionToken! };
    expect((await iamClient(withToken).send(new ListUsersCommand({}))).$metadata.httpStatusCode).toBe(200);

    const withoutToken = { accessKeyId: withToken.accessKeyId, secretAccessKey: withToken.secretAccessKey };
    const error = await rejectionOf(iamClient(withoutToken).send(new ListUsersCommand({})));
    expect(error.name).toBe("InvalidClientTokenId");
    expect(error.$metadata.httpStatusCode).toBe(403);

    const wrongToken = await rejectionOf(iamClient({ ...withToken, sessionToken: `${withToken.sessionToken.slice(0, -2)}xx` }).send(new ListUsersCommand({})));
    expect(wrongToken.name).toBe("InvalidClientTokenId");

    // A long-term key sent with a token is refused too: it has none.
    const keyWithToken = await rejectionOf(iamClient({ ...account.rootKey, sessionToken: withToken.sessionToken }).send(new ListUsersCommand({})));
    expect(keyWithToken.name).toBe("InvalidClientTokenId");
  });
});

describe("regions and response headers", () => {
  let account: ApiAccount;
  beforeAll(async () => {
    account = await newApiAccount();
  });

  it("accepts any region in the credential scope", async () => {
    for (const region of ["us-east-1", "eu-west-3", "ap-southeast-2"]) {
      const listed = await iamClient(account.rootKey, region).send(new ListUsersCommand({}));
      expect(listed.$metadata.httpStatusCode).toBe(200);
      const who = await stsClient(account.rootKey, region).send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe(`arn:aws:iam::${account.accountId}:root`);
    }
  });

  it("every answer, success or error, has x-amzn-RequestId (the body's RequestId) and Date", async () => {
    const listed = await iamClient(account.rootKey).send(new ListUsersCommand({}));
    expect(listed.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    for (const answer of [
      await rawQuery("Action=ListUsers&Version=2010-05-08", account.rootKey),
      await rawQuery("Action=GetUser&Version=2010-05-08&UserName=nobody", account.rootKey),
      await rawQuery("Action=ListUsers&Version=2010-05-08", undefined),
    ]) {
      const requestId = answer.headers.get("x-amzn-RequestId");
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.body).toContain(`<RequestId>${requestId}</RequestId>`);
      const date = answer.headers.get("Date");
      expect(date).toBeTruthy();
      expect(Math.abs(Date.parse(date!) - Date.now())).toBeLessThan(MINUTE);
      expect(answer.headers.get("content-type")).toMatch(/^text\/xml/);
    }
  });
});

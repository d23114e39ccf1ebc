// The door's errors as AWS answers them: the Query protocol's own (unknown or console-only actions,
// missing and malformed members, both clients' form encodings), IAM's resource errors with their
// statuses, and AccessDenied in AWS's sentence with the full explanation in a header and the audit log.

import { beforeAll, describe, expect, it } from "vitest";
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  UpdateAccessKeyCommand,
  UpdateAccountPasswordPolicyCommand,
  type StatusType,
} from "@aws-sdk/client-iam";
import { db, iamClient, newApiAccount, rawQuery, rejectionOf, type ApiAccount, type Credentials } from "./support/apiAccount";

const IAM = "Version=2010-05-08";

async function userWithPolicy(account: ApiAccount, userName: string, statements: object[]): Promise<Credentials> {
  const iam = iamClient(account.rootKey);
  await iam.send(new CreateUserCommand({ UserName: userName }));
  await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: `${userName}-policy`, PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: statements }) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

describe("the Query protocol's errors", () => {
  let account: ApiAccount;
  beforeAll(async () => {
    account = await newApiAccount();
  });

  it("an unknown Action is InvalidAction, 400", async () => {
    const answer = await rawQuery(`Action=ListUnicorns&${IAM}`, account.rootKey);
    expect(answer.status).toBe(400);
    expect(answer.code).toBe("InvalidAction");
    expect(answer.message).toBe("Could not find operation ListUnicorns for version 2010-05-08");
    expect(answer.body).toContain("<Type>Sender</Type>");
  });

  it("a console-only operation is InvalidAction, as AWS answers any action it does not have", async () => {
    for (const action of ["CreateUserWithAccess", "LookupEvents", "DeleteUserWithDependents", "GetCallerPermissions"]) {
      const answer = await rawQuery(`Action=${action}&${IAM}&UserName=someone`, account.rootKey);
      expect({ action, status: answer.status, code: answer.code }).toEqual({ action, status: 400, code: "InvalidAction" });
    }
  });

  it("a wrong or missing Version is InvalidAction", async () => {
    const wrong = await rawQuery("Action=ListUsers&Version=2011-06-15", account.rootKey);
    expect(wrong.status).toBe(400);
    expect(wrong.code).toBe("InvalidAction");
    expect(wrong.message).toBe("Could not find operation ListUsers for version 2011-06-15");
    const missing = await rawQuery("Action=ListUsers", account.rootKey);
    expect(missing.code).toBe("InvalidAction");
    expect(missing.message).toBe("Could not find operation ListUsers for version NO_VERSION_SPECIFIED");
    // An IAM action on the STS endpoint is not STS's.
    const sts = await rawQuery("Action=ListUsers&Version=2011-06-15", account.rootKey, { service: "sts" });
    expect(sts.code).toBe("InvalidAction");
  });

  it("a missing required member is ValidationError, 400, from the SDK and from a raw body", async () => {
    const iam = iamClient(account.rootKey);
    const sdk = await rejectionOf(iam.send(new CreateUserCommand({ UserName: undefined as unknown as string })));
    expect(sdk.name).toBe("ValidationError");
    expect(sdk.$metadata.httpStatusCode).toBe(400);
    expect(sdk.message).toBe("1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null");

    const raw = await rawQuery(`Action=CreateUser&${IAM}&Path=%2F`, account.rootKey);
    expect(raw.status).toBe(400);
    expect(raw.code).toBe("ValidationError");
    // Nothing was created.
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([]);
  });

  it("a malformed value is ValidationError, 400, naming the member", async () => {
    const error = await rejectionOf(iamClient(account.rootKey).send(new CreateUserCommand({ UserName: "has space" })));
    expect(error.name).toBe("ValidationError");
    expect(error.$metadata.httpStatusCode).toBe(400);
    // AWS words it "1 validation error detected: Value 'has space' at 'userName' failed to satisfy
    // constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"; Portcullis names the member its own way.
    expect(error.message).toMatch(/userName|UserName/);

    const badStatus = await rejectionOf(iamClient(account.rootKey).send(new UpdateAccessKeyCommand({ AccessKeyId: account.rootKey.accessKeyId, Status: "Paused" as StatusType })));
    expect(badStatus.name).toBe("ValidationError");
    expect(badStatus.$metadata.httpStatusCode).toBe(400);

    const zeroItems = await rejectionOf(iamClient(account.rootKey).send(new ListUsersCommand({ MaxItems: 0 })));
    expect(zeroItems.name).toBe("ValidationError");
    expect(zeroItems.$metadata.httpStatusCode).toBe(400);
  });

  it("accepts the CLI's encoding (+ for spaces, a charset) and the SDK's (%20, no charset) alike", async () => {
    const cli = await rawQuery(`Action=CreateUser&${IAM}&UserName=cli-user&Tags.member.1.Key=team&Tags.member.1.Value=web+platform+%2B+ops`, account.rootKey, {
      contentType: "application/x-www-form-urlencoded; charset=utf-8",
    });
    expect(cli.status).toBe(200);
    expect(cli.body).toContain("<UserName>cli-user</UserName>");
    const sdkEncoded = await rawQuery(`Action=CreateUser&${IAM}&UserName=sdk-user&Tags.member.1.Key=team&Tags.member.1.Value=web%20platform%20%2B%20ops`, account.rootKey, {
      contentType: "application/x-www-form-urlencoded",
    });
    expect(sdkEncoded.status).toBe(200);

    const iam = iamClient(account.rootKey);
    await iam.send(new CreateUserCommand({ UserName: "sdk-native", Tags: [{ Key: "team", Value: "web platform + ops" }] }));
    for (const userName of ["cli-user", "sdk-user", "sdk-native"]) {
      const { Tags } = await iam.send(new ListUserTagsCommand({ UserName: userName }));
      expect({ userName, Tags }).toEqual({ userName, Tags: [{ Key: "team", Value: "web platform + ops" }] });
    }
  });

  it("a body that is not a form is a client's error (4xx), never a 5xx the SDKs would retry", async () => {
    const json = await rawQuery(JSON.stringify({ Action: "ListUsers" }), account.rootKey, { contentType: "application/json" });
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);
    const noAction = await rawQuery(IAM, account.rootKey);
    expect(noAction.status).toBe(400);
    expect(noAction.code).toBe("MissingAction");
  });
});

describe("IAM's errors, with AWS's statuses", () => {
  let account: ApiAccount;
  beforeAll(async () => {
    account = await newApiAccount();
  });

  it("NoSuchEntity is 404", async () => {
    const error = await rejectionOf(iamClient(account.rootKey).send(new GetUserCommand({ UserName: "nobody" })));
    expect(error.name).toBe("NoSuchEntityException");
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe("The user with name nobody cannot be found.");
  });

  it("EntityAlreadyExists is 409, and names are unique regardless of case", async () => {
    const iam = iamClient(account.rootKey);
    await iam.send(new CreateUserCommand({ UserName: "Duplicate" }));
    for (const userName of ["Duplicate", "duplicate", "DUPLICATE"]) {
      const error = await rejectionOf(iam.send(new CreateUserCommand({ UserName: userName })));
      expect(error.name).toBe("EntityAlreadyExistsException");
      expect(error.$metadata.httpStatusCode).toBe(409);
      expect(error.message).toBe(`User with name ${userName} already exists.`);
    }
    // Audited as the console's actions are: the creation Allowed, each refusal Failed with its code.
    const events = await db.auditEvent.findMany({ where: { accountId: account.accountId, action: "iam:CreateUser" }, orderBy: { sequence: "asc" } });
    const about = events.filter((event) => event.resource.toLowerCase().endsWith(":user/duplicate"));
    expect(about.map((event) => [event.result, event.errorCode ?? null])).toEqual([
      ["Allowed", null],
      ["Failed", "EntityAlreadyExists"],
      ["Failed", "EntityAlreadyExists"],
      ["Failed", "EntityAlreadyExists"],
    ]);
    for (const event of about) {
      expect(event.door).toBe("api");
      expect(event.userAgent).toContain("aws-sdk-js");
      expect(event.principalArn).toBe(`arn:aws:iam::${account.accountId}:root`);
    }
  });

  it("LimitExceeded is 409: a user has at most two access keys", async () => {
    const iam = iamClient(account.rootKey);
    await iam.send(new CreateUserCommand({ UserName: "keyholder" }));
    await iam.send(new CreateAccessKeyCommand({ UserName: "keyholder" }));
    await iam.send(new CreateAccessKeyCommand({ UserName: "keyholder" }));
    const error = await rejectionOf(iam.send(new CreateAccessKeyCommand({ UserName: "keyholder" })));
    expect(error.name).toBe("LimitExceededException");
    expect(error.$metadata.httpStatusCode).toBe(409);
    // AWS's sentence, which Portcullis follows with advice.
    expect(error.message).toMatch(/^Cannot exceed quota for AccessKeysPerUser: 2\b/);
  });

  it("DeleteConflict is 409: a user in a group, a user with a key, a group with members", async () => {
    const iam = iamClient(account.rootKey);
    await iam.send(new CreateUserCommand({ UserName: "member" }));
    await iam.send(new CreateGroupCommand({ GroupName: "crew" }));
    await iam.send(new AddUserToGroupCommand({ GroupName: "crew", UserName: "member" }));
    const user = await rejectionOf(iam.send(new DeleteUserCommand({ UserName: "member" })));
    expect(user.name).toBe("DeleteConflictException");
    expect(user.$metadata.httpStatusCode).toBe(409);
    const group = await rejectionOf(iam.send(new DeleteGroupCommand({ GroupName: "crew" })));
    expect(group.name).toBe("DeleteConflictException");
    expect(group.$metadata.httpStatusCode).toBe(409);

    await iam.send(new CreateUserCommand({ UserName: "with-key" }));
    await iam.send(new CreateAccessKeyCommand({ UserName: "with-key" }));
    const keyed = await rejectionOf(iam.send(new DeleteUserCommand({ UserName: "with-key" })));
    expect(keyed.name).toBe("DeleteConflictException");
    expect(keyed.$metadata.httpStatusCode).toBe(409);
  });

  it("PasswordPolicyViolation is 400", async () => {
    const iam = iamClient(account.rootKey);
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 20, RequireSymbols: true }));
    await iam.send(new CreateUserCommand({ UserName: "weak-password" }));
    const error = await rejectionOf(iam.send(new CreateLoginProfileCommand({ UserName: "weak-password", Password: "short1A!" })));
    expect(error.name).toBe("PasswordPolicyViolationException");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it("InvalidInput is 400: a tag key in AWS's reserved aws: prefix", async () => {
    const iam = iamClient(account.rootKey);
    await iam.send(new CreateUserCommand({ UserName: "tagged" }));
    const error = await rejectionOf(iam.send(new TagUserCommand({ UserName: "tagged", Tags: [{ Key: "aws:owner", Value: "me" }] })));
    expect(["InvalidInputException", "ValidationError"]).toContain(error.name);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe("AccessDenied", () => {
  let account: ApiAccount;
  let limitedArn: string;
  let limited: Credentials;
  let denied: Credentials;
  beforeAll(async () => {
    account = await newApiAccount();
    limitedArn = `arn:aws:iam::${account.accountId}:user/limited`;
    limited = await userWithPolicy(account, "limited", [{ Effect: "Allow", Action: "iam:GetUser", Resource: limitedArn }]);
    denied = await userWithPolicy(account, "denied", [
      { Sid: "EverythingInIam", Effect: "Allow", Action: "iam:*", Resource: "*" },
      { Sid: "ButNotListingUsers", Effect: "Deny", Action: "iam:ListUsers", Resource: "*" },
    ]);
  });

  it("an IAM user without permission gets 403 and AWS's sentence, and may still do what it is allowed", async () => {
    const iam = iamClient(limited);
    expect((await iam.send(new GetUserCommand({ UserName: "limited" }))).User?.Arn).toBe(limitedArn);

    const error = await rejectionOf(iam.send(new ListUsersCommand({})));
    // IAM's model has no AccessDenied shape: the SDK names the error by its code.
    expect(error.name).toBe("AccessDenied");
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toBe(
      `User: ${limitedArn} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${account.accountId}:user/ because no identity-based policy allows the iam:ListUsers action`,
    );

    const other = await rejectionOf(iam.send(new GetUserCommand({ UserName: "denied" })));
    expect(other.message).toBe(
      `User: ${limitedArn} is not authorized to perform: iam:GetUser on resource: arn:aws:iam::${account.accountId}:user/denied because no identity-based policy allows the iam:GetUser action`,
    );
  });

  it("an explicit deny says so, and the explanation header names the denying policy", async () => {
    const error = await rejectionOf(iamClient(denied).send(new ListUsersCommand({})));
    // IAM's model has no AccessDenied shape: the SDK names the error by its code.
    expect(error.name).toBe("AccessDenied");
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toBe(
      `User: arn:aws:iam::${account.accountId}:user/denied is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${account.accountId}:user/ with an explicit deny in an identity-based policy`,
    );

    // The SDK keeps no headers on its errors: read the raw answer beneath its deserializer.
    const client = iamClient(denied);
    let explanationHeader: string | undefined;
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        explanationHeader = (result.response as { headers?: Record<string, string> }).headers?.["x-portcullis-explanation"];
        return result;
      },
      { step: "deserialize", priority: "low", name: "recordExplanationHeader" },
    );
    await rejectionOf(client.send(new ListUsersCommand({})));
    const explanation = decodeURIComponent(explanationHeader ?? "");
    expect(explanation).toContain("denied-policy");
    expect(explanation).toContain("ButNotListingUsers");

    const raw = await rawQuery("Action=ListUsers&Version=2010-05-08", denied);
    expect(raw.status).toBe(403);
    expect(decodeURIComponent(raw.headers.get("x-portcullis-explanation") ?? "")).toBe(explanation);
  });

  it("the audit log has each call, through the api door, with the SDK's user agent and its result", async () => {
    const events = await db.auditEvent.findMany({ where: { accountId: account.accountId, principalArn: { in: [limitedArn, `arn:aws:iam::${account.accountId}:user/denied`] } }, orderBy: { sequence: "asc" } });
    const byAction = (action: string, result: string) => events.filter((event) => event.action === action && event.result === result);
    expect(byAction("iam:GetUser", "Allowed").length).toBeGreaterThanOrEqual(1);
    expect(byAction("iam:ListUsers", "Denied").length).toBeGreaterThanOrEqual(4);
    expect(byAction("iam:GetUser", "Denied").length).toBeGreaterThanOrEqual(1);
    for (const event of events) {
      expect(event.door).toBe("api");
      expect(event.userAgent ?? "").toBeTruthy();
    }
    const sdkEvents = events.filter((event) => event.userAgent?.includes("aws-sdk-js"));
    // Every event but the raw fetch's (whose user agent is undici's) comes from the SDK.
    expect(sdkEvents.length).toBeGreaterThanOrEqual(events.length - 1);
    const explicit = events.find((event) => event.action === "iam:ListUsers" && event.result === "Denied" && event.principalArn.endsWith(":user/denied"));
    expect(explicit?.errorCode).toBe("AccessDenied");
    expect(explicit?.detail ?? "").toContain("ButNotListingUsers");
  });
});

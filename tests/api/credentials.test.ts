// Credentials through the SDK: access keys (for a named user and for the caller itself, their last
// use), console passwords (login profiles), and an IAM user changing its own password with its own key.

import { beforeAll, describe, expect, it } from "vitest";
import {
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
  UpdateLoginProfileCommand,
} from "@aws-sdk/client-iam";
import { verifyPassword } from "@/lib/auth/password";
import { db, iamClient, newApiAccount, rejectionOf, type ApiAccount, type Credentials } from "./support/apiAccount";

const ACCESS_KEY_ID = /^AKIA[A-Z2-7]{16}$/;

describe("access keys", () => {
  let account: ApiAccount;
  let iam: IAMClient;
  beforeAll(async () => {
    account = await newApiAccount();
    iam = iamClient(account.rootKey);
    await iam.send(new CreateUserCommand({ UserName: "keyed" }));
  });

  it("CreateAccessKey for a user answers AWS's AccessKey, secret included, once", async () => {
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "keyed" }));
    expect(AccessKey).toMatchObject({ UserName: "keyed", Status: "Active" });
    expect(AccessKey?.AccessKeyId).toMatch(ACCESS_KEY_ID);
    expect(AccessKey?.SecretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(AccessKey?.CreateDate).toBeInstanceOf(Date);

    const { AccessKeyMetadata, IsTruncated } = await iam.send(new ListAccessKeysCommand({ UserName: "keyed" }));
    expect(IsTruncated).toBe(false);
    expect(AccessKeyMetadata).toEqual([{ UserName: "keyed", AccessKeyId: AccessKey!.AccessKeyId, Status: "Active", CreateDate: AccessKey!.CreateDate }]);
  });

  it("CreateAccessKey and ListAccessKeys without UserName act on the caller (here the root user)", async () => {
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({}));
    expect(AccessKey?.AccessKeyId).toMatch(ACCESS_KEY_ID);
    expect(AccessKey?.Status).toBe("Active");
    const { AccessKeyMetadata } = await iam.send(new ListAccessKeysCommand({}));
    expect(AccessKeyMetadata?.map((key) => key.AccessKeyId).sort()).toEqual([account.rootKey.accessKeyId, AccessKey!.AccessKeyId].sort());
    // The new key works.
    const fresh = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    expect((await iamClient(fresh).send(new ListUsersCommand({}))).$metadata.httpStatusCode).toBe(200);
    await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: AccessKey!.AccessKeyId! }));
  });

  it("an IAM user creates and lists its own keys with its own key", async () => {
    await iam.send(new CreateUserCommand({ UserName: "self-service" }));
    const arn = `arn:aws:iam::${account.accountId}:user/self-service`;
    const ownKeys = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:CreateAccessKey", "iam:ListAccessKeys"], Resource: arn }] };
    await iam.send(new PutUserPolicyCommand({ UserName: "self-service", PolicyName: "own-keys", PolicyDocument: JSON.stringify(ownKeys) }));
    const { AccessKey: first } = await iam.send(new CreateAccessKeyCommand({ UserName: "self-service" }));
    const own = iamClient({ accessKeyId: first!.AccessKeyId!, secretAccessKey: first!.SecretAccessKey! });
    const { AccessKey: second } = await own.send(new CreateAccessKeyCommand({}));
    expect(second?.UserName).toBe("self-service");
    const { AccessKeyMetadata } = await own.send(new ListAccessKeysCommand({}));
    expect(AccessKeyMetadata?.map((key) => key.AccessKeyId).sort()).toEqual([first!.AccessKeyId, second!.AccessKeyId].sort());
    // Someone else's keys are not its to list.
    const denied = await rejectionOf(own.send(new ListAccessKeysCommand({ UserName: "keyed" })));
    expect(denied.name).toBe("AccessDenied");
    expect(denied.$metadata.httpStatusCode).toBe(403);
  });

  it("ListAccessKeys pages with MaxItems", async () => {
    await iam.send(new CreateUserCommand({ UserName: "two-keys" }));
    const created = [await iam.send(new CreateAccessKeyCommand({ UserName: "two-keys" })), await iam.send(new CreateAccessKeyCommand({ UserName: "two-keys" }))];
    const first = await iam.send(new ListAccessKeysCommand({ UserName: "two-keys", MaxItems: 1 }));
    expect(first.AccessKeyMetadata).toHaveLength(1);
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toEqual(expect.any(String));
    const second = await iam.send(new ListAccessKeysCommand({ UserName: "two-keys", MaxItems: 1, Marker: first.Marker }));
    expect(second.AccessKeyMetadata).toHaveLength(1);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
    const listed = [...first.AccessKeyMetadata!, ...second.AccessKeyMetadata!].map((key) => key.AccessKeyId).sort();
    expect(listed).toEqual(created.map((answer) => answer.AccessKey!.AccessKeyId).sort());
  });

  it("UpdateAccessKey changes the status ListAccessKeys shows; DeleteAccessKey removes it", async () => {
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "keyed" }));
    const id = AccessKey!.AccessKeyId!;
    await iam.send(new UpdateAccessKeyCommand({ UserName: "keyed", AccessKeyId: id, Status: "Inactive" }));
    const listed = await iam.send(new ListAccessKeysCommand({ UserName: "keyed" }));
    expect(listed.AccessKeyMetadata?.find((key) => key.AccessKeyId === id)?.Status).toBe("Inactive");
    await iam.send(new DeleteAccessKeyCommand({ UserName: "keyed", AccessKeyId: id }));
    const after = await iam.send(new ListAccessKeysCommand({ UserName: "keyed" }));
    expect(after.AccessKeyMetadata?.some((key) => key.AccessKeyId === id)).toBe(false);
    const again = await rejectionOf(iam.send(new DeleteAccessKeyCommand({ UserName: "keyed", AccessKeyId: id })));
    expect(again.name).toBe("NoSuchEntityException");
    expect(again.$metadata.httpStatusCode).toBe(404);
  });

  it("GetAccessKeyLastUsed: N/A before use; after a call, its date, service iam and the signing region", async () => {
    await iam.send(new CreateUserCommand({ UserName: "traveller" }));
    const arn = `arn:aws:iam::${account.accountId}:user/traveller`;
    await iam.send(
      new PutUserPolicyCommand({
        UserName: "traveller",
        PolicyName: "read-self",
        PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: arn }] }),
      }),
    );
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "traveller" }));
    const unused = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: AccessKey!.AccessKeyId! }));
    expect(unused.UserName).toBe("traveller");
    expect(unused.AccessKeyLastUsed).toEqual({ ServiceName: "N/A", Region: "N/A" });

    const before = Date.now();
    const key: Credentials = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    // A denied call is still a use of the key, as in AWS.
    await rejectionOf(iamClient(key, "ap-southeast-2").send(new ListUsersCommand({})));
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: AccessKey!.AccessKeyId! }));
    expect(used.UserName).toBe("traveller");
    expect(used.AccessKeyLastUsed?.ServiceName).toBe("iam");
    expect(used.AccessKeyLastUsed?.Region).toBe("ap-southeast-2");
    expect(used.AccessKeyLastUsed?.LastUsedDate?.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);

    const missing = await rejectionOf(iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: "AKIAAAAAAAAAAAAAAAAA" })));
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });
});

describe("login profiles and ChangePassword", () => {
  let account: ApiAccount;
  let iam: IAMClient;
  beforeAll(async () => {
    account = await newApiAccount();
    iam = iamClient(account.rootKey);
  });

  it("CreateLoginProfile, GetLoginProfile, UpdateLoginProfile and DeleteLoginProfile", async () => {
    await iam.send(new CreateUserCommand({ UserName: "console-user" }));
    const missing = await rejectionOf(iam.send(new GetLoginProfileCommand({ UserName: "console-user" })));
    expect(missing.name).toBe("NoSuchEntityException");
    expect(missing.$metadata.httpStatusCode).toBe(404);

    const { LoginProfile } = await iam.send(new CreateLoginProfileCommand({ UserName: "console-user", Password: "Correct-Horse-42-battery", PasswordResetRequired: true }));
    expect(LoginProfile).toMatchObject({ UserName: "console-user", PasswordResetRequired: true });
    expect(LoginProfile?.CreateDate).toBeInstanceOf(Date);
    const twice = await rejectionOf(iam.send(new CreateLoginProfileCommand({ UserName: "console-user", Password: "Another-Horse-42-battery" })));
    expect(twice.name).toBe("EntityAlreadyExistsException");
    expect(twice.$metadata.httpStatusCode).toBe(409);

    const got = await iam.send(new GetLoginProfileCommand({ UserName: "console-user" }));
    expect(got.LoginProfile).toEqual({ UserName: "console-user", CreateDate: LoginProfile!.CreateDate, PasswordResetRequired: true });

    await iam.send(new UpdateLoginProfileCommand({ UserName: "console-user", Password: "Updated-Horse-43-battery", PasswordResetRequired: false }));
    expect((await iam.send(new GetLoginProfileCommand({ UserName: "console-user" }))).LoginProfile?.PasswordResetRequired).toBe(false);
    const profile = await db.loginProfile.findFirstOrThrow({ where: { user: { accountId: account.accountId, name: "console-user" } } });
    expect(await verifyPassword(profile.passwordHash, "Updated-Horse-43-battery")).toBe(true);

    await iam.send(new DeleteLoginProfileCommand({ UserName: "console-user" }));
    expect((await rejectionOf(iam.send(new GetLoginProfileCommand({ UserName: "console-user" })))).name).toBe("NoSuchEntityException");
  });

  it("an IAM user with a password changes it with ChangePassword, through its own access key", async () => {
    await iam.send(new CreateUserCommand({ UserName: "changer" }));
    await iam.send(new CreateLoginProfileCommand({ UserName: "changer", Password: "First-Password-11!" }));
    const arn = `arn:aws:iam::${account.accountId}:user/changer`;
    await iam.send(
      new PutUserPolicyCommand({
        UserName: "changer",
        PolicyName: "change-own-password",
        PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:ChangePassword", Resource: arn }] }),
      }),
    );
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "changer" }));
    const own = iamClient({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });

    const wrongOld = await rejectionOf(own.send(new ChangePasswordCommand({ OldPassword: "not-the-password", NewPassword: "Second-Password-22!" })));
    expect(wrongOld.$metadata.httpStatusCode).toBeGreaterThanOrEqual(400);
    expect(wrongOld.$metadata.httpStatusCode).toBeLessThan(500);

    const changed = await own.send(new ChangePasswordCommand({ OldPassword: "First-Password-11!", NewPassword: "Second-Password-22!" }));
    expect(changed.$metadata.httpStatusCode).toBe(200);
    const profile = await db.loginProfile.findFirstOrThrow({ where: { user: { accountId: account.accountId, name: "changer" } } });
    expect(await verifyPassword(profile.passwordHash, "Second-Password-22!")).toBe(true);
    expect(await verifyPassword(profile.passwordHash, "First-Password-11!")).toBe(false);
  });

  it("ChangePassword by the root user is InvalidUserType (400), as AWS answers: it is for IAM users", async () => {
    const error = await rejectionOf(iam.send(new ChangePasswordCommand({ OldPassword: "whatever-1A!", NewPassword: "Whatever-2B!x" })));
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.name).toBe("InvalidUserTypeException");
  });
});

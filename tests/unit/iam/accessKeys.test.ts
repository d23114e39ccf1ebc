// Access keys: two per user, the caller's own by default, a secret returned once and kept only
// sealed, and nothing of the secret in any listing, error or audit event.

import { beforeAll, describe, expect, it } from "vitest";
import { open } from "@/lib/auth/crypto";
import { ACCESS_KEY_SECRET_PURPOSE } from "@/lib/auth/secretPurposes";
import { CreateAccessKey, DeleteAccessKey, GetAccessKeyLastUsed, ListAccessKeys, UpdateAccessKey } from "@/lib/iam/credentials/accessKeys";
import { AccessDeniedError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { auditEvents, createAccount, createUser, db, managed, type TestAccount } from "./support/fixtures";

let acct: TestAccount;

// AWS's documented "manage your own access keys" policy, scoped with ${aws:username}.
const OWN_KEYS = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: ["iam:CreateAccessKey", "iam:ListAccessKeys", "iam:UpdateAccessKey", "iam:DeleteAccessKey", "iam:GetAccessKeyLastUsed"],
      Resource: "arn:aws:iam::*:user/${aws:username}",
    },
  ],
};

beforeAll(async () => {
  acct = await createAccount();
});

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as Error & { code?: string });

describe("CreateAccessKey", () => {
  it("returns the secret once, stores only its sealed form, and never lists it", async () => {
    const alice = await createUser(acct.accountId, "alice-keys");
    const { AccessKey } = await execute(CreateAccessKey, { UserName: "alice-keys" }, acct.root);
    expect(AccessKey).toMatchObject({ UserName: "alice-keys", Status: "Active" });
    expect(AccessKey.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(AccessKey.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);

    const row = await db.accessKey.findUniqueOrThrow({ where: { id: AccessKey.AccessKeyId } });
    expect(row.userId).toBe(alice.userId);
    expect(row.secretCiphertext).not.toContain(AccessKey.SecretAccessKey);
    expect(open(row.secretCiphertext, ACCESS_KEY_SECRET_PURPOSE)).toBe(AccessKey.SecretAccessKey);

    const listed = await execute(ListAccessKeys, { UserName: "alice-keys" }, acct.root);
    expect(listed.AccessKeyMetadata).toEqual([{ UserName: "alice-keys", AccessKeyId: AccessKey.AccessKeyId, Status: "Active", CreateDate: row.createdAt }]);
    expect(JSON.stringify(listed)).not.toContain(AccessKey.SecretAccessKey);

    const events = await auditEvents(acct.accountId);
    expect(events.some((e) => e.action === "iam:CreateAccessKey" && e.result === "Allowed")).toBe(true);
    expect(JSON.stringify(events)).not.toContain(AccessKey.SecretAccessKey);
  });

  it("allows two keys per user and refuses a third with LimitExceeded, writing nothing", async () => {
    await createUser(acct.accountId, "bob-keys");
    await execute(CreateAccessKey, { UserName: "bob-keys" }, acct.root);
    await execute(CreateAccessKey, { UserName: "bob-keys" }, acct.root);
    const error = await failure(execute(CreateAccessKey, { UserName: "bob-keys" }, acct.root));
    expect(error?.code).toBe("LimitExceeded");
    expect(error?.message).toContain("AccessKeysPerUser: 2");
    expect((await execute(ListAccessKeys, { UserName: "bob-keys" }, acct.root)).AccessKeyMetadata).toHaveLength(2);
    const [failed] = await auditEvents(acct.accountId, "iam:CreateAccessKey").then((events) => events.filter((e) => e.result === "Failed"));
    expect(failed).toMatchObject({ errorCode: "LimitExceeded" });
  });

  it("gives the root user keys of its own when no UserName is given", async () => {
    const own = await createAccount("Root keys");
    const { AccessKey } = await execute(CreateAccessKey, {}, own.root);
    expect(AccessKey.UserName).toBeUndefined();
    const row = await db.accessKey.findUniqueOrThrow({ where: { id: AccessKey.AccessKeyId } });
    expect(row).toMatchObject({ rootAccountId: own.accountId, userId: null });
    expect((await execute(ListAccessKeys, {}, own.root)).AccessKeyMetadata.map((k) => k.AccessKeyId)).toEqual([AccessKey.AccessKeyId]);
  });
});

describe("managing one's own keys with an ${aws:username} policy", () => {
  it("lets a user create, deactivate, reactivate and delete their own keys without naming themselves", async () => {
    const carol = await createUser(acct.accountId, "carol-keys", { inline: { OwnKeys: OWN_KEYS } });
    const { AccessKey } = await execute(CreateAccessKey, {}, carol);
    expect(AccessKey.UserName).toBe("carol-keys");
    await execute(UpdateAccessKey, { AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" }, carol);
    expect((await execute(ListAccessKeys, {}, carol)).AccessKeyMetadata[0]!.Status).toBe("Inactive");
    await execute(UpdateAccessKey, { AccessKeyId: AccessKey.AccessKeyId, Status: "Active" }, carol);
    expect(await execute(GetAccessKeyLastUsed, { AccessKeyId: AccessKey.AccessKeyId }, carol)).toEqual({
      UserName: "carol-keys",
      AccessKeyLastUsed: { ServiceName: "N/A", Region: "N/A" },
    });
    await execute(DeleteAccessKey, { AccessKeyId: AccessKey.AccessKeyId }, carol);
    expect((await execute(ListAccessKeys, {}, carol)).AccessKeyMetadata).toEqual([]);
  });

  it("denies another user's keys, and finds no key of another owner under one's own name", async () => {
    const dave = await createUser(acct.accountId, "dave-keys", { inline: { OwnKeys: OWN_KEYS } });
    await createUser(acct.accountId, "erin-keys");
    const { AccessKey } = await execute(CreateAccessKey, { UserName: "erin-keys" }, acct.root);

    expect(await failure(execute(CreateAccessKey, { UserName: "erin-keys" }, dave))).toBeInstanceOf(AccessDeniedError);
    expect(await failure(execute(ListAccessKeys, { UserName: "erin-keys" }, dave))).toBeInstanceOf(AccessDeniedError);
    expect(await failure(execute(GetAccessKeyLastUsed, { AccessKeyId: AccessKey.AccessKeyId }, dave))).toBeInstanceOf(AccessDeniedError);
    // Without UserName the request is about dave's own keys, where erin's key does not exist.
    const notFound = await failure(execute(DeleteAccessKey, { AccessKeyId: AccessKey.AccessKeyId }, dave));
    expect(notFound?.code).toBe("NoSuchEntity");
    expect(notFound?.message).toBe(`The Access Key with id ${AccessKey.AccessKeyId} cannot be found.`);
    expect(await db.accessKey.count({ where: { id: AccessKey.AccessKeyId } })).toBe(1);
    // An administrator naming the wrong owner finds nothing either.
    expect((await failure(execute(UpdateAccessKey, { UserName: "dave-keys", AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" }, acct.root)))?.code).toBe("NoSuchEntity");
  });

  it("lets an administrator with IAMFullAccess manage another user's keys", async () => {
    const admin = await createUser(acct.accountId, "key-admin", { policies: [managed("IAMFullAccess")] });
    await createUser(acct.accountId, "frank-keys");
    const { AccessKey } = await execute(CreateAccessKey, { UserName: "frank-keys" }, admin);
    await execute(UpdateAccessKey, { UserName: "frank-keys", AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" }, admin);
    await execute(DeleteAccessKey, { UserName: "frank-keys", AccessKeyId: AccessKey.AccessKeyId }, admin);
    expect(await db.accessKey.count({ where: { id: AccessKey.AccessKeyId } })).toBe(0);
  });

  it("refuses a status other than Active or Inactive", async () => {
    const error = await failure(execute(UpdateAccessKey, { AccessKeyId: "AKIAAAAAAAAAAAAAAAAAA", Status: "Deleted" }, acct.root));
    expect(error?.code).toBe("ValidationError");
    expect(error?.message).toContain("Status must be Active or Inactive");
  });
});

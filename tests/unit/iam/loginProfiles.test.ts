import { beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { CreateLoginProfile, DeleteLoginProfile, GetLoginProfile, UpdateLoginProfile } from "@/lib/iam/credentials/loginProfiles";
import { execute } from "@/lib/iam/core/operation";
import { auditEvents, createAccount, createUser, db, expectIamError, rowCounts, type TestAccount } from "./support/fixtures";

const PASSWORD = "Correct-Horse-7";
let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

async function storedHash(userId: string) {
  return (await db.loginProfile.findUniqueOrThrow({ where: { userId } })).passwordHash;
}

describe("CreateLoginProfile", () => {
  it("stores an argon2id hash, never the password, and the audit event holds no password", async () => {
    const user = await createUser(acct.accountId, "alice");
    const { LoginProfile } = await execute(CreateLoginProfile, { UserName: "alice", Password: PASSWORD, PasswordResetRequired: true }, acct.root);
    expect(LoginProfile).toMatchObject({ UserName: "alice", PasswordResetRequired: true });
    expect(JSON.stringify(LoginProfile)).not.toContain(PASSWORD);
    const hash = await storedHash(user.userId);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, PASSWORD)).toBe(true);
    const events = await auditEvents(acct.accountId);
    expect(events.map((e) => e.result)).toEqual(["Allowed"]);
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });

  it("refuses a second login profile", async () => {
    await createUser(acct.accountId, "alice", { loginProfile: true });
    await expectIamError(execute(CreateLoginProfile, { UserName: "alice", Password: PASSWORD }, acct.root), "EntityAlreadyExists", "Login Profile for user alice already exists.");
  });

  it("applies the account's password policy without echoing the password anywhere", async () => {
    await createUser(acct.accountId, "alice");
    await db.passwordPolicy.create({ data: { accountId: acct.accountId, minimumPasswordLength: 14, requireNumbers: true, requireSymbols: true } });
    const weak = "onlyletterslong";
    const before = await rowCounts();
    const error = await expectIamError(execute(CreateLoginProfile, { UserName: "alice", Password: weak }, acct.root), "PasswordPolicyViolation", /number/);
    expect(error.message).toMatch(/symbol/);
    expect(error.message).not.toContain(weak);
    expect(await rowCounts()).toEqual(before);
    const events = await auditEvents(acct.accountId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ result: "Failed", errorCode: "PasswordPolicyViolation" });
    expect(JSON.stringify(events)).not.toContain(weak);
  });

  it("requires at least 8 characters when the account has no password policy", async () => {
    await createUser(acct.accountId, "alice");
    await expectIamError(execute(CreateLoginProfile, { UserName: "alice", Password: "Ab1!" }, acct.root), "PasswordPolicyViolation", /at least 8 characters/);
  });

  it("rejects characters outside AWS's password alphabet as a ValidationError that names no password", async () => {
    await createUser(acct.accountId, "alice");
    const error = await expectIamError(execute(CreateLoginProfile, { UserName: "alice", Password: "Emoji-🙂-pass1" }, acct.root), "ValidationError", /^Password:/);
    expect(error.message).not.toContain("Emoji");
  });

  it("reports a missing user", async () => {
    await expectIamError(execute(CreateLoginProfile, { UserName: "ghost", Password: PASSWORD }, acct.root), "NoSuchEntity", /ghost cannot be found/);
  });
});

describe("GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile", () => {
  it("reads, changes and removes a login profile", async () => {
    const user = await createUser(acct.accountId, "bob");
    await execute(CreateLoginProfile, { UserName: "bob", Password: PASSWORD }, acct.root);
    expect((await execute(GetLoginProfile, { UserName: "bob" }, acct.root)).LoginProfile.PasswordResetRequired).toBe(false);

    await execute(UpdateLoginProfile, { UserName: "bob", Password: "Another-Secret-9", PasswordResetRequired: true }, acct.root);
    expect(await verifyPassword(await storedHash(user.userId), "Another-Secret-9")).toBe(true);
    expect((await execute(GetLoginProfile, { UserName: "bob" }, acct.root)).LoginProfile.PasswordResetRequired).toBe(true);

    await execute(DeleteLoginProfile, { UserName: "bob" }, acct.root);
    await expectIamError(execute(GetLoginProfile, { UserName: "bob" }, acct.root), "NoSuchEntity", "Login profile for user bob cannot be found.");
    expect(JSON.stringify(await auditEvents(acct.accountId))).not.toContain("Another-Secret-9");
  });

  it("changes only the reset flag when no password is given", async () => {
    const user = await createUser(acct.accountId, "bob");
    await execute(CreateLoginProfile, { UserName: "bob", Password: PASSWORD }, acct.root);
    const hash = await storedHash(user.userId);
    await execute(UpdateLoginProfile, { UserName: "bob", PasswordResetRequired: true }, acct.root);
    expect(await storedHash(user.userId)).toBe(hash);
  });

  it("refuses a weak new password and keeps the old one", async () => {
    const user = await createUser(acct.accountId, "bob");
    await execute(CreateLoginProfile, { UserName: "bob", Password: PASSWORD }, acct.root);
    const hash = await storedHash(user.userId);
    await expectIamError(execute(UpdateLoginProfile, { UserName: "bob", Password: "short" }, acct.root), "PasswordPolicyViolation");
    expect(await storedHash(user.userId)).toBe(hash);
  });

  it("reports a user without a login profile", async () => {
    await createUser(acct.accountId, "carol");
    await expectIamError(execute(UpdateLoginProfile, { UserName: "carol", PasswordResetRequired: true }, acct.root), "NoSuchEntity", /Login profile for user carol/);
    await expectIamError(execute(DeleteLoginProfile, { UserName: "carol" }, acct.root), "NoSuchEntity", /Login profile for user carol/);
  });
});

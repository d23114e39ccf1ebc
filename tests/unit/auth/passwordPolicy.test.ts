// The account password policy: its operations and ranges, and its enforcement wherever a password is
// set (CreateLoginProfile, UpdateLoginProfile, ChangePassword): character rules, reuse prevention,
// AllowUsersToChangePassword (an audited grant that an explicit Deny still overrides) and HardExpiry.

import { describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { passwordExpiry } from "@/lib/auth/passwordExpiry";
import { db } from "@/lib/db/client";
import { AccessDeniedError, isIamError } from "@/lib/iam/core/errors";
import { CreateLoginProfile, UpdateLoginProfile } from "@/lib/iam/credentials/loginProfiles";
import { execute } from "@/lib/iam/core/operation";
import { DeleteAccountPasswordPolicy, GetAccountPasswordPolicy, UpdateAccountPasswordPolicy } from "@/lib/iam/account/passwordPolicy";
import { ALLOW_USERS_TO_CHANGE_PASSWORD } from "@/lib/iam/account/passwordPolicyGrants";
import { ChangePassword, HARD_EXPIRY_MESSAGE } from "@/lib/iam/credentials/passwords";
import { rootArn } from "@/lib/auth/principal";
import { makeAccount, makeUser, REQUEST } from "./fixtures";

let counter = 0;
async function account(): Promise<{ accountId: string; root: Caller }> {
  const accountId = await makeAccount({ email: `policy-${++counter}@example.com`, password: "Root-pass-1" });
  return { accountId, root: { kind: "root", accountId, arn: rootArn(accountId), mfaAuthenticated: false, ...REQUEST } };
}

async function user(accountId: string, name: string, options: { password?: string; policy?: object } = {}): Promise<Caller> {
  const made = await makeUser(accountId, name, options);
  return { kind: "user", accountId, arn: made.arn, userId: made.id, userName: name, mfaAuthenticated: false, ...REQUEST };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isIamError(error)) throw new Error(`expected an IamError, got ${String(error)}`);
  return error;
}

describe("the password policy operations", () => {
  it("has no policy at first, then exactly what was set, with AWS's defaults for what was left out", async () => {
    const { root } = await account();
    expect((await refusal(execute(GetAccountPasswordPolicy, {}, root))).code).toBe("NoSuchEntity");
    await execute(UpdateAccountPasswordPolicy, { MinimumPasswordLength: 14, RequireSymbols: true, MaxPasswordAge: 90, HardExpiry: true, PasswordReusePrevention: 3 }, root);
    expect((await execute(GetAccountPasswordPolicy, {}, root)).PasswordPolicy).toEqual({
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      HardExpiry: true,
      PasswordReusePrevention: 3,
    });
    // An update replaces the whole policy, as AWS's API does.
    await execute(UpdateAccountPasswordPolicy, { RequireNumbers: true }, root);
    expect((await execute(GetAccountPasswordPolicy, {}, root)).PasswordPolicy).toMatchObject({ MinimumPasswordLength: 6, RequireSymbols: false, RequireNumbers: true, ExpirePasswords: false });
    await execute(DeleteAccountPasswordPolicy, {}, root);
    expect((await refusal(execute(DeleteAccountPasswordPolicy, {}, root))).code).toBe("NoSuchEntity");
  });

  it.each([
    [{ MinimumPasswordLength: 5 }, "MinimumPasswordLength: must be at least 6"],
    [{ MinimumPasswordLength: 129 }, "MinimumPasswordLength: must be at most 128"],
    [{ MaxPasswordAge: 0 }, "MaxPasswordAge: must be at least 1 day"],
    [{ MaxPasswordAge: 1096 }, "MaxPasswordAge: must be at most 1095 days"],
    [{ PasswordReusePrevention: 25 }, "PasswordReusePrevention: must be at most 24"],
  ])("refuses %o outside AWS's ranges", async (input, message) => {
    const { root } = await account();
    const error = await refusal(execute(UpdateAccountPasswordPolicy, input, root));
    expect(error.code).toBe("ValidationError");
    expect(error.message).toContain(message);
  });
});

describe("enforcing the policy wherever a password is set", () => {
  it("applies the rules to CreateLoginProfile and UpdateLoginProfile", async () => {
    const { accountId, root } = await account();
    await execute(UpdateAccountPasswordPolicy, { MinimumPasswordLength: 12, RequireNumbers: true, RequireSymbols: true }, root);
    await makeUser(accountId, "newhire");
    const weak = await refusal(execute(CreateLoginProfile, { UserName: "newhire", Password: "short-1!" }, root));
    expect(weak.code).toBe("PasswordPolicyViolation");
    expect(weak.message).toBe("The password must be at least 12 characters long.");
    await execute(CreateLoginProfile, { UserName: "newhire", Password: "long-enough-1!" }, root);
    const noSymbol = await refusal(execute(UpdateLoginProfile, { UserName: "newhire", Password: "longenough1234" }, root));
    expect(noSymbol.message).toContain("include a symbol");
  });

  it("refuses the last N passwords (the current one included) and accepts older ones", async () => {
    const { accountId, root } = await account();
    await execute(UpdateAccountPasswordPolicy, { MinimumPasswordLength: 8, PasswordReusePrevention: 2, AllowUsersToChangePassword: true }, root);
    await makeUser(accountId, "rotator");
    await execute(CreateLoginProfile, { UserName: "rotator", Password: "First-pass-1" }, root);
    await execute(UpdateLoginProfile, { UserName: "rotator", Password: "Second-pass-2" }, root);
    const reused = await refusal(execute(UpdateLoginProfile, { UserName: "rotator", Password: "First-pass-1" }, root));
    expect(reused.code).toBe("PasswordPolicyViolation");
    expect(reused.message).toContain("one of your last 2 passwords");
    expect(reused.message).not.toContain("First-pass-1");

    const rotator = { ...(await db.user.findFirstOrThrow({ where: { accountId, name: "rotator" } })) };
    const caller: Caller = { kind: "user", accountId, arn: rotator.arn, userId: rotator.id, userName: rotator.name, mfaAuthenticated: false };
    await execute(ChangePassword, { OldPassword: "Second-pass-2", NewPassword: "Third-pass-3" }, caller);
    expect((await refusal(execute(ChangePassword, { OldPassword: "Third-pass-3", NewPassword: "Second-pass-2" }, caller))).code).toBe("PasswordPolicyViolation");
    // First-pass-1 is now three passwords back: allowed again.
    await execute(ChangePassword, { OldPassword: "Third-pass-3", NewPassword: "First-pass-1" }, caller);
    expect(await db.passwordHistory.count({ where: { userId: rotator.id } })).toBe(4);
  });
});

describe("AllowUsersToChangePassword", () => {
  it("lets a user without any policy change their own password, audited as allowed by the account setting", async () => {
    const { accountId, root } = await account();
    const plain = await user(accountId, "plain", { password: "Original-pass-1" });
    expect(await refusal(execute(ChangePassword, { OldPassword: "Original-pass-1", NewPassword: "Changed-pass-2" }, plain))).toBeInstanceOf(AccessDeniedError);

    await execute(UpdateAccountPasswordPolicy, { AllowUsersToChangePassword: true }, root);
    await execute(ChangePassword, { OldPassword: "Original-pass-1", NewPassword: "Changed-pass-2" }, plain);
    expect((await execute(GetAccountPasswordPolicy, {}, plain)).PasswordPolicy.AllowUsersToChangePassword).toBe(true);
    const events = await db.auditEvent.findMany({ where: { accountId, action: "iam:ChangePassword" }, orderBy: { time: "asc" } });
    expect(events.map((e) => e.result)).toEqual(["Denied", "Allowed"]);
    expect(JSON.stringify(events)).not.toMatch(/pass-\d/);
  });

  it("still yields to an explicit Deny in the user's own policies", async () => {
    const { accountId, root } = await account();
    await execute(UpdateAccountPasswordPolicy, { AllowUsersToChangePassword: true }, root);
    const denied = await user(accountId, "locked", {
      password: "Original-pass-1",
      policy: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "iam:ChangePassword", Resource: "*" }] },
    });
    const error = await refusal(execute(ChangePassword, { OldPassword: "Original-pass-1", NewPassword: "Changed-pass-2" }, denied));
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect((error as AccessDeniedError).explanation.decidedBy.map((ref) => [ref.policy, ref.effect])).toEqual([["inline (inline, user locked)", "Deny"]]);
  });

  it("grants only the user's own password: it never reaches another user's", async () => {
    const { accountId, root } = await account();
    await execute(UpdateAccountPasswordPolicy, { AllowUsersToChangePassword: true }, root);
    const mallory = await user(accountId, "mallory", { password: "Original-pass-1" });
    await makeUser(accountId, "victim", { password: "Victim-pass-1" });
    expect(await refusal(execute(UpdateLoginProfile, { UserName: "victim", Password: "Taken-over-1" }, mallory))).toBeInstanceOf(AccessDeniedError);
    expect(ALLOW_USERS_TO_CHANGE_PASSWORD).toContain("AllowUsersToChangePassword");
  });
});

describe("password expiry", () => {
  const DAY = 24 * 60 * 60 * 1000;
  it("expires a password MaxPasswordAge days after it was set, hard or soft", () => {
    const set = new Date("2026-01-01T00:00:00Z");
    expect(passwordExpiry(set, { maxPasswordAge: 30 }, new Date(set.getTime() + 29 * DAY))).toBe("current");
    expect(passwordExpiry(set, { maxPasswordAge: 30 }, new Date(set.getTime() + 30 * DAY))).toBe("expired");
    expect(passwordExpiry(set, { maxPasswordAge: 30, hardExpiry: true }, new Date(set.getTime() + 31 * DAY))).toBe("expired-administrator-reset");
    expect(passwordExpiry(set, { maxPasswordAge: null }, new Date(set.getTime() + 5000 * DAY))).toBe("current");
    expect(passwordExpiry(set, null)).toBe("current");
  });

  it("under HardExpiry, refuses an expired password's owner and accepts an administrator's reset", async () => {
    const { accountId, root } = await account();
    await execute(UpdateAccountPasswordPolicy, { AllowUsersToChangePassword: true, MaxPasswordAge: 30, HardExpiry: true }, root);
    const expired = await user(accountId, "expired", { password: "Original-pass-1" });
    await db.loginProfile.update({ where: { userId: expired.userId! }, data: { passwordChangedAt: new Date(Date.now() - 31 * DAY) } });
    const error = await refusal(execute(ChangePassword, { OldPassword: "Original-pass-1", NewPassword: "Changed-pass-2" }, expired));
    expect(error.message).toBe(HARD_EXPIRY_MESSAGE);

    await execute(UpdateLoginProfile, { UserName: "expired", Password: "Admin-reset-3", PasswordResetRequired: true }, root);
    await execute(ChangePassword, { OldPassword: "Admin-reset-3", NewPassword: "Changed-pass-2" }, expired);
  });
});

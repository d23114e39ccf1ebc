import { beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { isIamError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { ChangePassword } from "@/lib/iam/credentials/passwords";
import { makeAccount, makeUser, REQUEST } from "./fixtures";

const OLD = "Original-pass-1";
let accountId: string;

// What AWS's IAMUserChangePassword managed policy grants: changing one's own password.
const CHANGE_OWN_PASSWORD = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "iam:ChangePassword", Resource: "arn:aws:iam::*:user/${aws:username}" }],
};

beforeAll(async () => {
  accountId = await makeAccount({ email: "pw-owner@example.com", password: "Root-pass-1" });
});

let counter = 0;
async function userCaller(options: { policy?: object; passwordResetRequired?: boolean } = {}) {
  const user = await makeUser(accountId, `user${++counter}`, { password: OLD, policy: CHANGE_OWN_PASSWORD, ...options });
  const caller: Caller = { kind: "user", accountId, arn: user.arn, userId: user.id, userName: user.name, mfaAuthenticated: false, ...REQUEST };
  return { user, caller };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isIamError(error)) throw new Error(`expected an IamError, got ${String(error)}`);
  return error;
}

const profileOf = (userId: string) => db.loginProfile.findUniqueOrThrow({ where: { userId } });

describe("ChangePassword", () => {
  it("changes the password, clears a required reset and records when", async () => {
    const { user, caller } = await userCaller({ passwordResetRequired: true });
    const before = await profileOf(user.id);
    await execute(ChangePassword, { OldPassword: OLD, NewPassword: "Brand-new-pass-2" }, caller);
    const after = await profileOf(user.id);
    expect(after.passwordResetRequired).toBe(false);
    expect(after.passwordChangedAt.getTime()).toBeGreaterThanOrEqual(before.passwordChangedAt.getTime());
    expect(await verifyPassword(after.passwordHash, "Brand-new-pass-2")).toBe(true);
    expect(await verifyPassword(after.passwordHash, OLD)).toBe(false);
  });

  it("refuses a wrong current password and leaves the password unchanged", async () => {
    const { user, caller } = await userCaller({ passwordResetRequired: true });
    const error = await refusal(execute(ChangePassword, { OldPassword: "Not-the-old-1", NewPassword: "Brand-new-pass-2" }, caller));
    expect(error.message).toBe("The current password is incorrect.");
    const profile = await profileOf(user.id);
    expect(profile.passwordResetRequired).toBe(true);
    expect(await verifyPassword(profile.passwordHash, OLD)).toBe(true);
  });

  it("applies AWS's default rules when the account has no password policy", async () => {
    const { caller } = await userCaller();
    const error = await refusal(execute(ChangePassword, { OldPassword: OLD, NewPassword: "short" }, caller));
    expect(error.code).toBe("PasswordPolicyViolation");
    expect(error.message).toContain("at least 8 characters");
  });

  it("applies the account's password policy", async () => {
    await db.passwordPolicy.create({ data: { accountId, minimumPasswordLength: 14, requireSymbols: true, requireNumbers: true } });
    try {
      const { caller } = await userCaller();
      const error = await refusal(execute(ChangePassword, { OldPassword: OLD, NewPassword: "longbutplainpassword" }, caller));
      expect(error.code).toBe("PasswordPolicyViolation");
      expect(error.message).toBe("The password must include a number (0-9); include a symbol such as ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '.");
      await execute(ChangePassword, { OldPassword: OLD, NewPassword: "long-enough-pass-77" }, caller);
    } finally {
      await db.passwordPolicy.delete({ where: { accountId } });
    }
  });

  it("refuses a new password equal to the current one", async () => {
    const { caller } = await userCaller();
    const error = await refusal(execute(ChangePassword, { OldPassword: OLD, NewPassword: OLD }, caller));
    expect(error.code).toBe("PasswordPolicyViolation");
    expect(error.message).toContain("different");
  });

  it("is denied without iam:ChangePassword, as any operation", async () => {
    const { caller } = await userCaller({ policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }] } });
    const error = await refusal(execute(ChangePassword, { OldPassword: OLD, NewPassword: "Brand-new-pass-2" }, caller));
    expect(error.code).toBe("AccessDenied");
  });

  it("is for IAM users only", async () => {
    const root: Caller = { kind: "root", accountId, arn: `arn:aws:iam::${accountId}:root`, mfaAuthenticated: false };
    const error = await refusal(execute(ChangePassword, { OldPassword: "Root-pass-1", NewPassword: "Brand-new-pass-2" }, root));
    expect(error.code).toBe("InvalidUserType");
  });

  it("audits every attempt without either password", async () => {
    const { caller } = await userCaller();
    await refusal(execute(ChangePassword, { OldPassword: "Wrong-old-pass-3", NewPassword: "Audited-new-4" }, caller));
    await execute(ChangePassword, { OldPassword: OLD, NewPassword: "Audited-new-5" }, caller);
    const events = await db.auditEvent.findMany({ where: { action: "iam:ChangePassword", principalArn: caller.arn }, orderBy: { time: "asc" } });
    expect(events.map((e) => [e.result, e.resource])).toEqual([
      ["Failed", caller.arn],
      ["Allowed", caller.arn],
    ]);
    const text = JSON.stringify(events);
    for (const secret of [OLD, "Wrong-old-pass-3", "Audited-new-4", "Audited-new-5"]) expect(text).not.toContain(secret);
  });
});

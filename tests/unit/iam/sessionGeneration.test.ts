// Which changes end a principal's console sessions: each advances its session generation in the
// change's own transaction (so a refused change ends nothing), and session.ts then refuses every
// token stamped with the older one. RevokeUserSessions is an administrator's action like any other:
// decided by the engine and audited; ending one's own sessions needs no policy.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import type { SessionClaims } from "@/lib/auth/options";
import { hashPassword } from "@/lib/auth/password";
import { loadPrincipal } from "@/lib/auth/session";
import { timeStepAt, totpCodeAt } from "@/lib/auth/totp";
import { AccessDeniedError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { DeleteLoginProfile, SetConsolePassword, UpdateLoginProfile } from "@/lib/iam/credentials/loginProfiles";
import { CreateVirtualMFADevice, DeactivateMFADevice, EnableMFADevice } from "@/lib/iam/credentials/mfa";
import { ChangePassword } from "@/lib/iam/credentials/passwords";
import { RevokeUserSessions, SIGN_OUT_OWN_SESSIONS } from "@/lib/iam/credentials/sessions";
import { DeleteUserWithDependents } from "@/lib/iam/users/deletion";
import { auditEvents, createAccount, createUser, db, expectIamError, managed, type TestAccount } from "./support/fixtures";

// TOTP codes are computed for the current step: start one second into a fresh step.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(Math.ceil(Date.now() / 30_000) * 30_000 + 1_000);
});
afterEach(() => {
  vi.useRealTimers();
});

const PASSWORD = "Current-Pass-1";

async function generationOf(user: { userId: string }) {
  return (await db.user.findUniqueOrThrow({ where: { id: user.userId } })).sessionGeneration;
}

async function rootGeneration(acct: TestAccount) {
  return (await db.rootUser.findUniqueOrThrow({ where: { accountId: acct.accountId } })).sessionGeneration;
}

/** The claims of a session this user signed in to just now, at the generation the database has. */
async function sessionOf(user: Caller & { userId: string }): Promise<SessionClaims> {
  return { kind: "user", accountId: user.accountId!, arn: user.arn, userId: user.userId, userName: user.userName!, authTime: Date.now(), mfa: false, generation: await generationOf(user) };
}

async function setup() {
  const acct = await createAccount();
  const admin = await createUser(acct.accountId, "admin", { policies: [managed("IAMFullAccess")] });
  const bob = await createUser(acct.accountId, "bob", { loginProfile: true, policies: [managed("IAMUserChangePassword")] });
  await db.loginProfile.update({ where: { userId: bob.userId }, data: { passwordHash: await hashPassword(PASSWORD) } });
  return { acct, admin, bob };
}

async function enrollFor(caller: Caller, deviceName: string, userName?: string) {
  const owner = userName ? { UserName: userName } : {};
  const { VirtualMFADevice: device } = await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: deviceName, ...owner }, caller);
  const step = timeStepAt();
  const codes = { AuthenticationCode1: await totpCodeAt(device.Base32StringSeed, step - 1), AuthenticationCode2: await totpCodeAt(device.Base32StringSeed, step) };
  await execute(EnableMFADevice, { SerialNumber: device.SerialNumber, ...owner, ...codes }, caller);
  return device.SerialNumber;
}

describe("changes that end a user's sessions", () => {
  it("ends them when the user changes their own password, and a session from before is refused", async () => {
    const { bob } = await setup();
    const before = await sessionOf(bob);
    expect(await loadPrincipal(before)).toMatchObject({ kind: "user", userName: "bob" });
    await execute(ChangePassword, { OldPassword: PASSWORD, NewPassword: "Chosen-Pass-2" }, bob);
    expect(await generationOf(bob)).toBe(before.generation! + 1);
    expect(await loadPrincipal(before)).toBeUndefined();
    expect(await loadPrincipal(await sessionOf(bob))).toMatchObject({ userName: "bob" });
  });

  it("ends nothing when the change is refused: its transaction rolls back", async () => {
    const { bob } = await setup();
    await expectIamError(execute(ChangePassword, { OldPassword: "Wrong-Pass-9", NewPassword: "Chosen-Pass-2" }, bob), "InvalidInput");
    expect(await generationOf(bob)).toBe(0);
  });

  it("ends them when an administrator resets the password (UpdateLoginProfile, SetConsolePassword), but not for the reset flag alone", async () => {
    const { admin, bob } = await setup();
    await execute(UpdateLoginProfile, { UserName: "bob", PasswordResetRequired: true }, admin);
    expect(await generationOf(bob)).toBe(0);
    await execute(UpdateLoginProfile, { UserName: "bob", Password: "Reset-By-Admin-3" }, admin);
    expect(await generationOf(bob)).toBe(1);
    await execute(SetConsolePassword, { UserName: "bob", PasswordResetRequired: true }, admin);
    expect(await generationOf(bob)).toBe(2);
    // The administrator's own sessions are untouched.
    expect(await generationOf(admin)).toBe(0);
  });

  it("ends them when the login profile is deleted", async () => {
    const { admin, bob } = await setup();
    const before = await sessionOf(bob);
    await execute(DeleteLoginProfile, { UserName: "bob" }, admin);
    expect(await generationOf(bob)).toBe(1);
    expect(await loadPrincipal(before)).toBeUndefined();
  });

  it("ends the device owner's sessions when an MFA device is enabled or deactivated", async () => {
    const { admin, bob } = await setup();
    const serial = await enrollFor(admin, "bob-phone", "bob");
    expect(await generationOf(bob)).toBe(1);
    await execute(DeactivateMFADevice, { UserName: "bob", SerialNumber: serial }, admin);
    expect(await generationOf(bob)).toBe(2);
    expect(await generationOf(admin)).toBe(0);
  });

  it("ends the root user's sessions when root enables or deactivates its own device", async () => {
    const acct = await createAccount();
    const serial = await enrollFor(acct.root, "root-phone");
    expect(await rootGeneration(acct)).toBe(1);
    const rootClaims: SessionClaims = { kind: "root", accountId: acct.accountId, arn: acct.root.arn, authTime: Date.now(), mfa: true, generation: 0 };
    expect(await loadPrincipal(rootClaims)).toBeUndefined();
    expect(await loadPrincipal({ ...rootClaims, generation: 1 })).toMatchObject({ kind: "root" });
    await execute(DeactivateMFADevice, { SerialNumber: serial }, { ...acct.root, mfaAuthenticated: true });
    expect(await rootGeneration(acct)).toBe(2);
  });

  it("leaves a deleted user no session: the token names a unique ID that is never reused", async () => {
    const { admin, bob } = await setup();
    const before = await sessionOf(bob);
    await execute(DeleteUserWithDependents, { UserName: "bob" }, admin);
    await createUser(bob.accountId!, "bob");
    expect(await loadPrincipal(before)).toBeUndefined();
  });
});

describe("RevokeUserSessions", () => {
  it("lets an administrator end a user's sessions, audited", async () => {
    const { acct, admin, bob } = await setup();
    const before = await sessionOf(bob);
    await execute(RevokeUserSessions, { UserName: "bob" }, admin);
    expect(await loadPrincipal(before)).toBeUndefined();
    expect(await generationOf(admin)).toBe(0);
    expect((await auditEvents(acct.accountId, "iam:RevokeUserSessions")).at(-1)).toMatchObject({ principalArn: admin.arn, resource: bob.arn, result: "Allowed" });
  });

  it("is denied to read-only and no-policy users, and ends nothing", async () => {
    const { acct, bob } = await setup();
    const reader = await createUser(acct.accountId, "reader", { policies: [managed("IAMReadOnlyAccess")] });
    const nobody = await createUser(acct.accountId, "nobody");
    for (const caller of [reader, nobody]) {
      const error = await execute(RevokeUserSessions, { UserName: "bob" }, caller).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AccessDeniedError);
      expect((error as AccessDeniedError).action).toBe("iam:RevokeUserSessions");
    }
    expect(await generationOf(bob)).toBe(0);
    expect((await auditEvents(acct.accountId, "iam:RevokeUserSessions")).map((e) => e.result)).toEqual(["Denied", "Denied"]);
  });

  it("lets anyone end their own sessions without a policy, unless a policy explicitly denies it", async () => {
    const { acct, bob } = await setup();
    await execute(RevokeUserSessions, {}, bob);
    await execute(RevokeUserSessions, { UserName: "BOB" }, bob);
    expect(await generationOf(bob)).toBe(2);
    const denied = await createUser(acct.accountId, "denied", {
      inline: { NoSignOut: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "iam:RevokeUserSessions", Resource: "*" }] } },
    });
    const error = (await execute(RevokeUserSessions, {}, denied).catch((e: unknown) => e)) as AccessDeniedError;
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(error.explanation.summary).toMatch(/explicit/i);
    expect(await generationOf(denied)).toBe(0);
    // The grant names only the caller's own ARN.
    const other = (await execute(RevokeUserSessions, { UserName: "admin" }, bob).catch((e: unknown) => e)) as AccessDeniedError;
    expect(other).toBeInstanceOf(AccessDeniedError);
    expect(JSON.stringify(other.explanation)).not.toContain(SIGN_OUT_OWN_SESSIONS);
  });

  it("lets the root user end its own sessions", async () => {
    const acct = await createAccount();
    await execute(RevokeUserSessions, {}, acct.root);
    expect(await rootGeneration(acct)).toBe(1);
  });
});

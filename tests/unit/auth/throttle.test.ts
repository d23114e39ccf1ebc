// Brute-force protection for every password or code check, counted from the audit log (so every app
// instance agrees), always with the one generic sign-in message, and audited. Lockouts hold one
// principal at one address only: nobody can lock someone else out.

import { beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { INCORRECT_CREDENTIALS, SIGN_IN_ACTION, signInIamUser, signInRoot, TOO_MANY_ATTEMPTS } from "@/lib/auth/signIn";
import { THROTTLE_RULES, THROTTLED, throttledUntil } from "@/lib/auth/throttle";
import { db } from "@/lib/db/client";
import { execute } from "@/lib/iam/core/operation";
import { ChangePassword } from "@/lib/iam/credentials/passwords";
import { UnlockLoginProfile } from "@/lib/iam/credentials/signInLockouts";
import { GetLoginProfile } from "@/lib/iam/credentials/loginProfiles";
import { makeAccount, makeUser } from "./fixtures";

const MINUTE = 60_000;
const now = new Date("2026-06-01T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("throttledUntil", () => {
  const pair = THROTTLE_RULES.principalAtAddress;

  it("lets the first failures through, then backs off with doubling pauses", () => {
    expect(throttledUntil([ago(1000), ago(2000)], pair, now)).toBeUndefined();
    expect(throttledUntil([ago(1000), ago(2000), ago(3000)], pair, now)).toEqual({ kind: "backoff", until: new Date(now.getTime() + 1000) });
    expect(throttledUntil([ago(1000), ago(2000), ago(3000), ago(4000)], pair, now)).toEqual({ kind: "backoff", until: new Date(now.getTime() + 3000) });
    // The pause has passed: the next attempt may go ahead.
    expect(throttledUntil([ago(10_000), ago(11_000), ago(12_000)], pair, now)).toBeUndefined();
  });

  it("locks one principal at one address out for 15 minutes after 5 failures within 15 minutes", () => {
    const five = [1, 2, 3, 4, 5].map((m) => ago(m * MINUTE));
    expect(throttledUntil(five, pair, now)).toEqual({ kind: "lockout", until: new Date(now.getTime() + 14 * MINUTE) });
    // Spread over more than the window, they are not a run.
    expect(throttledUntil([1, 4, 8, 12, 17].map((m) => ago(m * MINUTE)), pair, now)?.kind).not.toBe("lockout");
    // The lockout ends on time.
    expect(throttledUntil([16, 17, 18, 19, 20].map((m) => ago(m * MINUTE)), pair, now)).toBeUndefined();
  });

  it("only ever slows a principal as a whole, by a few seconds at most, however many failures there are", () => {
    const many = Array.from({ length: 50 }, (_, i) => ago(i * 100));
    const decision = throttledUntil(many, THROTTLE_RULES.principal, now);
    expect(decision?.kind).toBe("backoff");
    expect(decision!.until.getTime() - now.getTime()).toBeLessThanOrEqual(THROTTLE_RULES.principal.maxBackoffMs);
    expect(THROTTLE_RULES.principal.maxBackoffMs).toBeLessThanOrEqual(5_000);
  });
});

describe("sign-in throttling", () => {
  const password = "Right-pass-1";
  let accountId: string;

  beforeAll(async () => {
    accountId = await makeAccount({ email: "throttle-root@example.com", password });
  });

  const request = (ip: string) => ({ sourceIp: ip, userAgent: "vitest-agent" });
  const events = (arn: string) => db.auditEvent.findMany({ where: { principalArn: arn, action: SIGN_IN_ACTION }, orderBy: { sequence: "asc" } });

  /** Failed attempts written into the past, as if made earlier: nobody waits through a backoff in a test. */
  async function pastFailures(principalArn: string, count: number, ip: string, olderThanMs = 10_000) {
    for (let i = 0; i < count; i++) {
      await db.auditEvent.create({
        data: { accountId, principalArn, action: SIGN_IN_ACTION, resource: principalArn, result: "Failed", errorCode: "FailedAuthentication", sourceIp: ip, time: new Date(Date.now() - olderThanMs - i * 1000) },
      });
    }
  }

  it("locks a user out from the address the failures came from: the right password then fails there, with the same message, audited", async () => {
    const user = await makeUser(accountId, "target", { password });
    await pastFailures(user.arn, 5, "198.51.100.1");
    const attempt = await signInIamUser({ account: accountId, userName: "target", password }, request("198.51.100.1"));
    expect(attempt).toEqual({ ok: false, reason: "throttled", message: TOO_MANY_ATTEMPTS });
    const refusal = (await events(user.arn)).at(-1)!;
    expect(refusal).toMatchObject({ accountId, result: "Failed", errorCode: THROTTLED, sourceIp: "198.51.100.1" });
    expect(refusal.errorMessage).toContain("Temporarily locked out");
    expect(refusal.errorMessage).toContain("from this source IP address");
    expect(refusal.errorMessage).not.toContain(password);
  });

  it("never locks the owner out: failures sent from anywhere else leave the user's own address free", async () => {
    const user = await makeUser(accountId, "victim", { password });
    // An attacker's guesses from three addresses, enough to lock each of them out.
    for (const ip of ["203.0.113.10", "203.0.113.11", "203.0.113.12"]) await pastFailures(user.arn, 6, ip);
    expect((await signInIamUser({ account: accountId, userName: "victim", password }, request("192.0.2.55"))).ok).toBe(true);
    // The attacker's addresses stay locked.
    expect((await signInIamUser({ account: accountId, userName: "victim", password }, request("203.0.113.10"))).ok).toBe(false);
  });

  it("counts only failures since the principal's last successful sign-in from that address", async () => {
    const user = await makeUser(accountId, "forgetful", { password });
    await pastFailures(user.arn, 4, "198.51.100.3");
    await db.auditEvent.create({ data: { accountId, principalArn: user.arn, action: SIGN_IN_ACTION, resource: user.arn, result: "Allowed", sourceIp: "198.51.100.3", time: new Date(Date.now() - 1000) } });
    expect((await signInIamUser({ account: accountId, userName: "forgetful", password }, request("198.51.100.3"))).ok).toBe(true);
  });

  it("throttles the root user by its ARN and address too", async () => {
    const root = await makeAccount({ email: "locked-root@example.com", password });
    const arn = `arn:aws:iam::${root}:root`;
    // Plain wrong passwords say only that the credentials were incorrect, not "too many attempts".
    for (let i = 0; i < 3; i++) {
      expect(await signInRoot({ email: "locked-root@example.com", password: "Wrong-pass-1" }, request("192.0.2.9"))).toEqual({ ok: false, reason: "incorrect", message: INCORRECT_CREDENTIALS });
    }
    // The third failure from this address started a pause: the right password is refused until it passes.
    expect(await signInRoot({ email: "locked-root@example.com", password }, request("192.0.2.9"))).toEqual({ ok: false, reason: "throttled", message: TOO_MANY_ATTEMPTS });
    expect((await events(arn)).map((e) => e.errorCode)).toEqual(["FailedAuthentication", "FailedAuthentication", "FailedAuthentication", THROTTLED]);
  });

  it("locks out a source IP after 20 failures, whichever names it tried, known or not", async () => {
    const ip = "203.0.113.200";
    for (let i = 0; i < THROTTLE_RULES.sourceIp.lockoutAfter; i++) {
      await db.auditEvent.create({
        data: { principalArn: "anonymous", action: SIGN_IN_ACTION, resource: "*", result: "Failed", errorCode: "FailedAuthentication", sourceIp: ip, time: new Date(Date.now() - (i + 1) * 1000) },
      });
    }
    const user = await makeUser(accountId, "bystander", { password });
    expect(await signInIamUser({ account: accountId, userName: "bystander", password }, request(ip))).toEqual({ ok: false, reason: "throttled", message: TOO_MANY_ATTEMPTS });
    expect((await events(user.arn)).at(-1)!.errorMessage).toContain("for this source IP address");
    // The same user from another address is unaffected.
    expect((await signInIamUser({ account: accountId, userName: "bystander", password }, request("203.0.113.201"))).ok).toBe(true);
  });

  it("refuses a password longer than AWS's 128 characters as a failure, like any wrong password", async () => {
    await makeUser(accountId, "longpass", { password });
    expect(await signInIamUser({ account: accountId, userName: "longpass", password: "x".repeat(129) }, request("198.51.100.90"))).toEqual({ ok: false, reason: "incorrect", message: INCORRECT_CREDENTIALS });
  });
});

describe("the other password and code checks count with sign-in", () => {
  const password = "Right-pass-1";
  let accountId: string;
  let root: Caller;

  beforeAll(async () => {
    accountId = await makeAccount({ email: "oracle-root@example.com", password });
    root = { kind: "root", accountId, arn: `arn:aws:iam::${accountId}:root`, mfaAuthenticated: false };
  });

  const callerFor = (user: { id: string; arn: string; name: string }, sourceIp: string): Caller => ({
    kind: "user",
    accountId,
    arn: user.arn,
    userId: user.id,
    userName: user.name,
    mfaAuthenticated: false,
    sourceIp,
  });
  const selfService = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:ChangePassword", "iam:GetLoginProfile"], Resource: "*" }] };
  const outcome = (promise: Promise<unknown>) => promise.then(() => "ok", (error: { code?: string }) => error.code);

  it("throttles ChangePassword's current-password check, and its failures lock sign-in from that address", async () => {
    const user = await makeUser(accountId, "guesser", { password, policy: selfService });
    const caller = callerFor(user, "198.51.100.40");
    for (let i = 0; i < 3; i++) expect(await outcome(execute(ChangePassword, { OldPassword: `Wrong-guess-${i}`, NewPassword: "Brand-new-pass-9" }, caller))).toBe("InvalidInput");
    // The fourth guess is refused unchecked, even the right password.
    expect(await outcome(execute(ChangePassword, { OldPassword: password, NewPassword: "Brand-new-pass-9" }, caller))).toBe("LimitExceeded");
    // Two wrong sign-ins from the same address make five failures: locked out there.
    for (let i = 0; i < 2; i++) {
      await db.auditEvent.create({
        data: { accountId, principalArn: user.arn, action: SIGN_IN_ACTION, resource: user.arn, result: "Failed", errorCode: "FailedAuthentication", sourceIp: "198.51.100.40", time: new Date(Date.now() - 60_000) },
      });
    }
    // Ten seconds later, past the few seconds the principal as a whole is slowed by:
    await db.auditEvent.updateMany({ where: { principalArn: user.arn, time: { gt: new Date(Date.now() - 30_000) } }, data: { time: new Date(Date.now() - 10_000) } });
    expect((await signInIamUser({ account: accountId, userName: "guesser", password }, { sourceIp: "198.51.100.40" })).ok).toBe(false);
    expect((await signInIamUser({ account: accountId, userName: "guesser", password }, { sourceIp: "198.51.100.41" })).ok).toBe(true);
  });

  it("shows an administrator the lockout, and UnlockLoginProfile (iam:UpdateLoginProfile, audited) ends it", async () => {
    const user = await makeUser(accountId, "lockedout", { password });
    for (let i = 0; i < 5; i++) {
      await db.auditEvent.create({
        data: { accountId, principalArn: user.arn, action: SIGN_IN_ACTION, resource: user.arn, result: "Failed", errorCode: "FailedAuthentication", sourceIp: "198.51.100.50", time: new Date(Date.now() - 30_000 - i * 1000) },
      });
    }
    const { LoginProfile } = await execute(GetLoginProfile, { UserName: "lockedout", IncludeConsoleColumns: true }, root);
    expect(LoginProfile.ConsoleColumns?.SignIn.Addresses).toEqual([expect.objectContaining({ SourceIp: "198.51.100.50", Kind: "lockout" })]);
    expect((await signInIamUser({ account: accountId, userName: "lockedout", password }, { sourceIp: "198.51.100.50" })).ok).toBe(false);

    // A user without iam:UpdateLoginProfile cannot unlock anyone.
    const other = await makeUser(accountId, "peer", { password });
    expect(await outcome(execute(UnlockLoginProfile, { UserName: "lockedout" }, callerFor(other, "192.0.2.1")))).toBe("AccessDenied");

    await execute(UnlockLoginProfile, { UserName: "lockedout" }, root);
    const unlock = await db.auditEvent.findFirst({ where: { accountId, action: "iam:UpdateLoginProfile", resource: user.arn, result: "Allowed" } });
    expect(unlock).toMatchObject({ principalArn: root.arn });
    expect((await execute(GetLoginProfile, { UserName: "lockedout", IncludeConsoleColumns: true }, root)).LoginProfile.ConsoleColumns?.SignIn.Addresses).toEqual([]);
    expect((await signInIamUser({ account: accountId, userName: "lockedout", password }, { sourceIp: "198.51.100.50" })).ok).toBe(true);
  });
});

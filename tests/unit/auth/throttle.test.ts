// Brute-force protection: backoff, then lockout, per principal and per source IP, counted from the
// audit log (so every app instance agrees), always with the one generic message, and audited.

import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { INCORRECT_CREDENTIALS, SIGN_IN_ACTION, signInIamUser, signInRoot } from "@/lib/auth/signIn";
import { THROTTLE_RULES, THROTTLED, throttledUntil } from "@/lib/auth/throttle";
import { makeAccount, makeUser } from "./fixtures";

const MINUTE = 60_000;
const now = new Date("2026-06-01T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("throttledUntil", () => {
  const rule = THROTTLE_RULES.principal;

  it("lets the first failures through, then backs off with doubling pauses", () => {
    expect(throttledUntil([ago(1000), ago(2000)], rule, now)).toBeUndefined();
    expect(throttledUntil([ago(1000), ago(2000), ago(3000)], rule, now)).toEqual({ kind: "backoff", until: new Date(now.getTime() + 1000) });
    expect(throttledUntil([ago(1000), ago(2000), ago(3000), ago(4000)], rule, now)).toEqual({ kind: "backoff", until: new Date(now.getTime() + 3000) });
    // The pause has passed: the next attempt may go ahead.
    expect(throttledUntil([ago(10_000), ago(11_000), ago(12_000)], rule, now)).toBeUndefined();
  });

  it("locks out for 15 minutes after 5 failures within 15 minutes", () => {
    const five = [1, 2, 3, 4, 5].map((m) => ago(m * MINUTE));
    expect(throttledUntil(five, rule, now)).toEqual({ kind: "lockout", until: new Date(now.getTime() + 14 * MINUTE) });
    // Spread over more than the window, they are not a run.
    expect(throttledUntil([1, 4, 8, 12, 17].map((m) => ago(m * MINUTE)), rule, now)?.kind).not.toBe("lockout");
    // The lockout ends on time.
    expect(throttledUntil([16, 17, 18, 19, 20].map((m) => ago(m * MINUTE)), rule, now)).toBeUndefined();
  });
});

describe("sign-in throttling", () => {
  const password = "Right-pass-1";
  let accountId: string;

  beforeAll(async () => {
    accountId = await makeAccount({ email: "throttle-root@example.com", password });
  });

  const request = (ip: string) => ({ sourceIp: ip, userAgent: "vitest-agent" });
  const failures = (arn: string) => db.auditEvent.findMany({ where: { principalArn: arn, action: SIGN_IN_ACTION, result: "Failed" }, orderBy: { time: "asc" } });

  /** Failed attempts written into the past, as if made earlier: nobody waits through a backoff in a test. */
  async function pastFailures(principalArn: string, count: number, ip: string) {
    for (let i = 0; i < count; i++) {
      await db.auditEvent.create({
        data: { accountId, principalArn, action: SIGN_IN_ACTION, resource: principalArn, result: "Failed", errorCode: "FailedAuthentication", sourceIp: ip, time: new Date(Date.now() - (i + 1) * MINUTE) },
      });
    }
  }

  it("locks an IAM user out after 5 failures: even the right password then fails, with the same message, and the refusal is audited", async () => {
    const user = await makeUser(accountId, "target", { password });
    await pastFailures(user.arn, 5, "198.51.100.1");
    const attempt = await signInIamUser({ account: accountId, userName: "target", password }, request("198.51.100.2"));
    expect(attempt).toEqual({ ok: false, message: INCORRECT_CREDENTIALS });
    expect(INCORRECT_CREDENTIALS).toBe("Incorrect credentials, or too many attempts: wait and try again");
    const refusal = (await failures(user.arn)).at(-1)!;
    expect(refusal).toMatchObject({ accountId, errorCode: THROTTLED, sourceIp: "198.51.100.2" });
    expect(refusal.errorMessage).toContain("Temporarily locked out");
    expect(refusal.errorMessage).not.toContain(password);
  });

  it("counts only failures since the principal's last successful sign-in", async () => {
    const user = await makeUser(accountId, "forgetful", { password });
    await pastFailures(user.arn, 4, "198.51.100.3");
    await db.auditEvent.create({ data: { accountId, principalArn: user.arn, action: SIGN_IN_ACTION, resource: user.arn, result: "Allowed", time: new Date(Date.now() - 1000) } });
    const attempt = await signInIamUser({ account: accountId, userName: "forgetful", password }, request("198.51.100.3"));
    expect(attempt.ok).toBe(true);
  });

  it("throttles the root user by its ARN too", async () => {
    const root = await makeAccount({ email: "locked-root@example.com", password });
    const arn = `arn:aws:iam::${root}:root`;
    for (let i = 0; i < 3; i++) expect((await signInRoot({ email: "locked-root@example.com", password: "Wrong-pass-1" }, request(`192.0.2.${i}`))).ok).toBe(false);
    // The third failure started a pause: the right password is refused until it passes.
    expect(await signInRoot({ email: "locked-root@example.com", password }, request("192.0.2.9"))).toEqual({ ok: false, message: INCORRECT_CREDENTIALS });
    expect((await failures(arn)).map((e) => e.errorCode)).toEqual(["FailedAuthentication", "FailedAuthentication", "FailedAuthentication", THROTTLED]);
  });

  it("locks out a source IP after 20 failures, whichever names it tried, known or not", async () => {
    const ip = "203.0.113.200";
    for (let i = 0; i < THROTTLE_RULES.sourceIp.lockoutAfter; i++) {
      await db.auditEvent.create({
        data: { principalArn: "anonymous", action: SIGN_IN_ACTION, resource: "*", result: "Failed", errorCode: "FailedAuthentication", sourceIp: ip, time: new Date(Date.now() - (i + 1) * 1000) },
      });
    }
    const user = await makeUser(accountId, "bystander", { password });
    expect(await signInIamUser({ account: accountId, userName: "bystander", password }, request(ip))).toEqual({ ok: false, message: INCORRECT_CREDENTIALS });
    expect((await failures(user.arn)).at(-1)!.errorMessage).toContain("this source IP address");
    // The same user from another address is unaffected.
    expect((await signInIamUser({ account: accountId, userName: "bystander", password }, request("203.0.113.201"))).ok).toBe(true);
  });
});

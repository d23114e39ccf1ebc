// Guesses sent at the same moment: the throttle counts checks still under way (claims), so a burst
// of wrong passwords or codes gets no more checks than guesses one after another would, however
// many arrive at once. Claims of a process that died stop counting after a short while, and the
// existing rules still hold: a lockout is one principal at one address, nobody else's.

import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as mfaCodes from "@/lib/auth/mfaCodes";
import { FAILED_MFA, verifyMfaSignIn } from "@/lib/auth/mfaSignIn";
import * as password from "@/lib/auth/password";
import type { SessionPrincipal } from "@/lib/auth/principal";
import { INCORRECT_CREDENTIALS, SIGN_IN_ACTION, signInIamUser, signInRoot, TOO_MANY_ATTEMPTS } from "@/lib/auth/signIn";
import { CLAIM_LIFETIME_MS, THROTTLE_RULES, THROTTLED } from "@/lib/auth/throttle";
import { timeStepAt, totpCodeAt } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { makeAccount, makeUser } from "./fixtures";

// Count the checks that really ran: every argon2 verify (the decoy's too) and every code consumed.
vi.mock("@/lib/auth/password", async (original) => {
  const actual = await original<typeof import("@/lib/auth/password")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
vi.mock("@/lib/auth/mfaCodes", async (original) => {
  const actual = await original<typeof import("@/lib/auth/mfaCodes")>();
  return { ...actual, consumeCode: vi.fn(actual.consumeCode) };
});

const verifyCalls = () => vi.mocked(password.verifyPassword).mock.calls.length;
const codeChecks = () => vi.mocked(mfaCodes.consumeCode).mock.calls.length;

const PASSWORD = "Right-pass-1";
const BURST = 20;
const request = (ip: string) => ({ sourceIp: ip, userAgent: "vitest-burst" });
const signInEvents = (principalArn: string) => db.auditEvent.findMany({ where: { principalArn, action: SIGN_IN_ACTION }, orderBy: { sequence: "asc" } });
const byCode = (events: { errorCode: string | null }[], code: string) => events.filter((event) => event.errorCode === code).length;

let accountId: string;

beforeAll(async () => {
  accountId = await makeAccount({ email: "burst-root@example.com", password: PASSWORD });
});

// The clock stands still during a burst: on a busy machine a burst can outlast the first backoff
// (2 s), after which one more check is allowed, as it would be one guess after another. It stands
// at the start of a TOTP time step, so a right code stays right throughout.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Math.ceil(Date.now() / 30_000) * 30_000 + 1_000);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Failed sign-ins written into the past, long enough ago that their backoff is over. */
async function pastFailures(principalArn: string, count: number, ip: string) {
  for (let i = 0; i < count; i++) {
    await db.auditEvent.create({
      data: { accountId, principalArn, action: SIGN_IN_ACTION, resource: principalArn, result: "Failed", errorCode: "FailedAuthentication", sourceIp: ip, time: new Date(Date.now() - 5 * 60_000 - i * 1000) },
    });
  }
}

describe("a burst of simultaneous wrong passwords", () => {
  it("gets no more password checks than the throttle allows one after another; the rest are refused as throttled, audited, uncounted", async () => {
    const user = await makeUser(accountId, "burst-target", { password: PASSWORD });
    const before = verifyCalls();
    const results = await Promise.all(
      Array.from({ length: BURST }, (_, i) => signInIamUser({ account: accountId, userName: "burst-target", password: `Wrong-pass-${i}` }, request("198.51.100.20"))),
    );
    const checked = verifyCalls() - before;
    // Three failures start the backoff: guesses one after another would get three checks, then wait.
    expect(checked).toBe(THROTTLE_RULES.principalAtAddress.backoffAfter);
    expect(checked).toBeLessThanOrEqual(THROTTLE_RULES.principalAtAddress.lockoutAfter);
    expect(results.filter((r) => !r.ok && r.reason === "incorrect")).toHaveLength(checked);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(BURST - checked);
    expect(results.every((r) => !r.ok && (r.message === INCORRECT_CREDENTIALS || r.message === TOO_MANY_ATTEMPTS))).toBe(true);
    const events = await signInEvents(user.arn);
    expect(byCode(events, "FailedAuthentication")).toBe(checked);
    expect(byCode(events, THROTTLED)).toBe(BURST - checked);
    // Every claim turned into its outcome: none is left to count.
    expect(await db.authenticatorAttempt.count({ where: { principalArn: user.arn } })).toBe(0);
  });

  it("cannot get past a lockout: one check reaches the fifth failure, then even the right password is refused there, but not from another address", async () => {
    const user = await makeUser(accountId, "burst-locked", { password: PASSWORD });
    await pastFailures(user.arn, THROTTLE_RULES.principalAtAddress.lockoutAfter - 1, "198.51.100.21");
    const before = verifyCalls();
    await Promise.all(Array.from({ length: BURST }, () => signInIamUser({ account: accountId, userName: "burst-locked", password: "Wrong-pass-0" }, request("198.51.100.21"))));
    expect(verifyCalls() - before).toBe(1);

    const right = { account: accountId, userName: "burst-locked", password: PASSWORD };
    expect(await signInIamUser(right, request("198.51.100.21"))).toEqual({ ok: false, reason: "throttled", message: TOO_MANY_ATTEMPTS });
    expect((await signInEvents(user.arn)).at(-1)!.errorMessage).toContain("Temporarily locked out");
    // Failures from anywhere only slow the principal as a whole, by a few seconds: past those, its
    // owner signs in from elsewhere while the guessing address stays locked out.
    vi.setSystemTime(Date.now() + THROTTLE_RULES.principal.maxBackoffMs + 1_000);
    expect(await signInIamUser(right, request("192.0.2.55"))).toMatchObject({ ok: true });
    vi.setSystemTime(Date.now() + 60_000);
    expect(await signInIamUser(right, request("198.51.100.21"))).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("holds for the root user too", async () => {
    const before = verifyCalls();
    await Promise.all(Array.from({ length: BURST }, () => signInRoot({ email: "burst-root@example.com", password: "Wrong-pass-0" }, request("198.51.100.22"))));
    expect(verifyCalls() - before).toBe(THROTTLE_RULES.principalAtAddress.backoffAfter);
    expect(await signInRoot({ email: "burst-root@example.com", password: PASSWORD }, request("198.51.100.22"))).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("throttles guesses at unknown names by address, each still costing the decoy's verify, never more of them than the address rule allows", async () => {
    const before = verifyCalls();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signInIamUser({ account: accountId, userName: `nobody-${i}`, password: "Wrong-pass-0" }, request("198.51.100.23"))),
    );
    const checked = verifyCalls() - before;
    expect(checked).toBe(THROTTLE_RULES.sourceIp.backoffAfter);
    expect(results.filter((r) => !r.ok && r.reason === "incorrect")).toHaveLength(checked);
    expect(await db.authenticatorAttempt.count({ where: { sourceIp: "198.51.100.23" } })).toBe(0);
  });
});

describe("claims under way", () => {
  const claims = (principalArn: string, ip: string, count: number, ageMs: number) =>
    db.authenticatorAttempt.createMany({ data: Array.from({ length: count }, () => ({ principalArn, sourceIp: ip, startedAt: new Date(Date.now() - ageMs) })) });

  it("count as failures while they are live: five checks under way lock the sixth out, even with the right password", async () => {
    const user = await makeUser(accountId, "claimed-live", { password: PASSWORD });
    await claims(user.arn, "198.51.100.30", THROTTLE_RULES.principalAtAddress.lockoutAfter, 1_000);
    expect(await signInIamUser({ account: accountId, userName: "claimed-live", password: PASSWORD }, request("198.51.100.30"))).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("stop counting once older than their lifetime (a process died mid-check), and the next claim removes them", async () => {
    const user = await makeUser(accountId, "claimed-stale", { password: PASSWORD });
    await claims(user.arn, "198.51.100.31", 10, CLAIM_LIFETIME_MS + 1_000);
    expect(await signInIamUser({ account: accountId, userName: "claimed-stale", password: PASSWORD }, request("198.51.100.31"))).toMatchObject({ ok: true });
    expect(await db.authenticatorAttempt.count({ where: { principalArn: user.arn } })).toBe(0);
  });

  it("a right password with an MFA step to come leaves no claim behind", async () => {
    const user = await makeUser(accountId, "claimed-mfa", { password: PASSWORD });
    await db.mfaDevice.create({
      data: { accountId, serialNumber: `arn:aws:iam::${accountId}:mfa/claimed-mfa`, name: "claimed-mfa", secretCiphertext: mfaCodes.newSeed().sealed, enabledAt: new Date(), userId: user.id },
    });
    expect(await signInIamUser({ account: accountId, userName: "claimed-mfa", password: PASSWORD }, request("198.51.100.32"))).toMatchObject({ ok: true, mfaRequired: true });
    expect(await db.authenticatorAttempt.count({ where: { principalArn: user.arn } })).toBe(0);
  });
});

describe("a burst of simultaneous wrong MFA codes", () => {
  it("gets no more code checks than the throttle allows; then even the right code is refused from that address", async () => {
    const user = await makeUser(accountId, "burst-mfa", { password: PASSWORD });
    const { seed, sealed } = mfaCodes.newSeed();
    await db.mfaDevice.create({ data: { accountId, serialNumber: `arn:aws:iam::${accountId}:mfa/burst-mfa`, name: "burst-mfa", secretCiphertext: sealed, enabledAt: new Date(), userId: user.id } });
    const principal: SessionPrincipal = { kind: "user", accountId, arn: user.arn, userId: user.id, userName: user.name };
    const step = timeStepAt();
    const accepted = new Set(await Promise.all([step - 1, step, step + 1].map((s) => totpCodeAt(seed, s))));
    const wrong = Array.from({ length: 1000 }, (_, i) => String(i).padStart(6, "0")).find((code) => !accepted.has(code))!;

    const before = codeChecks();
    const results = await Promise.all(Array.from({ length: BURST }, () => verifyMfaSignIn(principal, wrong, request("198.51.100.40"))));
    const checked = codeChecks() - before;
    expect(checked).toBe(THROTTLE_RULES.principalAtAddress.backoffAfter);
    expect(results.every((r) => !r.ok)).toBe(true);
    const events = await signInEvents(user.arn);
    expect(byCode(events, FAILED_MFA)).toBe(checked);
    expect(byCode(events, THROTTLED)).toBe(BURST - checked);
    expect(await verifyMfaSignIn(principal, await totpCodeAt(seed, step), request("198.51.100.40"))).toEqual({ ok: false });
    expect(await db.authenticatorAttempt.count({ where: { principalArn: user.arn } })).toBe(0);
  });
});

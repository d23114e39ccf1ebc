// Brute-force protection for every password or code check (OWASP ASVS 5.0 V6.3.1, NIST SP 800-63B
// 5.2.2): sign-in, the MFA code step, ChangePassword's current password, and the codes of MFA
// enrollment and resync all count together as one principal's authenticator failures.
//
// Nobody can lock someone else out: a lockout holds one principal at one source address (the
// address the guesses come from), never the principal everywhere. Failures from anywhere only slow
// the principal down, by a few seconds at most. One address guessing at many principals is slowed,
// then locked out, by itself. Failures are counted from the audit log, never from process memory,
// so every app instance sees the same count. A successful sign-in resets the principal's count (from
// its address: a pair's too); an administrator's UpdateLoginProfile (a password reset, or "Unlock")
// resets everything for that user. Refusals made by the throttle are audited but do not count, so a
// lockout ends on time however many attempts arrive meanwhile.
//
// Checks still under way count too. Reading the count and then checking the password is a race: a
// burst of guesses sent at the same moment (to one instance or several) would all read the same
// count before any of them had failed, and all be checked. So before a check, sign-in claims it
// (authenticatorClaims.ts): one write transaction reads the count and records the claim, and
// the transaction that records the outcome removes it. Until then the claim counts as a failure
// at the moment it started, in every scope, for backoff and lockout alike: a claim that counted for
// less would let a burst through up to that difference, while the worst a claim can do to a
// person's own attempt is count what a failure would have a moment later (a right password
// replaces it with a success, which resets the count). A claim whose process died mid-check stops
// counting after CLAIM_LIFETIME_MS, so nothing is held beyond what the rules above allow.

import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/client";

/** The audit errorCode of an attempt refused by the throttle, before any password or code was checked. */
export const THROTTLED = "SignInThrottled";

/** What ChangePassword answers for a wrong current password; the throttle recognises it by these words. */
export const INCORRECT_CURRENT_PASSWORD = "The current password is incorrect.";

/** The checks whose failures count: which audited action failed with which error. */
const AUTHENTICATOR_FAILURES: Prisma.AuditEventWhereInput[] = [
  { action: "signin:ConsoleLogin", errorCode: { in: ["FailedAuthentication", "FailedMFAAuthentication"] } },
  { action: "iam:ChangePassword", errorCode: "InvalidInput", errorMessage: INCORRECT_CURRENT_PASSWORD },
  { action: "iam:EnableMFADevice", errorCode: "InvalidAuthenticationCode" },
  { action: "iam:ResyncMFADevice", errorCode: "InvalidAuthenticationCode" },
  { action: "sts:AssumeRole", errorCode: "InvalidAuthenticationCode" },
  { action: "sts:GetSessionToken", errorCode: "InvalidAuthenticationCode" },
];

const MINUTE = 60_000;

/**
 * How long a claimed check counts while its outcome is not recorded. A check takes well under a
 * second (one argon2 verify, or a code); a claim older than this belongs to a process that died.
 */
export const CLAIM_LIFETIME_MS = 30_000;

export interface ThrottleRule {
  readonly backoffAfter: number;
  /** Infinity: never locked out, only slowed. */
  readonly lockoutAfter: number;
  readonly maxBackoffMs: number;
}

export const THROTTLE_RULES = {
  /** Failures older than this no longer count. */
  windowMs: 15 * MINUTE,
  lockoutMs: 15 * MINUTE,
  firstBackoffMs: 2_000,
  /** One principal from one address: a pause after 3 failures, doubling; locked out after 5 within the window. */
  principalAtAddress: { backoffAfter: 3, lockoutAfter: 5, maxBackoffMs: MINUTE },
  /** One principal from anywhere: only slowed, by 4 seconds at most, so guesses from elsewhere never lock its owner out. */
  principal: { backoffAfter: 5, lockoutAfter: Infinity, maxBackoffMs: 4_000 },
  /** One address may serve a whole office behind NAT, so it gets more room before the same treatment. */
  sourceIp: { backoffAfter: 10, lockoutAfter: 20, maxBackoffMs: MINUTE },
} as const satisfies Record<string, ThrottleRule | number>;

export type ThrottleScope = "principalAtAddress" | "principal" | "sourceIp";

export interface ThrottleDecision {
  readonly scope: ThrottleScope;
  readonly kind: "backoff" | "lockout";
  /** When attempts are accepted again. */
  readonly until: Date;
}

export interface ThrottleKey {
  /** The principal whose password or code is checked; unknown names are throttled by address only. */
  readonly principalArn?: string;
  readonly sourceIp?: string;
}

/** `failures` newest first. The moment attempts may resume, or undefined when they may now. */
export function throttledUntil(failures: readonly Date[], rule: ThrottleRule, now: Date): { kind: ThrottleDecision["kind"]; until: Date } | undefined {
  const { windowMs, lockoutMs, firstBackoffMs } = THROTTLE_RULES;
  const times = failures.map((time) => time.getTime());
  // Locked out if some run of `lockoutAfter` failures fitted within one window, until lockoutMs after its last.
  for (let i = 0; i + rule.lockoutAfter - 1 < times.length; i++) {
    if (times[i]! - times[i + rule.lockoutAfter - 1]! > windowMs) continue;
    const until = times[i]! + lockoutMs;
    if (until > now.getTime()) return { kind: "lockout", until: new Date(until) };
    break;
  }
  const recent = times.filter((time) => time > now.getTime() - windowMs);
  if (recent.length >= rule.backoffAfter) {
    const delay = Math.min(rule.maxBackoffMs, firstBackoffMs * 2 ** (recent.length - rule.backoffAfter));
    const until = recent[0]! + delay;
    if (until > now.getTime()) return { kind: "backoff", until: new Date(until) };
  }
  return undefined;
}

interface Failure {
  readonly time: Date;
  readonly sourceIp: string | null;
}

const later = (a: Date | undefined, b: Date | undefined) => (a && b ? (a > b ? a : b) : (a ?? b));

const horizonOf = (now: Date) => new Date(now.getTime() - THROTTLE_RULES.windowMs - THROTTLE_RULES.lockoutMs);

/** Recent failures, newest first; with `inFlightAt`, the checks claimed and not yet over count as failures too. */
async function failuresSince(tx: Tx, where: { principalArn: string } | { sourceIp: string }, since: Date, inFlightAt?: Date): Promise<Failure[]> {
  const [failures, claims] = await Promise.all([
    tx.auditEvent.findMany({
      where: { ...where, result: "Failed", time: { gt: since }, OR: AUTHENTICATOR_FAILURES },
      orderBy: { time: "desc" },
      // More than any rule needs: a lockout run plus the window's backoff count, per address.
      take: 200,
      select: { time: true, sourceIp: true },
    }),
    inFlightAt
      ? tx.authenticatorAttempt.findMany({
          where: { ...where, startedAt: { gt: later(since, new Date(inFlightAt.getTime() - CLAIM_LIFETIME_MS))! } },
          take: 200,
          select: { startedAt: true, sourceIp: true },
        })
      : [],
  ]);
  if (claims.length === 0) return failures;
  return [...failures, ...claims.map((claim) => ({ time: claim.startedAt, sourceIp: claim.sourceIp }))].sort((a, b) => b.time.getTime() - a.time.getTime());
}

/** When the principal's count last started again: its last sign-in, and an administrator's reset or unlock. */
async function resets(tx: Tx, principalArn: string, horizon: Date): Promise<{ any?: Date; byAddress: Map<string, Date>; unlocked?: Date }> {
  const [signIns, unlock] = await Promise.all([
    tx.auditEvent.findMany({
      where: { principalArn, action: "signin:ConsoleLogin", result: "Allowed", time: { gt: horizon } },
      orderBy: { time: "desc" },
      take: 50,
      select: { time: true, sourceIp: true },
    }),
    tx.auditEvent.findFirst({
      where: { resource: principalArn, action: "iam:UpdateLoginProfile", result: "Allowed", time: { gt: horizon } },
      orderBy: { time: "desc" },
      select: { time: true },
    }),
  ]);
  const byAddress = new Map<string, Date>();
  for (const signIn of signIns) if (signIn.sourceIp && !byAddress.has(signIn.sourceIp)) byAddress.set(signIn.sourceIp, signIn.time);
  return { any: signIns[0]?.time, byAddress, unlocked: unlock?.time };
}


/** One principal's throttle, per address it was guessed from and as a whole. */
export interface PrincipalThrottle {
  /** Addresses locked out, or slowed, for this principal. */
  readonly addresses: readonly { readonly sourceIp: string; readonly kind: ThrottleDecision["kind"]; readonly until: Date }[];
  /** The principal as a whole is slowed (never locked out) until then. */
  readonly slowedUntil?: Date;
}

/** `inFlight`: count checks under way as failures (before a check); an administrator's view leaves them out. */
export async function principalThrottle(tx: Tx, principalArn: string, now = new Date(), inFlight = false): Promise<PrincipalThrottle> {
  const horizon = horizonOf(now);
  const reset = await resets(tx, principalArn, horizon);
  const since = later(reset.unlocked, horizon)!;
  const failures = await failuresSince(tx, { principalArn }, since, inFlight ? now : undefined);
  const principalSince = later(reset.any, since)!;
  const slowed = throttledUntil(
    failures.filter((failure) => failure.time > principalSince).map((failure) => failure.time),
    THROTTLE_RULES.principal,
    now,
  );
  const byAddress = new Map<string, Date[]>();
  for (const failure of failures) {
    if (!failure.sourceIp) continue;
    const addressSince = later(reset.byAddress.get(failure.sourceIp), since)!;
    if (failure.time <= addressSince) continue;
    byAddress.set(failure.sourceIp, [...(byAddress.get(failure.sourceIp) ?? []), failure.time]);
  }
  const addresses = [...byAddress].flatMap(([sourceIp, times]) => {
    const decision = throttledUntil(times, THROTTLE_RULES.principalAtAddress, now);
    return decision ? [{ sourceIp, ...decision }] : [];
  });
  return { addresses, ...(slowed ? { slowedUntil: slowed.until } : {}) };
}

/**
 * Whether a password or code check must be refused unchecked; undefined when it may proceed. Checks
 * claimed and still under way count as failures.
 */
export async function checkThrottle(tx: Tx, key: ThrottleKey, now = new Date()): Promise<ThrottleDecision | undefined> {
  if (key.principalArn) {
    const state = await principalThrottle(tx, key.principalArn, now, true);
    const here = state.addresses.find((address) => address.sourceIp === key.sourceIp);
    if (here) return { scope: "principalAtAddress", kind: here.kind, until: here.until };
    if (state.slowedUntil) return { scope: "principal", kind: "backoff", until: state.slowedUntil };
  }
  if (key.sourceIp) {
    const failures = await failuresSince(tx, { sourceIp: key.sourceIp }, horizonOf(now), now);
    const decision = throttledUntil(
      failures.map((failure) => failure.time),
      THROTTLE_RULES.sourceIp,
      now,
    );
    if (decision) return { scope: "sourceIp", ...decision };
  }
  return undefined;
}

/** The audit log's words for a refusal: which limit, and until when (nothing the person typed). */
export function describeThrottle(decision: ThrottleDecision): string {
  const who = { principalAtAddress: "this principal from this source IP address", principal: "this principal", sourceIp: "this source IP address" }[decision.scope];
  const what = decision.kind === "lockout" ? "Temporarily locked out" : "Slowed down";
  return `${what} after repeated failed passwords or codes for ${who}; attempts are refused until ${decision.until.toISOString()}.`;
}

// Brute-force protection for sign-in (OWASP ASVS 2.2.1, NIST SP 800-63B 5.2.2): failures slow down
// further attempts (backoff), then lock them out for a while, per principal and per source IP.
//
// Failures are counted from the audit log's Failed sign-in events, never from process memory, so
// every app instance behind a load balancer sees the same count. A success resets a principal's count
// (not an address's: an attacker could otherwise reset it by signing in to an account of their own).
// Refusals made by the throttle are audited too, but do not count as failures: a lockout ends on time
// however many attempts arrive meanwhile. The caller shows the one generic sign-in message either way,
// so the throttle never tells anyone whether a principal exists.

import { db } from "@/lib/db/client";

/** The audit errorCode of an attempt refused by the throttle, before any password was checked. */
export const THROTTLED = "SignInThrottled";

const MINUTE = 60_000;

export const THROTTLE_RULES = {
  /** Failures older than this no longer count. */
  windowMs: 15 * MINUTE,
  lockoutMs: 15 * MINUTE,
  /** One principal: a pause after 3 failures, doubling; locked after 5 within the window. */
  principal: { backoffAfter: 3, lockoutAfter: 5 },
  /** One address may serve a whole office behind NAT, so it gets more room before the same treatment. */
  sourceIp: { backoffAfter: 10, lockoutAfter: 20 },
  firstBackoffMs: 2_000,
  maxBackoffMs: 60_000,
} as const;

type Rule = { readonly backoffAfter: number; readonly lockoutAfter: number };

export interface ThrottleDecision {
  readonly scope: "principal" | "sourceIp";
  readonly kind: "backoff" | "lockout";
  /** When attempts are accepted again. */
  readonly until: Date;
}

export interface ThrottleKey {
  /** The audit action the failures were recorded under (signin:ConsoleLogin). */
  readonly action: string;
  /** The principal's ARN when it exists; unknown names are throttled by address only. */
  readonly principalArn?: string;
  readonly sourceIp?: string;
}

/** `failures` newest first. The moment attempts may resume, or undefined when they may now. */
export function throttledUntil(failures: readonly Date[], rule: Rule, now: Date): { kind: ThrottleDecision["kind"]; until: Date } | undefined {
  const { windowMs, lockoutMs, firstBackoffMs, maxBackoffMs } = THROTTLE_RULES;
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
    const delay = Math.min(maxBackoffMs, firstBackoffMs * 2 ** (recent.length - rule.backoffAfter));
    const until = recent[0]! + delay;
    if (until > now.getTime()) return { kind: "backoff", until: new Date(until) };
  }
  return undefined;
}

async function recentFailures(where: { principalArn: string } | { sourceIp: string }, action: string, since: Date): Promise<Date[]> {
  const rows = await db.auditEvent.findMany({
    where: { ...where, action, result: "Failed", errorCode: { not: THROTTLED }, time: { gt: since } },
    orderBy: { time: "desc" },
    // More than any rule needs: a lockout run plus the window's backoff count.
    take: 100,
    select: { time: true },
  });
  return rows.map((row) => row.time);
}

/** Whether a sign-in attempt must be refused unchecked; undefined when it may proceed. */
export async function checkThrottle(key: ThrottleKey, now = new Date()): Promise<ThrottleDecision | undefined> {
  const { windowMs, lockoutMs } = THROTTLE_RULES;
  const horizon = new Date(now.getTime() - windowMs - lockoutMs);
  if (key.principalArn) {
    const lastSuccess = await db.auditEvent.findFirst({
      where: { principalArn: key.principalArn, action: key.action, result: "Allowed", time: { gt: horizon } },
      orderBy: { time: "desc" },
      select: { time: true },
    });
    const failures = await recentFailures({ principalArn: key.principalArn }, key.action, lastSuccess?.time ?? horizon);
    const decision = throttledUntil(failures, THROTTLE_RULES.principal, now);
    if (decision) return { scope: "principal", ...decision };
  }
  if (key.sourceIp) {
    const decision = throttledUntil(await recentFailures({ sourceIp: key.sourceIp }, key.action, horizon), THROTTLE_RULES.sourceIp, now);
    if (decision) return { scope: "sourceIp", ...decision };
  }
  return undefined;
}

/** The audit log's words for a refusal: which limit, and until when (nothing the person typed). */
export function describeThrottle(decision: ThrottleDecision): string {
  const who = decision.scope === "principal" ? "this principal" : "this source IP address";
  const what = decision.kind === "lockout" ? "Temporarily locked out" : "Slowed down";
  return `${what} after repeated failed sign-ins for ${who}; attempts are refused until ${decision.until.toISOString()}.`;
}

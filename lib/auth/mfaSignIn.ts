// The second sign-in step for a principal with an enabled MFA device. After a correct password the
// session token only says "password verified, MFA pending" (mfaPending in the signed, encrypted
// next-auth JWT), so the password is never sent again and no instance keeps sign-in state in memory.
// The code step reads that token back, claims the check against the throttle (authenticatorClaims.ts:
// codes sent at the same moment are counted before they are checked), then accepts a code from any
// of the principal's enabled devices, once. Every outcome is audited as signin:ConsoleLogin, never
// with the code, in the transaction that ends the claim.

import { decode } from "next-auth/jwt";
import { db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { appendAuditEvent } from "@/lib/db/audit";
import { claimAuthenticatorCheck, releaseClaim, underClaim } from "./authenticatorClaims";
import { consumeCode } from "./mfaCodes";
import { currentSessionGeneration } from "./sessionGeneration";
import type { SessionPrincipal } from "./principal";
import type { RequestInfo } from "./request";
import { secrets } from "./secrets";

/** The same action as the password step: one sign-in, whichever step refused it. */
const SIGN_IN_ACTION = "signin:ConsoleLogin";
/** The audit errorCode of a wrong (or replayed) MFA code. */
export const FAILED_MFA = "FailedMFAAuthentication";
/** How long after the password the code step stays open. */
export const MFA_PENDING_MS = 5 * 60_000;

/** What the session token holds between the two steps. */
export interface PendingMfa {
  readonly principal: SessionPrincipal;
  /** When the password was verified, in milliseconds since the epoch. */
  readonly passwordVerifiedAt: number;
  /**
   * The principal's session generation when the password was verified: a password reset (or any
   * other end of its sessions) between the two steps refuses the code step too.
   */
  readonly generation?: number;
}

export type MfaSignInResult = { readonly ok: true; readonly principal: SessionPrincipal } | { readonly ok: false };

function ownerWhere(principal: SessionPrincipal) {
  return principal.kind === "root" ? { rootAccountId: principal.accountId } : { userId: principal.userId };
}

/** Whether a password alone is not enough for this principal. */
export async function requiresMfa(principal: SessionPrincipal): Promise<boolean> {
  return (await db.mfaDevice.count({ where: { ...ownerWhere(principal), enabledAt: { not: null } } })) > 0;
}

export function pendingExpired(pending: PendingMfa, now = Date.now()): boolean {
  return now - pending.passwordVerifiedAt > MFA_PENDING_MS;
}

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** A cookie value as sent; one that is not valid percent-encoding (another site's cookie) is kept as is. */
function decodeCookie(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A cookie's value, joining next-auth's chunks (name.0, name.1, …) when the token was split. */
function cookieValue(header: string, name: string): string | undefined {
  const cookies = new Map(
    header.split(";").map((part) => {
      const index = part.indexOf("=");
      return [part.slice(0, index).trim(), decodeCookie(part.slice(index + 1).trim())] as const;
    }),
  );
  if (cookies.has(name)) return cookies.get(name);
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
  return chunks.length > 0 ? chunks.join("") : undefined;
}

/** The pending step from the request's session cookie, if it holds one that has not expired. */
export async function pendingFromCookieHeader(header: string | undefined): Promise<PendingMfa | undefined> {
  if (!header) return undefined;
  for (const name of SESSION_COOKIES) {
    const token = cookieValue(header, name);
    if (!token) continue;
    const claims = (await decode({ token, secret: secrets().sessionSecret }).catch(() => null))?.principal;
    if (!claims?.mfaPending) return undefined;
    const { authTime, mfa: _mfa, mfaPending: _pending, generation, ...principal } = claims;
    const pending: PendingMfa = { principal: principal as SessionPrincipal, passwordVerifiedAt: authTime, generation };
    return pendingExpired(pending) ? undefined : pending;
  }
  return undefined;
}

function event(principal: SessionPrincipal, request: RequestInfo, resource: string) {
  return { accountId: principal.accountId, principalArn: principal.arn, action: SIGN_IN_ACTION, resource, sourceIp: request.sourceIp, userAgent: request.userAgent };
}

/** The code step: the password step still current, a claim past the throttle, then one code against the principal's enabled devices. */
export async function verifyMfaSignIn(principal: SessionPrincipal, code: string | undefined, request: RequestInfo, generation?: number): Promise<MfaSignInResult> {
  if (generation !== undefined && generation !== (await currentSessionGeneration(principal.kind === "root" ? { kind: "root", accountId: principal.accountId } : { kind: "user", userId: principal.userId }))) {
    return { ok: false };
  }
  const claimed = await claimAuthenticatorCheck({ principalArn: principal.arn, sourceIp: request.sourceIp }, event(principal, request, principal.arn));
  if (!("claim" in claimed)) return { ok: false };
  const { claim } = claimed;
  return underClaim(claim, async (): Promise<MfaSignInResult> => {
    const devices = await db.mfaDevice.findMany({ where: { ...ownerWhere(principal), enabledAt: { not: null } }, orderBy: { enabledAt: "asc" } });
    const now = new Date();
    for (const device of typeof code === "string" ? devices : []) {
      // The step is claimed and the sign-in recorded together: a replay racing this one finds the step taken.
      const accepted = await inTransaction(async (tx) => {
        if (!(await consumeCode(tx, device, code!, now))) return false;
        if (principal.kind === "root") await tx.rootUser.update({ where: { accountId: principal.accountId }, data: { passwordLastUsed: now } });
        else await tx.user.update({ where: { id: principal.userId }, data: { passwordLastUsed: now } });
        await appendAuditEvent(tx, { ...event(principal, request, device.serialNumber), result: "Allowed" });
        await releaseClaim(tx, claim);
        return true;
      });
      if (accepted) return { ok: true, principal };
    }
    await inTransaction(async (tx) => {
      await appendAuditEvent(tx, { ...event(principal, request, principal.arn), result: "Failed", errorCode: FAILED_MFA, errorMessage: "Failed MFA authentication" });
      await releaseClaim(tx, claim);
    });
    return { ok: false };
  });
}

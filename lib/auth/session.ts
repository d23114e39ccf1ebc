// The signed-in caller of the current request. The JWT only says who signed in; the principal is
// re-read from the database on every request, so a deleted user or account has no session, and a
// renamed user acts under its current name and ARN. That same read (one row by primary key) carries
// the principal's session generation: a token from an older generation (signed out, password changed,
// sessions revoked) is refused, as is one past the absolute lifetime, whatever its cookie's expiry.
// A session that switched role acts as its role session (re-read too) until that expires.

import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { RequestScope, type Caller } from "./caller";
import { authOptions, liveClaims, type SessionClaims } from "./options";
import { passwordExpiry, type PasswordExpiry } from "./passwordExpiry";
import { pendingExpired } from "./mfaSignIn";
import { loadRoleSessionCaller } from "./roleSession";
import { rootArn } from "./principal";
import { currentRequestInfo } from "./request";

export interface ConsoleSession {
  readonly caller: Caller;
  /**
   * The account's alias, for the console header. Part of the signed-in identity (the alias or ID is
   * what the person signed in with, and AWS's console shows it to every user), so it is read here
   * rather than through the gated ListAccountAliases, which would deny and audit on every page load.
   */
  readonly accountAlias?: string;
  /**
   * An IAM user who must choose a new password before anything else: their administrator requires
   * it, or the password expired under the account's password policy (MaxPasswordAge).
   */
  readonly passwordResetRequired: boolean;
  /** Whether the password expired; "expired-administrator-reset" (HardExpiry) means only an administrator can reset it. */
  readonly passwordExpiry: PasswordExpiry;
  /** The identity that signed in: the caller itself, unless the session switched role (then the user). */
  readonly signedIn: Caller;
  /** The role this console session switched to, while its role session lasts: what the header shows. */
  readonly switchedRole?: SwitchedRoleView;
  /** The session had switched role, and that role session has expired or gone: it acts as the user again. */
  readonly switchedRoleEnded?: boolean;
}

export interface SwitchedRoleView {
  readonly displayName: string;
  readonly color: string;
  readonly roleName: string;
  /** The role session's ARN: arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION. */
  readonly sessionArn: string;
  readonly accountId: string;
  readonly expiresAt: Date;
}

/** The principal these claims name, as it is now; undefined when it is gone or the session has ended. */
export async function loadPrincipal(claims: SessionClaims, now = Date.now()) {
  if (!liveClaims(claims, now)) return undefined;
  if (claims.kind === "root") {
    const root = await db.rootUser.findUnique({ where: { accountId: claims.accountId }, include: { account: { select: { alias: true } } } });
    if (!root || root.sessionGeneration !== claims.generation) return undefined;
    return { kind: "root" as const, arn: rootArn(root.accountId), alias: root.account.alias ?? undefined, passwordResetRequired: false, passwordExpiry: "current" as const };
  }
  const user = await db.user.findUnique({
    where: { id: claims.userId },
    include: {
      loginProfile: { select: { passwordResetRequired: true, passwordChangedAt: true } },
      account: { select: { alias: true, passwordPolicy: { select: { maxPasswordAge: true, hardExpiry: true } } } },
    },
  });
  if (!user || user.accountId !== claims.accountId || user.sessionGeneration !== claims.generation) return undefined;
  const expiry = user.loginProfile ? passwordExpiry(user.loginProfile.passwordChangedAt, user.account.passwordPolicy) : "current";
  return {
    kind: "user" as const,
    arn: user.arn,
    userId: user.id,
    userName: user.name,
    alias: user.account.alias ?? undefined,
    passwordResetRequired: (user.loginProfile?.passwordResetRequired ?? false) || expiry !== "current",
    passwordExpiry: expiry,
  };
}

/** The current request's console session, or undefined when nobody (who still exists) is signed in. */
export const getConsoleSession = cache(async (): Promise<ConsoleSession | undefined> => {
  const session = await getServerSession(authOptions());
  const claims = session?.principal;
  // Password verified but MFA code still due: not signed in yet (the sign-in page asks for the code).
  if (!claims || claims.mfaPending) return undefined;
  const principal = await loadPrincipal(claims);
  if (!principal) return undefined;
  const request = await currentRequestInfo();
  const signedIn: Caller = {
    kind: principal.kind,
    accountId: claims.accountId,
    arn: principal.arn,
    userId: principal.kind === "user" ? principal.userId : undefined,
    userName: principal.kind === "user" ? principal.userName : undefined,
    mfaAuthenticated: claims.mfa,
    authTime: new Date(claims.authTime),
    sourceIp: request.sourceIp,
    userAgent: request.userAgent,
    secureTransport: request.secureTransport,
    // One per request (getConsoleSession is cached per request): the caller's policies load once.
    scope: new RequestScope(),
  };
  const base = { signedIn, accountAlias: principal.alias, passwordResetRequired: principal.passwordResetRequired, passwordExpiry: principal.passwordExpiry };
  if (!claims.switchedRole) return { ...base, caller: signedIn };
  // A switched session acts as its role session, which must still be the one this user started.
  const roleCaller = await loadRoleSessionCaller(claims.switchedRole.accessKeyId, { ...request, scope: new RequestScope() });
  if (!roleCaller?.roleSession || roleCaller.roleSession.assumedBy !== principal.arn || !roleCaller.roleSession.console) {
    return { ...base, caller: signedIn, switchedRoleEnded: true };
  }
  const roleSession = roleCaller.roleSession;
  return {
    ...base,
    caller: roleCaller,
    switchedRole: {
      displayName: claims.switchedRole.displayName,
      color: claims.switchedRole.color,
      roleName: roleSession.roleName,
      sessionArn: roleCaller.arn,
      accountId: roleCaller.accountId!,
      expiresAt: roleSession.expiresAt,
    },
  };
});

/** The signed-in caller, or undefined. */
export async function getCaller(): Promise<Caller | undefined> {
  return (await getConsoleSession())?.caller;
}

export interface RequireOptions {
  /** Only the change-password page sets this: it is where a pending password reset is resolved. */
  readonly allowPendingPasswordReset?: boolean;
}

/**
 * The console session, or a redirect: to /signin when nobody is signed in, and to /change-password
 * while an IAM user's administrator requires a new password.
 */
export async function requireConsoleSession(options: RequireOptions = {}): Promise<ConsoleSession> {
  const session = await getConsoleSession();
  if (!session) redirect("/signin");
  if (session.passwordResetRequired && !options.allowPendingPasswordReset) redirect("/change-password");
  return session;
}

/** The signed-in caller for pages and server actions; redirects as requireConsoleSession does. */
export async function requireCaller(options: RequireOptions = {}): Promise<Caller> {
  return (await requireConsoleSession(options)).caller;
}

/**
 * The principal kind waiting at the MFA step of sign-in, or undefined when no code is due (nobody
 * signed in, a full session, or a pending step older than MFA_PENDING_MS: the password is asked again).
 */
export async function getPendingMfaSignIn(): Promise<{ readonly kind: "root" | "user" } | undefined> {
  const claims = (await getServerSession(authOptions()))?.principal;
  if (!claims?.mfaPending) return undefined;
  const pending = { principal: claims, passwordVerifiedAt: claims.authTime };
  return pendingExpired(pending) ? undefined : { kind: claims.kind };
}

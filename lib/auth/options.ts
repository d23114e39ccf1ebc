// next-auth configuration: credentials providers for the password ("root" and "iam-user") and for
// the MFA code ("mfa"), and stateless JWT sessions, so that several app instances share nothing but
// the database. The token carries identifiers only; lib/auth/session.ts re-reads the principal from
// the database on each request. A principal with an MFA device gets a token marked mfaPending after
// the password; it is no session (session.ts ignores it) until the "mfa" provider accepts a code.
// A token also records its principal's session generation at sign-in (sessionGeneration.ts): sign-out
// and credential changes advance it, and session.ts refuses older tokens. Its sign-in time bounds it
// absolutely (sessionLifetime.ts): a refresh reissues the cookie but never makes the session younger.

import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { pendingFromCookieHeader, verifyMfaSignIn } from "./mfaSignIn";
import type { SessionPrincipal } from "./principal";
import { requestInfoFrom } from "./request";
import { secrets } from "./secrets";
import { currentSessionGeneration, signOutEverywhere } from "./sessionGeneration";
import { sessionExpired, sessionLifetimeMs } from "./sessionLifetime";
import { signInIamUser, signInRoot, type SignInResult } from "./signIn";

/** What the session token and the session object hold: who, since when, and whether with MFA. */
export type SessionClaims = SessionPrincipal & {
  /** When the credentials were verified, in milliseconds since the epoch. */
  readonly authTime: number;
  readonly mfa: boolean;
  /**
   * The principal's session generation at sign-in: the session ends when the database's moves past
   * it. Tokens issued before session generations existed have none, and are no session.
   */
  readonly generation?: number;
  /** Password verified, MFA code not yet: not a session. authTime is then when the password was checked. */
  readonly mfaPending?: true;
  /**
   * The role this console session switched to (roleSessionCookie.ts): the session's temporary
   * access key ID and how the header shows it. Requests then act as that role session until it
   * expires or the person goes back; the user's own claims stay, so going back needs no sign-in.
   */
  readonly switchedRole?: SwitchedRole;
};

export interface SwitchedRole {
  readonly accessKeyId: string;
  readonly displayName: string;
  readonly color: string;
}

declare module "next-auth" {
  interface User {
    principal?: SessionPrincipal;
    /** The code step succeeded. */
    mfa?: boolean;
    /** The password step succeeded and a code is still needed. */
    mfaPending?: boolean;
  }
  interface Session {
    principal?: SessionClaims;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    principal?: SessionClaims;
  }
}

/** next-auth's error code for a sign-in the throttle refused (an error thrown by authorize becomes ?error=<message>). */
export const SIGN_IN_THROTTLED = "Throttled";

function toUser(result: SignInResult) {
  // null makes next-auth answer "CredentialsSignin": the client shows the one generic message.
  // Only the throttle's refusal is told apart, so that one mistake never reads "too many attempts".
  if (!result.ok && result.reason === "throttled") throw new Error(SIGN_IN_THROTTLED);
  if (!result.ok) return null;
  return { id: result.principal.arn, principal: result.principal, mfaPending: result.mfaRequired ?? false };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join("; ") : value;
}

/**
 * The session cookie as next-auth names and flags it by default (the __Secure- prefix over https),
 * stated here so that a session re-issued outside next-auth (sessionCookie.ts) replaces the same cookie.
 */
export function sessionTokenCookie() {
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  return { name: `${secure ? "__Secure-" : ""}next-auth.session-token`, options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure } };
}

/** Claims that can make a session: stamped with a generation, within the lifetime. */
export type LiveClaims = SessionClaims & { readonly generation: number };

/** Whether these claims still make a session (session.ts then checks the generation against the database). */
export function liveClaims(claims: SessionClaims | undefined, now = Date.now()): claims is LiveClaims {
  return claims !== undefined && typeof claims.generation === "number" && !sessionExpired(claims.authTime, now);
}

let options: AuthOptions | undefined;

/**
 * Built on first use rather than at import: `next build` imports this module, and reading the secret
 * then would generate ./data/secrets.json on the build machine (and into a container image layer).
 */
export function authOptions(): AuthOptions {
  options ??= buildOptions(secrets().sessionSecret);
  return options;
}

function buildOptions(secret: string): AuthOptions {
  const maxAge = Math.ceil(sessionLifetimeMs() / 1000);
  return {
    secret,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    cookies: { sessionToken: sessionTokenCookie() },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "root",
        name: "Root user",
        credentials: {
          email: { label: "Root user email address", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: async (credentials, req) =>
          toUser(await signInRoot({ email: credentials?.email, password: credentials?.password }, requestInfoFrom(req.headers ?? {}))),
      }),
      CredentialsProvider({
        id: "iam-user",
        name: "IAM user",
        credentials: {
          account: { label: "Account ID (12 digits) or account alias", type: "text" },
          userName: { label: "IAM user name", type: "text" },
          password: { label: "Password", type: "password" },
        },
        authorize: async (credentials, req) =>
          toUser(
            await signInIamUser(
              { account: credentials?.account, userName: credentials?.userName, password: credentials?.password },
              requestInfoFrom(req.headers ?? {}),
            ),
          ),
      }),
      CredentialsProvider({
        id: "mfa",
        name: "MFA code",
        credentials: { code: { label: "MFA code", type: "text" } },
        // The principal comes from the pending token in the session cookie, never from the request body.
        authorize: async (credentials, req) => {
          const headers = (req.headers ?? {}) as Record<string, string | string[] | undefined>;
          const pending = await pendingFromCookieHeader(headerValue(headers.cookie));
          if (!pending) return null;
          const result = await verifyMfaSignIn(pending.principal, credentials?.code, requestInfoFrom(headers), pending.generation);
          return result.ok ? { id: result.principal.arn, principal: result.principal, mfa: true } : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // `user` is present only on the request that signed in: stamp the claims once, then keep them.
        // Every later call (page requests, GET /api/auth/session, update()) returns them unchanged,
        // so nothing the client sends can move the sign-in time or the generation.
        if (user?.principal) {
          const { kind, accountId, arn } = user.principal;
          const principal = kind === "root" ? { kind, accountId, arn } : { kind, accountId, arn, userId: user.principal.userId, userName: user.principal.userName };
          const generation = await currentSessionGeneration(principal);
          if (generation === undefined) return {};
          const claims: SessionClaims = { ...principal, authTime: Date.now(), mfa: user.mfa ?? false, generation, ...(user.mfaPending ? { mfaPending: true as const } : {}) };
          return { sub: arn, principal: claims };
        }
        // Past its lifetime the token keeps no claims: the reissued cookie signs nobody in.
        return liveClaims(token.principal) ? token : {};
      },
      session({ session, token }) {
        // Only identifiers reach the browser (GET /api/auth/session): no names or emails beyond them.
        // The claims are shown as they are: the server's own readers (getServerSession in
        // lib/auth/session.ts, and reissueSession, which re-stamps them right after a change has
        // advanced the generation) check the generation against the database themselves.
        return { expires: session.expires, principal: token.principal };
      },
    },
    events: {
      // next-auth awaits this before it answers the sign-out request, so the sessions have ended by then.
      async signOut({ token }) {
        const claims = token?.principal;
        if (liveClaims(claims) && !claims.mfaPending) await signOutEverywhere(claims, claims.generation);
      },
    },
  };
}

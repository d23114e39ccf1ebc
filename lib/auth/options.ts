// next-auth configuration: two credentials providers ("root" and "iam-user") and stateless JWT
// sessions, so that several app instances share nothing but the database. The token carries
// identifiers only; lib/auth/session.ts re-reads the principal from the database on each request.

import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { SessionPrincipal } from "./principal";
import { requestInfoFrom } from "./request";
import { secrets } from "./secrets";
import { signInIamUser, signInRoot, type SignInResult } from "./signIn";

/** What the session token and the session object hold: who, since when, and whether with MFA. */
export type SessionClaims = SessionPrincipal & {
  /** When the credentials were verified, in milliseconds since the epoch. */
  readonly authTime: number;
  readonly mfa: boolean;
};

declare module "next-auth" {
  interface User {
    principal?: SessionPrincipal;
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

/** AWS console sessions last 12 hours. */
const SESSION_SECONDS = 12 * 60 * 60;

function toUser(result: SignInResult) {
  // null makes next-auth answer "CredentialsSignin": the client shows the one generic message.
  return result.ok ? { id: result.principal.arn, principal: result.principal } : null;
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
  return {
    secret,
    session: { strategy: "jwt", maxAge: SESSION_SECONDS },
    jwt: { maxAge: SESSION_SECONDS },
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
    ],
    callbacks: {
      jwt({ token, user }) {
        // `user` is present only on the request that signed in: stamp the claims once, then keep them.
        if (user?.principal) {
          return { sub: user.principal.arn, principal: { ...user.principal, authTime: Date.now(), mfa: false } };
        }
        return token;
      },
      session({ session, token }) {
        // Only identifiers reach the browser (GET /api/auth/session): no names or emails beyond them.
        return { expires: session.expires, principal: token.principal };
      },
    },
  };
}

// What a console session token can and cannot do once issued: it records the session generation at
// sign-in and the per-request read refuses it once the generation moves on (sign-out does that, once);
// it never outlives the absolute lifetime however often it is refreshed; and nothing the client sends
// on a refresh (GET /api/auth/session, update()) changes its sign-in time or generation.

import { beforeAll, describe, expect, it } from "vitest";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import type { JWT } from "next-auth/jwt";
import type { Session } from "next-auth";
import { authOptions, type SessionClaims } from "@/lib/auth/options";
import { loadPrincipal } from "@/lib/auth/session";
import { endSessions } from "@/lib/auth/sessionGeneration";
import { parseSessionHours } from "@/lib/auth/sessionLifetime";
import { db } from "@/lib/db/client";
import { makeAccount, makeUser } from "./fixtures";

const HOUR = 3_600_000;
let accountId: string;
let dana: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  accountId = await makeAccount({ email: "tokens@example.com", password: "Root-pass-1" });
  dana = await makeUser(accountId, "dana", { password: "Dana-pass-1" });
});

const callbacks = () => authOptions().callbacks!;
const generation = async () => (await db.user.findUniqueOrThrow({ where: { id: dana.id } })).sessionGeneration;

function authorizeWith(id: string) {
  const provider = authOptions().providers.find((p) => p.options?.id === id) as unknown as { options: CredentialsConfig };
  return (credentials: Record<string, string>) => provider.options.authorize(credentials, { headers: { "user-agent": "test-agent" }, body: {}, query: {}, method: "POST" });
}

/** A sign-in as next-auth performs it: the provider's authorize, then the jwt callback with `user`. */
async function signIn(): Promise<JWT> {
  const user = await authorizeWith("iam-user")({ account: accountId, userName: "dana", password: "Dana-pass-1" });
  return (await callbacks().jwt!({ token: {}, user: user!, account: null, trigger: "signIn" })) as JWT;
}

/** What GET /api/auth/session does with a cookie: the jwt callback, then the session callback. */
async function refresh(token: JWT, sent?: unknown) {
  const refreshed = (await callbacks().jwt!({ token, user: undefined as never, account: null, ...(sent ? { trigger: "update" as const, session: sent } : {}) })) as JWT;
  const session = (await callbacks().session!({ session: { expires: "later" }, token: refreshed, user: undefined as never, newSession: undefined, trigger: "update" })) as Session;
  return { refreshed, session };
}

const danaClaims = (overrides: Partial<SessionClaims>): SessionClaims => ({
  kind: "user",
  accountId,
  arn: dana.arn,
  userId: dana.id,
  userName: "dana",
  authTime: Date.now(),
  mfa: false,
  generation: 0,
  ...overrides,
});

describe("the session generation", () => {
  it("is read from the database at sign-in and stamped into the token", async () => {
    await endSessions(db, { kind: "user", userId: dana.id });
    const token = await signIn();
    expect(token.principal).toMatchObject({ userName: "dana", generation: await generation() });
    expect(await loadPrincipal(token.principal!)).toMatchObject({ userName: "dana" });
  });

  it("refuses a token from an older generation, or one issued before generations existed", async () => {
    const current = await generation();
    expect(await loadPrincipal(danaClaims({ generation: current }))).toBeDefined();
    expect(await loadPrincipal(danaClaims({ generation: current - 1 }))).toBeUndefined();
    expect(await loadPrincipal(danaClaims({ generation: undefined }))).toBeUndefined();
  });

  it("is never raised by a refresh or by what the client sends with update()", async () => {
    const token = await signIn();
    const forged = { principal: { ...token.principal, generation: 999, authTime: Date.now() + HOUR } };
    const { refreshed, session } = await refresh(token, forged);
    expect(refreshed).toBe(token);
    expect(session.principal).toEqual(token.principal);
  });
});

describe("sign-out", () => {
  const signOut = (token: JWT) => authOptions().events!.signOut!({ token, session: undefined as never });

  it("ends every session of the principal, from a live token, and only once", async () => {
    const first = await signIn();
    const second = await signIn();
    const before = await generation();
    await signOut(first);
    expect(await generation()).toBe(before + 1);
    expect(await loadPrincipal(first.principal!)).toBeUndefined();
    expect(await loadPrincipal(second.principal!)).toBeUndefined();
    // A copied token that was already ended cannot sign its owner out of a newer session.
    const fresh = await signIn();
    await signOut(first);
    expect(await generation()).toBe(before + 1);
    expect(await loadPrincipal(fresh.principal!)).toBeDefined();
  });

  it("ends nothing for a token past its lifetime or one still waiting for its MFA code", async () => {
    const current = await generation();
    await signOut({ principal: danaClaims({ generation: current, authTime: Date.now() - 13 * HOUR }) });
    await signOut({ principal: danaClaims({ generation: current, mfaPending: true }) });
    expect(await generation()).toBe(current);
  });
});

describe("the absolute lifetime", () => {
  it("refuses a refreshed token whose sign-in is older than 12 hours, in the jwt callback and in the per-request read", async () => {
    const current = await generation();
    const old = danaClaims({ generation: current, authTime: Date.now() - 12 * HOUR - 1_000 });
    // A token GET /api/auth/session reissued a minute ago: a fresh expiry, the original sign-in time.
    const reissued: JWT = { sub: dana.arn, principal: old, iat: Math.floor(Date.now() / 1000) - 60, exp: Math.floor(Date.now() / 1000) + 12 * 3600 };
    const { refreshed, session } = await refresh(reissued);
    expect(refreshed).toEqual({});
    expect(session.principal).toBeUndefined();
    expect(await loadPrincipal(old)).toBeUndefined();

    const young = danaClaims({ generation: current, authTime: Date.now() - 12 * HOUR + 60_000 });
    expect((await refresh({ sub: dana.arn, principal: young })).session.principal).toEqual(young);
    expect(await loadPrincipal(young)).toBeDefined();
  });

  it("is 12 hours unless PORTCULLIS_SESSION_HOURS sets another, from 0.25 to 24", () => {
    expect(parseSessionHours(undefined)).toBe(12 * HOUR);
    expect(parseSessionHours("")).toBe(12 * HOUR);
    expect(parseSessionHours("8")).toBe(8 * HOUR);
    expect(parseSessionHours("0.5")).toBe(HOUR / 2);
    for (const wrong of ["0", "0.1", "25", "twelve", "Infinity"]) {
      expect(() => parseSessionHours(wrong)).toThrow(/PORTCULLIS_SESSION_HOURS must be a number of hours from 0.25 to 24/);
    }
  });
});

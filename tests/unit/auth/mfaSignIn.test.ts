// MFA at sign-in: a correct password for a principal with an enabled device is not a session until
// a code is accepted; each code counts once; wrong codes are audited and throttled; the code step
// finds the principal in the pending session token, never in the request body.

import { encode } from "next-auth/jwt";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import type { JWT } from "next-auth/jwt";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { newSeed } from "@/lib/auth/mfaCodes";
import { FAILED_MFA, pendingFromCookieHeader, MFA_PENDING_MS, verifyMfaSignIn } from "@/lib/auth/mfaSignIn";
import { authOptions } from "@/lib/auth/options";
import type { SessionPrincipal } from "@/lib/auth/principal";
import { secrets } from "@/lib/auth/secrets";
import { signInIamUser, signInRoot } from "@/lib/auth/signIn";
import { timeStepAt, totpCodeAt } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { makeAccount, makeUser, REQUEST } from "./fixtures";

let accountId: string;
let rootSeed: string;
let alice: Awaited<ReturnType<typeof makeUser>>;
let aliceSeed: string;

async function addDevice(owner: { userId: string } | { rootAccountId: string }, name: string): Promise<string> {
  const { seed, sealed } = newSeed();
  await db.mfaDevice.create({
    data: { accountId, serialNumber: `arn:aws:iam::${accountId}:mfa/${name}`, name, secretCiphertext: sealed, enabledAt: new Date(), ...owner },
  });
  return seed;
}

beforeAll(async () => {
  accountId = await makeAccount({ email: "mfa-root@example.com", password: "Root-pass-1", alias: "mfa-co" });
  alice = await makeUser(accountId, "alice", { password: "Alice-pass-1" });
  await makeUser(accountId, "nomfa", { password: "Nomfa-pass-1" });
  rootSeed = await addDevice({ rootAccountId: accountId }, "root-account-mfa-device");
  aliceSeed = await addDevice({ userId: alice.id }, "alice");
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(Math.ceil(Date.now() / 30_000) * 30_000 + 1_000);
});
afterEach(() => {
  vi.useRealTimers();
});

const aliceAsPrincipal = (): SessionPrincipal => ({ kind: "user", accountId, arn: alice.arn, userId: alice.id, userName: "alice" });
const events = (principalArn: string) => db.auditEvent.findMany({ where: { principalArn, action: "signin:ConsoleLogin" }, orderBy: { time: "asc" } });

describe("the password step", () => {
  it("asks for a code, without recording a sign-in, when the principal has an MFA device", async () => {
    const before = (await events(alice.arn)).length;
    expect(await signInIamUser({ account: "mfa-co", userName: "alice", password: "Alice-pass-1" }, REQUEST)).toEqual({ ok: true, principal: aliceAsPrincipal(), mfaRequired: true });
    expect(await signInRoot({ email: "mfa-root@example.com", password: "Root-pass-1" }, REQUEST)).toMatchObject({ ok: true, mfaRequired: true });
    expect(await events(alice.arn)).toHaveLength(before);
    expect((await db.user.findUniqueOrThrow({ where: { id: alice.id } })).passwordLastUsed).toBeNull();
    // Without a device, the password is the whole sign-in, as before.
    expect(await signInIamUser({ account: "mfa-co", userName: "nomfa", password: "Nomfa-pass-1" }, REQUEST)).not.toHaveProperty("mfaRequired");
  });
});

describe("the code step", () => {
  it("accepts a current code once, records the sign-in with the device, and refuses the same code again", async () => {
    const code = await totpCodeAt(rootSeed, timeStepAt());
    const root: SessionPrincipal = { kind: "root", accountId, arn: `arn:aws:iam::${accountId}:root` };
    expect(await verifyMfaSignIn(root, code, REQUEST)).toEqual({ ok: true, principal: root });
    expect(await verifyMfaSignIn(root, code, REQUEST)).toEqual({ ok: false });
    const [allowed, replay] = (await events(root.arn)).slice(-2);
    expect(allowed).toMatchObject({ result: "Allowed", resource: `arn:aws:iam::${accountId}:mfa/root-account-mfa-device` });
    expect(replay).toMatchObject({ result: "Failed", errorCode: FAILED_MFA });
    expect(JSON.stringify(await db.auditEvent.findMany({ where: { accountId } }))).not.toContain(code);
  });

  it("accepts a code one step old or ahead, but not two", async () => {
    await db.mfaDevice.updateMany({ where: { userId: alice.id }, data: { lastUsedTimeStep: null } });
    expect(await verifyMfaSignIn(aliceAsPrincipal(), await totpCodeAt(aliceSeed, timeStepAt() - 2), REQUEST)).toEqual({ ok: false });
    expect(await verifyMfaSignIn(aliceAsPrincipal(), await totpCodeAt(aliceSeed, timeStepAt() - 1), REQUEST)).toMatchObject({ ok: true });
    expect(await verifyMfaSignIn(aliceAsPrincipal(), await totpCodeAt(aliceSeed, timeStepAt() + 1), REQUEST)).toMatchObject({ ok: true });
    // An older step than the last one accepted is a replay too.
    expect(await verifyMfaSignIn(aliceAsPrincipal(), await totpCodeAt(aliceSeed, timeStepAt()), REQUEST)).toEqual({ ok: false });
  });

  it("refuses every code from an address after five wrong codes from it, even a right one, and accepts it from another", async () => {
    const bob = await makeUser(accountId, "bob", { password: "Bob-pass-1" });
    const bobSeed = await addDevice({ userId: bob.id }, "bob");
    const principal: SessionPrincipal = { kind: "user", accountId, arn: bob.arn, userId: bob.id, userName: "bob" };
    const guesser = { ...REQUEST, sourceIp: "198.51.100.20" };
    for (let i = 0; i < 5; i++) {
      expect(await verifyMfaSignIn(principal, "000000", guesser)).toEqual({ ok: false });
      vi.advanceTimersByTime(61_000);
      vi.setSystemTime(Date.now());
    }
    expect(await verifyMfaSignIn(principal, await totpCodeAt(bobSeed, timeStepAt()), guesser)).toEqual({ ok: false });
    const recorded = await events(bob.arn);
    expect(recorded.filter((e) => e.errorCode === FAILED_MFA)).toHaveLength(5);
    expect(recorded.at(-1)).toMatchObject({ result: "Failed", errorCode: "SignInThrottled" });
    // Nobody locks bob out: from his own address the right code still works.
    expect(await verifyMfaSignIn(principal, await totpCodeAt(bobSeed, timeStepAt()), { ...REQUEST, sourceIp: "192.0.2.99" })).toEqual({ ok: true, principal });
  });

  it("refuses the code step when the principal's sessions ended after the password step (a reset in between)", async () => {
    const carol = await makeUser(accountId, "carol", { password: "Carol-pass-1" });
    const carolSeed = await addDevice({ userId: carol.id }, "carol");
    const principal: SessionPrincipal = { kind: "user", accountId, arn: carol.arn, userId: carol.id, userName: "carol" };
    const atPassword = (await db.user.findUniqueOrThrow({ where: { id: carol.id } })).sessionGeneration;
    await db.user.update({ where: { id: carol.id }, data: { sessionGeneration: { increment: 1 } } });
    expect(await verifyMfaSignIn(principal, await totpCodeAt(carolSeed, timeStepAt()), REQUEST, atPassword)).toEqual({ ok: false });
    expect(await verifyMfaSignIn(principal, await totpCodeAt(carolSeed, timeStepAt()), REQUEST, atPassword + 1)).toEqual({ ok: true, principal });
  });

  it("is not broken by an unrelated malformed cookie on the host", async () => {
    expect(await pendingFromCookieHeader("other=%E0%A4%A; next-auth.session-token=not-a-token")).toBeUndefined();
  });
});

describe("the next-auth mfa provider", () => {
  const provider = () => authOptions().providers.find((p) => p.options?.id === "mfa") as unknown as { options: CredentialsConfig };
  const authorize = (code: string, cookie?: string) =>
    provider().options.authorize({ code }, { headers: { ...(cookie ? { cookie } : {}), "user-agent": "test-agent" }, body: {}, query: {}, method: "POST" });
  const pendingCookie = async (authTime: number) =>
    `other=1; next-auth.session-token=${await encode({ token: { sub: alice.arn, principal: { ...aliceAsPrincipal(), authTime, mfa: false, mfaPending: true } }, secret: secrets().sessionSecret })}`;

  it("signs in the principal of the pending token, and stamps mfa=true in the session token", async () => {
    await db.mfaDevice.updateMany({ where: { userId: alice.id }, data: { lastUsedTimeStep: null } });
    const user = await authorize(await totpCodeAt(aliceSeed, timeStepAt()), await pendingCookie(Date.now()));
    expect(user).toMatchObject({ principal: aliceAsPrincipal(), mfa: true });
    const token = (await authOptions().callbacks!.jwt!({ token: {}, user: user!, account: null, trigger: "signIn" })) as JWT;
    expect(token.principal).toMatchObject({ kind: "user", userName: "alice", mfa: true });
    expect(token.principal).not.toHaveProperty("mfaPending");
  });

  it("refuses without a pending token, or once the pending step has expired", async () => {
    await db.mfaDevice.updateMany({ where: { userId: alice.id }, data: { lastUsedTimeStep: null } });
    const code = await totpCodeAt(aliceSeed, timeStepAt());
    expect(await authorize(code)).toBeNull();
    expect(await authorize(code, "next-auth.session-token=not-a-token")).toBeNull();
    expect(await authorize(code, await pendingCookie(Date.now() - MFA_PENDING_MS - 1000))).toBeNull();
  });

  it("marks the password step's token as pending, so it is no session yet", async () => {
    const root = authOptions().providers.find((p) => p.options?.id === "root") as unknown as { options: CredentialsConfig };
    const user = await root.options.authorize({ email: "mfa-root@example.com", password: "Root-pass-1" }, { headers: {}, body: {}, query: {}, method: "POST" });
    expect(user).toMatchObject({ mfaPending: true });
    const token = (await authOptions().callbacks!.jwt!({ token: {}, user: user!, account: null, trigger: "signIn" })) as JWT;
    expect(token.principal).toMatchObject({ kind: "root", mfa: false, mfaPending: true });
  });
});

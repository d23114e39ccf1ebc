// No argon2 work for an attempt that cannot succeed: one the throttle already refuses, or a password
// longer than any password can be (AWS's 128 characters). Hashing is the expensive part of a sign-in,
// so an attacker must not be able to make the server do it for free.

import { beforeAll, describe, expect, it, vi } from "vitest";

const argon2 = vi.hoisted(() => ({ verifies: 0, hashes: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const original = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...original,
    verify: (...args: Parameters<typeof original.verify>) => {
      argon2.verifies++;
      return original.verify(...args);
    },
    hash: (...args: Parameters<typeof original.hash>) => {
      argon2.hashes++;
      return original.hash(...args);
    },
  };
});

const { db } = await import("@/lib/db/client");
const { hashPassword } = await import("@/lib/auth/password");
const { SIGN_IN_ACTION, signInIamUser } = await import("@/lib/auth/signIn");
const { makeAccount, makeUser } = await import("./fixtures");

describe("argon2 work per sign-in attempt", () => {
  const password = "Right-pass-1";
  let accountId: string;
  let userArn: string;

  beforeAll(async () => {
    accountId = await makeAccount({ email: "argon-root@example.com", password });
    userArn = (await makeUser(accountId, "worker", { password })).arn;
  });

  async function verifiesFor(attempt: () => Promise<unknown>): Promise<number> {
    const before = argon2.verifies + argon2.hashes;
    await attempt();
    return argon2.verifies + argon2.hashes - before;
  }

  it("verifies once for an ordinary attempt, right or wrong", async () => {
    expect(await verifiesFor(() => signInIamUser({ account: accountId, userName: "worker", password: "Wrong-pass-1" }, { sourceIp: "192.0.2.70" }))).toBe(1);
  });

  it("verifies once for an unknown user too (against a decoy), so timing does not tell who exists", async () => {
    await verifiesFor(() => signInIamUser({ account: accountId, userName: "nobody-here", password: "Wrong-pass-1" }, { sourceIp: "192.0.2.73" }));
    expect(await verifiesFor(() => signInIamUser({ account: accountId, userName: "nobody-else", password: "Wrong-pass-1" }, { sourceIp: "192.0.2.74" }))).toBe(1);
  });

  it("does no argon2 work for a password over 128 characters", async () => {
    expect(await verifiesFor(() => signInIamUser({ account: accountId, userName: "worker", password: "p".repeat(129) }, { sourceIp: "192.0.2.71" }))).toBe(0);
    await expect(hashPassword("p".repeat(129))).rejects.toThrow(/at most 128/);
  });

  it("does no argon2 work for an attempt the throttle refuses", async () => {
    for (let i = 0; i < 5; i++) {
      await db.auditEvent.create({
        data: { accountId, principalArn: userArn, action: SIGN_IN_ACTION, resource: userArn, result: "Failed", errorCode: "FailedAuthentication", sourceIp: "192.0.2.72", time: new Date(Date.now() - 60_000) },
      });
    }
    expect(await verifiesFor(() => signInIamUser({ account: accountId, userName: "worker", password }, { sourceIp: "192.0.2.72" }))).toBe(0);
  });
});

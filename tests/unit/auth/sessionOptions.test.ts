import { beforeAll, describe, expect, it } from "vitest";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import type { JWT } from "next-auth/jwt";
import type { Session } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { makeAccount, makeUser } from "./fixtures";

let accountId: string;

beforeAll(async () => {
  accountId = await makeAccount({ email: "session@example.com", password: "Root-pass-1", alias: "session-co" });
  await makeUser(accountId, "carol", { password: "Carol-pass-1" });
});

// next-auth keeps a provider's own settings under `options` (its top-level authorize is a stub).
function authorizeWith(id: string) {
  const provider = authOptions().providers.find((p) => p.options?.id === id) as unknown as { options: CredentialsConfig };
  return (credentials: Record<string, string>) =>
    provider.options.authorize(credentials, { headers: { "x-forwarded-for": "198.51.100.4, 10.0.0.1", "user-agent": "test-agent" }, body: {}, query: {}, method: "POST" });
}

describe("next-auth options", () => {
  it("signs the root user in with the root provider, and IAM users with the iam-user provider", async () => {
    expect(await authorizeWith("root")({ email: "session@example.com", password: "Root-pass-1" })).toMatchObject({
      principal: { kind: "root", accountId },
    });
    expect(await authorizeWith("iam-user")({ account: "session-co", userName: "Carol", password: "Carol-pass-1" })).toMatchObject({
      principal: { kind: "user", accountId, userName: "carol" },
    });
    expect(await authorizeWith("root")({ email: "session@example.com", password: "wrong" })).toBeNull();
  });

  it("puts only identifiers, the sign-in time and mfa=false in the token and the session", async () => {
    const user = await authorizeWith("iam-user")({ account: accountId, userName: "carol", password: "Carol-pass-1" });
    const { jwt, session } = authOptions().callbacks!;
    const token = (await jwt!({ token: { name: "x", email: "leak@example.com" }, user: user!, account: null, trigger: "signIn" })) as JWT;
    expect(Object.keys(token).sort()).toEqual(["principal", "sub"]);
    expect(token.principal).toMatchObject({ kind: "user", accountId, userName: "carol", mfa: false });
    expect(Math.abs(token.principal!.authTime - Date.now())).toBeLessThan(5000);
    // Later requests keep the claims as they were stamped.
    expect(await jwt!({ token, user: undefined as never, account: null })).toBe(token);
    const shown = (await session!({ session: { expires: "later", user: { name: "x" } }, token, user: undefined as never, newSession: undefined, trigger: "update" })) as Session;
    expect(shown).toEqual({ expires: "later", principal: token.principal });
  });
});

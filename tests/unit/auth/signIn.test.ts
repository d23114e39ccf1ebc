import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { INCORRECT_CREDENTIALS, SIGN_IN_ACTION, signInIamUser, signInRoot } from "@/lib/auth/signIn";
import { auditEvents, makeAccount, makeUser, REQUEST } from "./fixtures";

const ROOT_PASSWORD = "Root-pass-1";
const USER_PASSWORD = "User-pass-1";
let accountId: string;
let alice: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  accountId = await makeAccount({ email: "owner@example.com", password: ROOT_PASSWORD, alias: "acme-corp" });
  alice = await makeUser(accountId, "Alice", { password: USER_PASSWORD });
  await makeUser(accountId, "no-console");
});

describe("root user sign-in", () => {
  it("signs in with the email in any case and records when the password was used", async () => {
    const result = await signInRoot({ email: "  Owner@Example.COM ", password: ROOT_PASSWORD }, REQUEST);
    expect(result).toEqual({ ok: true, principal: { kind: "root", accountId, arn: `arn:aws:iam::${accountId}:root` } });
    const root = await db.rootUser.findUniqueOrThrow({ where: { accountId } });
    expect(root.passwordLastUsed).toBeInstanceOf(Date);
  });

  it("gives the same generic failure for a wrong password and for an unknown email", async () => {
    const wrongPassword = await signInRoot({ email: "owner@example.com", password: "Wrong-pass-1" }, REQUEST);
    const unknownEmail = await signInRoot({ email: "nobody@example.com", password: ROOT_PASSWORD }, REQUEST);
    const missingFields = await signInRoot({}, REQUEST);
    for (const result of [wrongPassword, unknownEmail, missingFields]) expect(result).toEqual({ ok: false, reason: "incorrect", message: INCORRECT_CREDENTIALS });
  });
});

describe("IAM user sign-in", () => {
  it("signs in by account ID or alias with the user name in any case", async () => {
    const byId = await signInIamUser({ account: accountId, userName: "alice", password: USER_PASSWORD }, REQUEST);
    const byAlias = await signInIamUser({ account: "ACME-corp", userName: "ALICE", password: USER_PASSWORD }, REQUEST);
    const principal = { kind: "user", accountId, arn: alice.arn, userId: alice.id, userName: "Alice" };
    expect(byId).toEqual({ ok: true, principal });
    expect(byAlias).toEqual({ ok: true, principal });
    const user = await db.user.findUniqueOrThrow({ where: { id: alice.id } });
    expect(user.passwordLastUsed).toBeInstanceOf(Date);
  });

  it("never says which part of the credentials was wrong", async () => {
    const attempts = [
      { account: accountId, userName: "Alice", password: "Wrong-pass-1" },
      { account: accountId, userName: "nobody", password: USER_PASSWORD },
      { account: "999999999999", userName: "Alice", password: USER_PASSWORD },
      { account: "no-such-alias", userName: "Alice", password: USER_PASSWORD },
      // A user without a console password cannot sign in, and is not told so.
      { account: accountId, userName: "no-console", password: USER_PASSWORD },
    ];
    for (const attempt of attempts) {
      expect(await signInIamUser(attempt, REQUEST)).toEqual({ ok: false, reason: "incorrect", message: INCORRECT_CREDENTIALS });
    }
  });
});

describe("the audit log", () => {
  it("records every sign-in as signin:ConsoleLogin with the source IP and user agent, never what was typed", async () => {
    await db.auditEvent.deleteMany({ where: { action: SIGN_IN_ACTION } });
    await signInIamUser({ account: accountId, userName: "Alice", password: USER_PASSWORD }, REQUEST);
    await signInIamUser({ account: accountId, userName: "Alice", password: "Typo-pass-1" }, REQUEST);
    await signInIamUser({ account: accountId, userName: "Secret-typed-here", password: USER_PASSWORD }, REQUEST);
    await signInRoot({ email: "stranger@example.com", password: "Stranger-pass-1" }, REQUEST);

    const events = await auditEvents(SIGN_IN_ACTION);
    expect(events.map((e) => [e.principalArn, e.result, e.accountId])).toEqual([
      [alice.arn, "Allowed", accountId],
      [alice.arn, "Failed", accountId],
      // The account is known, the user is not: recorded in the account's log, without a name.
      ["anonymous", "Failed", accountId],
      ["anonymous", "Failed", null],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ sourceIp: REQUEST.sourceIp, userAgent: REQUEST.userAgent });
      const text = JSON.stringify(event);
      for (const secret of [USER_PASSWORD, "Typo-pass-1", "Secret-typed-here", "stranger@example.com", "Stranger-pass-1"]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});

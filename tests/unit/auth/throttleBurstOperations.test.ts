// Operations that check a password or code: a burst gets no more checks than the throttle allows.
import { beforeAll, beforeEach, afterEach, expect, it, vi } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import * as password from "@/lib/auth/password";
import { THROTTLE_RULES } from "@/lib/auth/throttle";
import { db } from "@/lib/db/client";
import { execute } from "@/lib/iam/core/operation";
import { ChangePassword } from "@/lib/iam/credentials/passwords";
import { makeAccount, makeUser } from "./fixtures";

vi.mock("@/lib/auth/password", async (original) => {
  const actual = await original<typeof import("@/lib/auth/password")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
const verifies = () => vi.mocked(password.verifyPassword).mock.calls.length;
const POLICY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:ChangePassword", Resource: "arn:aws:iam::*:user/${aws:username}" }] };
let accountId: string;
beforeAll(async () => { accountId = await makeAccount({ email: "ops@example.com", password: "Right-pass-1" }); });
beforeEach(() => { vi.useFakeTimers({ toFake: ["Date"] }); });
afterEach(() => { vi.useRealTimers(); });

it("a burst of wrong current passwords to ChangePassword gets three checks, each failure recorded, the rest LimitExceeded", async () => {
  const user = await makeUser(accountId, "cp", { password: "Right-pass-1", policy: POLICY });
  const caller: Caller = { kind: "user", accountId, arn: user.arn, userId: user.id, userName: user.name, mfaAuthenticated: false, sourceIp: "10.2.2.2", userAgent: "m" };
  const before = verifies();
  const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => execute(ChangePassword, { OldPassword: "Wrong-1", NewPassword: "Brand-new-pass-2" }, caller)));
  const codes = outcomes.map((o) => (o.status === "rejected" ? (o.reason as { code?: string }).code : "ok"));
  expect(verifies() - before).toBe(THROTTLE_RULES.principalAtAddress.backoffAfter);
  expect(codes.filter((c) => c === "InvalidInput")).toHaveLength(3);
  expect(codes.filter((c) => c === "LimitExceeded")).toHaveLength(17);
  expect(await db.auditEvent.count({ where: { principalArn: user.arn, action: "iam:ChangePassword", errorCode: "InvalidInput" } })).toBe(3);
  expect(await db.authenticatorAttempt.count()).toBe(0);
}, 60_000);

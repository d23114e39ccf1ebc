// What the audit log keeps of a denial (AuditEvent.detail): the engine's explanation, serialised
// once at the time of the decision, bounded however many policies weighed in, and free of secrets.

import { beforeEach, describe, expect, it } from "vitest";
import { LookupEvents } from "@/lib/iam/audit/lookupEvents";
import { MAX_AUDIT_STATEMENTS, readAuditExplanation } from "@/lib/iam/audit/denialExplanation";
import { CreateLoginProfile } from "@/lib/iam/credentials/loginProfiles";
import { execute } from "@/lib/iam/core/operation";
import { CreateUser } from "@/lib/iam/users/users";
import { createAccount, createUser, db, expectIamError, managed, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

async function storedDetail(action: string) {
  const row = await db.auditEvent.findFirstOrThrow({ where: { accountId: acct.accountId, action, result: "Denied" }, orderBy: { sequence: "desc" } });
  return row.detail;
}

describe("the denial explanation in the audit log", () => {
  it("says 'no policy allows it' for a user with no policy, and reads back through LookupEvents", async () => {
    const nobody = await createUser(acct.accountId, "nobody");
    await expectIamError(execute(CreateUser, { UserName: "mallory" }, nobody), "AccessDenied");
    const { Events } = await execute(LookupEvents, { Result: "Denied" }, acct.root);
    const explanation = Events[0]?.Explanation;
    expect(explanation).toMatchObject({ Reason: "no-allow", DecidedBy: [], StatementsEvaluated: 0 });
    expect(explanation?.Summary).toMatch(/iam:CreateUser/);
  });

  it("names the Deny statement that decided", async () => {
    const guarded = await createUser(acct.accountId, "guarded", {
      policies: [managed("IAMFullAccess")],
      inline: { Guard: { Version: "2012-10-17", Statement: [{ Sid: "NoNewUsers", Effect: "Deny", Action: "iam:CreateUser", Resource: "*" }] } },
    });
    await expectIamError(execute(CreateUser, { UserName: "mallory" }, guarded), "AccessDenied");
    const explanation = readAuditExplanation(await storedDetail("iam:CreateUser"));
    expect(explanation?.Reason).toBe("explicit-deny");
    expect(explanation?.DecidedBy).toEqual([expect.objectContaining({ Policy: "Guard (inline, user guarded)", Statement: "NoNewUsers", Effect: "Deny", PolicyType: "identity" })]);
  });

  it("stays a few kilobytes however many statements and however long their names", async () => {
    const long = "S".repeat(2000);
    const statements = Array.from({ length: 40 }, (_, i) => ({ Sid: `${long}${i}`.replace(/\d/g, "x") + String.fromCharCode(65 + (i % 26)), Effect: "Deny", Action: "iam:CreateUser", Resource: "*" }));
    const near = Array.from({ length: 40 }, (_, i) => ({ Sid: `Near${i}`, Effect: "Allow", Action: "iam:CreateUser", Resource: `arn:aws:iam::${acct.accountId}:user/only-${i}` }));
    const heavy = await createUser(acct.accountId, "heavy", {
      inline: { Denies: { Version: "2012-10-17", Statement: statements }, Nears: { Version: "2012-10-17", Statement: near } },
    });
    await expectIamError(execute(CreateUser, { UserName: "mallory" }, heavy), "AccessDenied");
    const detail = (await storedDetail("iam:CreateUser")) ?? "";
    expect(detail.length).toBeLessThan(8_000);
    const explanation = readAuditExplanation(detail);
    expect(explanation?.DecidedBy).toHaveLength(MAX_AUDIT_STATEMENTS);
    expect(explanation?.DecidedBy.every((s) => s.Statement.length <= 256)).toBe(true);
    expect(explanation?.StatementsEvaluated).toBe(80);
  });

  it("never holds the password of the request it denied", async () => {
    await createUser(acct.accountId, "target");
    const nobody = await createUser(acct.accountId, "nobody");
    const password = "Correct-Horse-Battery-9!";
    await expectIamError(execute(CreateLoginProfile, { UserName: "target", Password: password }, nobody), "AccessDenied");
    const row = await db.auditEvent.findFirstOrThrow({ where: { accountId: acct.accountId, action: "iam:CreateLoginProfile" } });
    expect(row.detail).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(password);
  });

  it("reads a detail this code did not write as no explanation", () => {
    expect(readAuditExplanation(null)).toBeUndefined();
    expect(readAuditExplanation("not json")).toBeUndefined();
    expect(readAuditExplanation('{"Summary": 1}')).toBeUndefined();
  });
});

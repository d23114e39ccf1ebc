import { beforeEach, describe, expect, it } from "vitest";
import { LookupEvents } from "@/lib/iam/audit/lookupEvents";
import { execute } from "@/lib/iam/core/operation";
import { CreateUser, GetUser, ListUsers } from "@/lib/iam/users/users";
import { createAccount, createUser, db, expectIamError, managed, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

// Events are numbered in the order they are appended, so four events in one millisecond still
// read back newest first: no pauses between them.
async function seedEvents() {
  const reader = await createUser(acct.accountId, "reader", { policies: [managed("IAMReadOnlyAccess")] });
  await execute(CreateUser, { UserName: "alice" }, acct.root);
  await execute(ListUsers, {}, reader);
  await expectIamError(execute(CreateUser, { UserName: "bob" }, reader), "AccessDenied");
  await expectIamError(execute(GetUser, { UserName: "ghost" }, reader), "NoSuchEntity");
  return reader;
}

describe("LookupEvents", () => {
  it("returns the account's events newest first, with results and read-only flags", async () => {
    await seedEvents();
    const other = await createAccount();
    await execute(CreateUser, { UserName: "elsewhere" }, other.root);
    const { Events, TotalCount } = await execute(LookupEvents, {}, acct.root);
    expect(TotalCount).toBe(4);
    expect(Events.map((e) => [e.Action, e.Result, e.ReadOnly])).toEqual([
      ["iam:GetUser", "Failed", true],
      ["iam:CreateUser", "Denied", false],
      ["iam:ListUsers", "Allowed", true],
      ["iam:CreateUser", "Allowed", false],
    ]);
    expect(Events.every((e, i) => i === 0 || e.EventTime <= Events[i - 1]!.EventTime)).toBe(true);
  });

  it("filters by principal, action, result, read-only and time", async () => {
    const reader = await seedEvents();
    const count = async (input: object) => (await execute(LookupEvents, input, acct.root)).TotalCount;
    expect(await count({ PrincipalArn: reader.arn })).toBe(3);
    expect(await count({ Action: "createuser" })).toBe(2);
    expect(await count({ Result: "Denied" })).toBe(1);
    expect(await count({ ReadOnly: false })).toBe(2);
    expect(await count({ Filter: "ALICE" })).toBe(1);
    expect(await count({ StartTime: new Date(Date.now() + 60_000).toISOString() })).toBe(0);
    expect(await count({ EndTime: new Date(Date.now() + 60_000) })).toBeGreaterThanOrEqual(4);
    await expectIamError(execute(LookupEvents, { StartTime: "2026-02-01", EndTime: "2026-01-01" }, acct.root), "ValidationError", /StartTime must not be after EndTime/);
  });

  it("pages through events without repeating any, even as new events arrive", async () => {
    await seedEvents();
    const first = await execute(LookupEvents, { MaxItems: 3 }, acct.root);
    expect(first.Events.map((e) => e.Action)).toEqual(["iam:GetUser", "iam:CreateUser", "iam:ListUsers"]);
    expect(first.IsTruncated).toBe(true);
    // The first lookup is itself an event now, newer than everything on the first page.
    const second = await execute(LookupEvents, { MaxItems: 3, Marker: first.Marker }, acct.root);
    expect(second.Events.map((e) => e.Action)).toEqual(["iam:CreateUser"]);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
    expect(second.TotalCount).toBe(5);
    await expectIamError(execute(LookupEvents, { Marker: "bogus" }, acct.root), "ValidationError", /Marker: is not a marker/);
  });

  it("is denied to a user without cloudtrail:LookupEvents (IAMReadOnlyAccess does not grant it)", async () => {
    const reader = await createUser(acct.accountId, "reader", { policies: [managed("IAMReadOnlyAccess")] });
    await expectIamError(execute(LookupEvents, {}, reader), "AccessDenied");
    expect(await db.auditEvent.count({ where: { accountId: acct.accountId, result: "Denied", action: "cloudtrail:LookupEvents" } })).toBe(1);
  });
});

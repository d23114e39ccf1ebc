// GET /api/audit/events as a browser calls it: the session's caller decides (no session, a pending
// password reset and a denied LookupEvents are refused with the reason), and a download names its file.

import { beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { ConsoleSession } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { CreateUser } from "@/lib/iam/users/users";
import { createAccount, createUser, managed, type TestAccount } from "../iam/support/fixtures";

/** The parts of the session the route reads. */
type RouteSession = Pick<ConsoleSession, "caller" | "passwordResetRequired">;
const session = vi.hoisted(() => ({ current: undefined as RouteSession | undefined }));
vi.mock("@/lib/auth/session", () => ({ getConsoleSession: async () => session.current }));

const { GET } = await import("@/app/api/audit/events/route");

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
  session.current = { caller: acct.root, passwordResetRequired: false };
});

const get = (query: string) => GET(new NextRequest(`http://localhost/api/audit/events?${query}`));

describe("GET /api/audit/events", () => {
  it("downloads the filtered events as an attachment named for the account and the time", async () => {
    await execute(CreateUser, { UserName: "alice" }, acct.root);
    const response = await get("format=csv&action=CreateUser");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="portcullis-audit-${acct.accountId}-\\d{8}T\\d{6}Z\\.csv"$`));
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(",iam:CreateUser,");

    const json = await get("format=json&action=CreateUser");
    expect(json.headers.get("Content-Disposition")).toMatch(/\.json"$/);
    expect(((await json.json()) as { Records: unknown[] }).Records).toHaveLength(1);
  });

  it("refuses a caller without cloudtrail:LookupEvents with 403 AccessDenied and the reason", async () => {
    const reader = await createUser(acct.accountId, "reader", { policies: [managed("IAMReadOnlyAccess")] });
    session.current = { caller: reader, passwordResetRequired: false };
    const response = await get("format=csv");
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toMatch(/^AccessDenied: .*cloudtrail:LookupEvents/);
  });

  it("refuses without a session, before a new password, and for an unknown format or unreadable time", async () => {
    session.current = undefined;
    expect((await get("format=csv")).status).toBe(401);
    session.current = { caller: acct.root, passwordResetRequired: true };
    expect((await get("format=csv")).status).toBe(403);
    session.current = { caller: acct.root, passwordResetRequired: false };
    expect((await get("format=xlsx")).status).toBe(400);
    const badTime = await get("format=csv&from=12/01/2026");
    expect(badTime.status).toBe(400);
    expect(((await badTime.json()) as { error: string }).error).toMatch(/^ValidationError: From "12\/01\/2026" is not a time/);
  });
});

// The audit log's export (app/api/audit/events): the filters of the page select the events, the
// export reads every page of them through LookupEvents (so the caller's permissions decide), and
// the CSV is safe to open in a spreadsheet.

import { beforeEach, describe, expect, it } from "vitest";
import { readAuditQuery } from "@/app/(console)/_server/auditQuery";
import { AUDIT_EXPORT_MAX, auditCsv, auditJson, collectAuditEvents } from "@/app/api/audit/events/auditExport";
import { execute } from "@/lib/iam/core/operation";
import type { AuditEventView } from "@/lib/iam/audit/lookupEvents";
import { CreateUser, ListUsers } from "@/lib/iam/users/users";
import { createAccount, createUser, db, expectIamError, managed, type TestAccount } from "../iam/support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

function lookup(query: Record<string, string>) {
  const read = readAuditQuery(query);
  if (!read.lookup) throw new Error(read.problem);
  return read.lookup;
}

async function exported(query: Record<string, string>, caller = acct.root) {
  const result = await collectAuditEvents(caller, lookup(query));
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const event = (overrides: Partial<AuditEventView>): AuditEventView => ({
  EventId: "AE1",
  EventTime: new Date("2026-12-01T12:00:05.123Z"),
  PrincipalArn: "arn:aws:iam::123456789012:user/bob",
  Action: "iam:CreateUser",
  Resource: "arn:aws:iam::123456789012:user/mallory",
  Result: "Denied",
  ReadOnly: false,
  ...overrides,
});

/** RFC 4180 fields of one CSV text, quotes and all, so the test reads what a spreadsheet would. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

describe("auditCsv", () => {
  it("quotes commas, quotes and line breaks, and keeps each event on one record", () => {
    const csv = auditCsv([event({ UserAgent: 'Mozilla/5.0, "quoted"', ErrorMessage: "first line\nsecond line\r\nthird" })]);
    const [header, row] = parseCsv(csv);
    expect(header?.[0]).toBe("Event time (UTC)");
    expect(row?.[header!.indexOf("User agent")]).toBe('Mozilla/5.0, "quoted"');
    expect(row?.[header!.indexOf("Error message")]).toBe("first line\nsecond line\r\nthird");
    expect(row?.[0]).toBe("2026-12-01T12:00:05.123Z");
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(parseCsv(csv)).toHaveLength(2);
  });

  it("defuses fields a spreadsheet would run as a formula", () => {
    for (const payload of ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) {
      const [header, row] = parseCsv(auditCsv([event({ UserAgent: payload })]));
      expect(row?.[header!.indexOf("User agent")], payload).toBe(`'${payload}`);
    }
    const [header, row] = parseCsv(auditCsv([event({ UserAgent: "curl/8.0" })]));
    expect(row?.[header!.indexOf("User agent")]).toBe("curl/8.0");
  });

  it("holds the denial's explanation and deciding statements", () => {
    const csv = auditCsv([
      event({
        Explanation: {
          Summary: "Denied: statement DenyAll in policy Guard denies it.",
          Reason: "explicit-deny",
          DecidedBy: [{ Policy: "Guard", PolicyType: "identity", Statement: "DenyAll", Effect: "Deny", Reason: "matched" }],
          NearMisses: [],
          StatementsEvaluated: 3,
        },
      }),
    ]);
    const [header, row] = parseCsv(csv);
    expect(row?.[header!.indexOf("Why (engine's explanation)")]).toBe("Denied: statement DenyAll in policy Guard denies it.");
    expect(row?.[header!.indexOf("Deciding statements")]).toBe("Deny DenyAll in Guard");
  });
});

describe("collectAuditEvents", () => {
  it("exports exactly the events the page's filters select", async () => {
    const reader = await createUser(acct.accountId, "reader", { policies: [managed("IAMReadOnlyAccess")] });
    await execute(CreateUser, { UserName: "alice" }, acct.root);
    await execute(ListUsers, {}, reader);
    await expectIamError(execute(CreateUser, { UserName: "mallory" }, reader), "AccessDenied");

    const denied = await exported({ result: "Denied" });
    expect(denied.events.map((e) => [e.Action, e.PrincipalArn])).toEqual([["iam:CreateUser", reader.arn]]);
    expect(denied.events[0]?.Explanation?.Reason).toBe("no-allow");

    const byReader = await exported({ principal: reader.arn, readOnly: "show" });
    expect(byReader.events.map((e) => e.Action)).toEqual(["iam:CreateUser", "iam:ListUsers"]);
    // Without "show read-only events", the page and its export hold changes only.
    expect((await exported({ principal: reader.arn })).events.map((e) => e.Action)).toEqual(["iam:CreateUser"]);
    expect((await exported({ action: "createuser" })).events.map((e) => e.Result)).toEqual(["Denied", "Allowed"]);
    expect((await exported({ from: "1 Jan 2000", to: "2000-01-02" })).events).toEqual([]);

    const json = JSON.parse(auditJson(denied.events)) as { Records: { eventName: string; additionalEventData: { result: string } }[] };
    expect(json.Records.map((r) => [r.eventName, r.additionalEventData.result])).toEqual([["CreateUser", "Denied"]]);
  });

  it("is refused with AccessDenied to a caller who may not read the audit log", async () => {
    const reader = await createUser(acct.accountId, "reader", { policies: [managed("IAMReadOnlyAccess")] });
    const result = await collectAuditEvents(reader, lookup({}));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe("AccessDenied");
  });

  it("pages through with the marker, newest first, and stops at AUDIT_EXPORT_MAX", async () => {
    const rows = AUDIT_EXPORT_MAX + 50;
    await db.auditEvent.createMany({
      data: Array.from({ length: rows }, (_, i) => ({
        accountId: acct.accountId,
        principalArn: acct.root.arn,
        action: "iam:TagUser",
        resource: `arn:aws:iam::${acct.accountId}:user/u${i}`,
        result: "Allowed",
        readOnly: false,
      })),
    });
    const all = await exported({ action: "TagUser" });
    expect(all.totalCount).toBe(rows);
    expect(all.events).toHaveLength(AUDIT_EXPORT_MAX);
    expect(new Set(all.events.map((e) => e.EventId)).size).toBe(AUDIT_EXPORT_MAX);
    // Newest first: the last row written is first, and the 50 oldest are the ones left out.
    expect(all.events[0]?.Resource).toBe(`arn:aws:iam::${acct.accountId}:user/u${rows - 1}`);
    expect(all.events.at(-1)?.Resource).toBe(`arn:aws:iam::${acct.accountId}:user/u50`);
  });
});

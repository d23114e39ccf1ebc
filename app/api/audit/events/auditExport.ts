// The audit log's export: the events the page's filters select, newest first, read through
// LookupEvents a thousand at a time (its largest page) and written as CSV or as CloudTrail-style
// JSON ({"Records": [...]}). At most AUDIT_EXPORT_MAX events: a filter narrows a bigger log.

import type { Caller } from "@/lib/auth/caller";
import { LookupEvents, type AuditEventView } from "@/lib/iam/audit/lookupEvents";
import { eventRecord } from "@/lib/iam/audit/eventRecord";
import { readOperation, type ReadResult } from "@/app/(console)/_server/readOperation";
import type { AuditLookup } from "@/app/(console)/_server/auditQuery";

/** The most events one export holds: the newest ten thousand that match. */
export const AUDIT_EXPORT_MAX = 10_000;
const PAGE = 1000;

export interface AuditExport {
  readonly events: readonly AuditEventView[];
  /** How many events match; more than events.length when the export stopped at AUDIT_EXPORT_MAX. */
  readonly totalCount: number;
}

export async function collectAuditEvents(caller: Caller, lookup: AuditLookup): Promise<ReadResult<AuditExport>> {
  const events: AuditEventView[] = [];
  let marker: string | undefined;
  let totalCount = 0;
  do {
    const page = await readOperation(LookupEvents, { ...lookup, Marker: marker, MaxItems: Math.min(PAGE, AUDIT_EXPORT_MAX - events.length) }, caller);
    if (!page.ok) return page;
    // The first page's count: later pages also count the lookups this export itself appended.
    if (marker === undefined) totalCount = page.value.TotalCount;
    events.push(...page.value.Events);
    marker = page.value.IsTruncated ? page.value.Marker : undefined;
  } while (marker !== undefined && events.length < AUDIT_EXPORT_MAX);
  return { ok: true, value: { events, totalCount } };
}

const CSV_COLUMNS: readonly [header: string, cell: (event: AuditEventView) => string | undefined][] = [
  ["Event time (UTC)", (e) => e.EventTime.toISOString()],
  ["Event ID", (e) => e.EventId],
  ["Principal", (e) => e.PrincipalArn],
  ["Action", (e) => e.Action],
  ["Resource", (e) => e.Resource],
  ["Result", (e) => e.Result],
  ["Read-only", (e) => (e.ReadOnly ? "true" : "false")],
  ["Source IP", (e) => e.SourceIpAddress],
  ["User agent", (e) => e.UserAgent],
  ["Error code", (e) => e.ErrorCode],
  ["Error message", (e) => e.ErrorMessage],
  ["Why (engine's explanation)", (e) => e.Explanation?.Summary],
  ["Deciding statements", (e) => e.Explanation?.DecidedBy.map((s) => `${s.Effect} ${s.Statement} in ${s.Policy}`).join("; ")],
];

/**
 * One CSV field (RFC 4180). A field a spreadsheet would run as a formula (=, +, -, @, tab, CR first)
 * is prefixed with an apostrophe: a user agent or message is whatever the client sent.
 */
function csvField(value: string | undefined): string {
  if (value === undefined || value === "") return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(events: readonly AuditEventView[]): string {
  const lines = [CSV_COLUMNS.map(([header]) => csvField(header)).join(",")];
  for (const event of events) lines.push(CSV_COLUMNS.map(([, cell]) => csvField(cell(event))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export function auditJson(events: readonly AuditEventView[]): string {
  return `${JSON.stringify({ Records: events.map(eventRecord) }, null, 2)}\n`;
}

// GET /api/audit/events?format=csv|json&<the audit page's filters>: the filtered events as a file
// download (at most AUDIT_EXPORT_MAX, newest first). Signed-in callers only, and like the page it is
// decided by cloudtrail:LookupEvents, so a caller who may not read the log gets a 403 with the reason.

import { NextResponse, type NextRequest } from "next/server";
import { getConsoleSession } from "@/lib/auth/session";
import { readAuditQuery } from "@/app/(console)/_server/auditQuery";
import { auditCsv, auditJson, collectAuditEvents } from "./auditExport";

export const dynamic = "force-dynamic";

const FORMATS = {
  csv: { type: "text/csv; charset=utf-8", write: auditCsv },
  json: { type: "application/json; charset=utf-8", write: auditJson },
} as const;

const refuse = (status: number, error: string) => NextResponse.json({ error }, { status, headers: { "Cache-Control": "no-store" } });

export async function GET(request: NextRequest) {
  const query = Object.fromEntries(request.nextUrl.searchParams);
  const format = query.format === "csv" || query.format === "json" ? FORMATS[query.format] : undefined;
  if (!format) return refuse(400, 'ValidationError: format must be "csv" or "json".');
  const { lookup, problem } = readAuditQuery(query);
  if (!lookup) return refuse(400, `ValidationError: ${problem}`);
  const session = await getConsoleSession();
  if (!session) return refuse(401, "Unauthenticated: sign in to export the audit log.");
  if (session.passwordResetRequired) return refuse(403, "PasswordResetRequired: choose a new password before exporting the audit log.");

  const exported = await collectAuditEvents(session.caller, lookup);
  if (!exported.ok) return refuse(exported.error.code === "AccessDenied" ? 403 : 400, `${exported.error.code}: ${exported.error.message}`);
  const { events, totalCount } = exported.value;
  const stamp = new Date().toISOString().replace(/[-:]|\.\d+/g, "");
  return new NextResponse(format.write(events), {
    headers: {
      "Content-Type": format.type,
      "Content-Disposition": `attachment; filename="portcullis-audit-${session.caller.accountId}-${stamp}.${query.format}"`,
      "Cache-Control": "no-store",
      "X-Audit-Events-Matched": String(totalCount),
      "X-Audit-Events-Exported": String(events.length),
    },
  });
}

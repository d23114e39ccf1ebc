// GET /api/credential-report: the account's credential report as the CSV file AWS's console
// downloads (status_reports_<time>.csv). Signed-in callers only; it is GetCredentialReport, decided
// by the engine like any other call, so a caller who may not read the report gets the reason.

import { NextResponse } from "next/server";
import { getConsoleSession } from "@/lib/auth/session";
import { isIamError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { GetCredentialReport } from "@/lib/iam/reports/credentialReport";

export const dynamic = "force-dynamic";

/** GetCredentialReport's own statuses (IAM API Reference), and 403 for a denial. */
const STATUS: Record<string, number> = { AccessDenied: 403, ReportNotPresent: 410, ReportExpired: 410, ReportInProgress: 404 };

const refuse = (status: number, error: string) => new NextResponse(`${error}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function GET() {
  const session = await getConsoleSession();
  if (!session) return refuse(401, "Unauthenticated: sign in to download the credential report.");
  if (session.passwordResetRequired) return refuse(403, "PasswordResetRequired: choose a new password before downloading the credential report.");
  try {
    const report = await execute(GetCredentialReport, {}, session.caller);
    const stamp = report.GeneratedTime.toISOString().slice(0, 19).replaceAll(":", "_");
    return new NextResponse(report.Content, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="status_reports_${stamp}+00_00.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (!isIamError(error)) throw error;
    return refuse(STATUS[error.code] ?? 400, `${error.code}: ${error.message}`);
  }
}

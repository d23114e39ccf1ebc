// The credential report page's views: the whole report, or the rows an auditor looks for first.
// Each is judged at the report's generation time, not the time the page is read, so a view and the
// downloaded file always agree.

import type { CredentialReportRow } from "@/lib/iam/reports/credentialReportCsv";

/** AWS's advice for rotating access keys and the usual review period, in days. */
export const REPORT_REVIEW_DAYS = 90;

export const REPORT_FILTERS = [
  { id: "all", label: "All" },
  { id: "no-mfa", label: "No MFA" },
  { id: "old-keys", label: `Keys older than ${REPORT_REVIEW_DAYS} days` },
  { id: "unused", label: `Unused for ${REPORT_REVIEW_DAYS} days` },
] as const;

export type ReportFilterId = (typeof REPORT_FILTERS)[number]["id"];

export function reportFilterId(value: string | undefined): ReportFilterId {
  return REPORT_FILTERS.find((f) => f.id === value)?.id ?? "all";
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A report time (ISO 8601), or undefined for N/A, no_information and not_supported. */
export function reportDate(value: string): Date | undefined {
  if (!/^\d{4}-\d\d-\d\dT/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const KEYS = [
  { active: "access_key_1_active", rotated: "access_key_1_last_rotated", used: "access_key_1_last_used_date" },
  { active: "access_key_2_active", rotated: "access_key_2_last_rotated", used: "access_key_2_last_used_date" },
] as const;

/** The latest use of any of the row's credentials: a console sign-in or an access key's request. */
export function lastUsed(row: CredentialReportRow): Date | undefined {
  return [row.password_last_used, ...KEYS.map((k) => row[k.used])]
    .map(reportDate)
    .filter((d): d is Date => d !== undefined)
    .sort((a, b) => b.getTime() - a.getTime())[0];
}

export function matchesReportFilter(row: CredentialReportRow, filter: ReportFilterId, generatedAt: Date): boolean {
  const horizon = generatedAt.getTime() - REPORT_REVIEW_DAYS * DAY_MS;
  const before = (value: Date | undefined) => value !== undefined && value.getTime() < horizon;
  switch (filter) {
    case "all":
      return true;
    case "no-mfa":
      return row.mfa_active !== "TRUE";
    case "old-keys":
      return KEYS.some((k) => row[k.active] === "TRUE" && before(reportDate(row[k.rotated])));
    case "unused": {
      // Created before the period and not used in it; an identity never used counts from its creation.
      const used = lastUsed(row);
      return before(reportDate(row.user_creation_time)) && (used === undefined || before(used));
    }
  }
}

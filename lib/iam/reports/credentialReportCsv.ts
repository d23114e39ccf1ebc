// The credential report's CSV, in AWS's exact format (IAM User Guide, "Getting credential reports
// for your AWS account"): 22 columns in AWS's order, the root user first as <root_account>, then one
// row per IAM user. Values are AWS's words: TRUE/FALSE, N/A (the credential does not exist),
// no_information (it exists but was never used), not_supported (the root user has no such field),
// and times in ISO 8601 with AWS's +00:00 offset. Pure: no database, so pages can parse it too.

export const CREDENTIAL_REPORT_COLUMNS = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "password_last_changed",
  "password_next_rotation",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
] as const;

export type CredentialReportColumn = (typeof CREDENTIAL_REPORT_COLUMNS)[number];
export type CredentialReportRow = Readonly<Record<CredentialReportColumn, string>>;

export const ROOT_ACCOUNT_USER = "<root_account>";
export const NOT_APPLICABLE = "N/A";
export const NO_INFORMATION = "no_information";
export const NOT_SUPPORTED = "not_supported";

const DAY_MS = 24 * 60 * 60 * 1000;

/** AWS's report time: 2026-12-01T10:00:00+00:00 (whole seconds, UTC written as an offset). */
export function reportTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

const bool = (value: boolean) => (value ? "TRUE" : "FALSE");

/** An access key as the report needs it. */
export interface ReportAccessKey {
  readonly id: string;
  readonly status: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly lastUsedRegion: string | null;
  readonly lastUsedService: string | null;
}

/** One identity's credentials, loaded in bulk by the report's generator. */
export interface ReportIdentity {
  readonly user: string;
  readonly arn: string;
  readonly createdAt: Date;
  /** The root user signs in with its email and password, but the report has no password fields for it. */
  readonly root: boolean;
  /** The console password (login profile), or null when the user has none. */
  readonly password: { readonly changedAt: Date; readonly lastUsed: Date | null } | null;
  readonly mfaActive: boolean;
  readonly accessKeys: readonly ReportAccessKey[];
}

function keyColumns(key: ReportAccessKey | undefined) {
  if (!key) return { active: "FALSE", lastRotated: NOT_APPLICABLE, lastUsedDate: NOT_APPLICABLE, region: NOT_APPLICABLE, service: NOT_APPLICABLE };
  const used = key.lastUsedAt !== null;
  return {
    active: bool(key.status === "Active"),
    lastRotated: reportTime(key.createdAt),
    // A key never used has no last use, region or service: N/A, as AWS writes it.
    lastUsedDate: used ? reportTime(key.lastUsedAt!) : NOT_APPLICABLE,
    region: used && key.lastUsedRegion ? key.lastUsedRegion : NOT_APPLICABLE,
    service: used && key.lastUsedService ? key.lastUsedService : NOT_APPLICABLE,
  };
}

/** One report row. maxPasswordAge is the password policy's rotation period in days, or null. */
export function reportRow(identity: ReportIdentity, maxPasswordAge: number | null): CredentialReportRow {
  // Key 1 is the older key, key 2 the newer, as AWS numbers them.
  const [first, second] = [...identity.accessKeys].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const k1 = keyColumns(first);
  const k2 = keyColumns(second);
  const { password } = identity;
  const passwordColumns = identity.root
    ? {
        password_enabled: NOT_SUPPORTED,
        password_last_used: password?.lastUsed ? reportTime(password.lastUsed) : NO_INFORMATION,
        password_last_changed: NOT_SUPPORTED,
        password_next_rotation: NOT_SUPPORTED,
      }
    : {
        password_enabled: bool(password !== null),
        password_last_used: password === null ? NOT_APPLICABLE : password.lastUsed ? reportTime(password.lastUsed) : NO_INFORMATION,
        password_last_changed: password === null ? NOT_APPLICABLE : reportTime(password.changedAt),
        password_next_rotation:
          password !== null && maxPasswordAge !== null ? reportTime(new Date(password.changedAt.getTime() + maxPasswordAge * DAY_MS)) : NOT_APPLICABLE,
      };
  return {
    user: identity.user,
    arn: identity.arn,
    user_creation_time: reportTime(identity.createdAt),
    ...passwordColumns,
    mfa_active: bool(identity.mfaActive),
    access_key_1_active: k1.active,
    access_key_1_last_rotated: k1.lastRotated,
    access_key_1_last_used_date: k1.lastUsedDate,
    access_key_1_last_used_region: k1.region,
    access_key_1_last_used_service: k1.service,
    access_key_2_active: k2.active,
    access_key_2_last_rotated: k2.lastRotated,
    access_key_2_last_used_date: k2.lastUsedDate,
    access_key_2_last_used_region: k2.region,
    access_key_2_last_used_service: k2.service,
    // Portcullis has no signing certificates: never active, never rotated.
    cert_1_active: "FALSE",
    cert_1_last_rotated: NOT_APPLICABLE,
    cert_2_active: "FALSE",
    cert_2_last_rotated: NOT_APPLICABLE,
  };
}

// IAM names may contain commas (the rule is [\w+=,.@-]), so such a field is quoted, as RFC 4180 says.
const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The report's text: the header line, then one line per row. */
export function toCsv(rows: readonly CredentialReportRow[]): string {
  return [CREDENTIAL_REPORT_COLUMNS.join(","), ...rows.map((row) => CREDENTIAL_REPORT_COLUMNS.map((c) => field(row[c])).join(","))].join("\n");
}

function splitLine(line: string): string[] {
  const fields: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      fields.push(current);
      current = "";
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

/** The rows of a report's text (what GetCredentialReport returns), keyed by column. */
export function parseCsv(content: string): CredentialReportRow[] {
  const [header, ...lines] = content.split("\n").filter((line) => line.length > 0);
  if (!header) return [];
  const columns = splitLine(header);
  return lines.map((line) => {
    const values = splitLine(line);
    return Object.fromEntries(CREDENTIAL_REPORT_COLUMNS.map((c) => [c, values[columns.indexOf(c)] ?? ""])) as CredentialReportRow;
  });
}

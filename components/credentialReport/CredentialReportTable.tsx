import Link from "next/link";
import type { CredentialReportRow } from "@/lib/iam/reports/credentialReportCsv";
import { DateTime } from "@/components/console/DateTime";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { DataTable, type Column } from "@/components/table/DataTable";
import { userHref } from "@/components/users/userHref";
import { reportDate } from "./reportFilters";

const ROOT = "<root_account>";

/** A report value as a person reads it: a time in UTC, or AWS's word for why there is none. */
function ReportValue({ value }: { value: string }) {
  const date = reportDate(value);
  if (date) return <DateTime value={date} />;
  const words: Record<string, string> = { "N/A": "N/A", no_information: "No information", not_supported: "Not supported" };
  return <span className="text-slate-500">{words[value] ?? value}</span>;
}

const yesNo = (value: string) => (value === "TRUE" ? "Yes" : value === "FALSE" ? <span className="text-slate-500">No</span> : <ReportValue value={value} />);

function AccessKey({ row, n }: { row: CredentialReportRow; n: 1 | 2 }) {
  const rotated = row[`access_key_${n}_last_rotated`];
  if (!reportDate(rotated)) return <span className="text-slate-500">None</span>;
  const service = row[`access_key_${n}_last_used_service`];
  const region = row[`access_key_${n}_last_used_region`];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
      <dt className="text-slate-500">State</dt>
      <dd>{row[`access_key_${n}_active`] === "TRUE" ? "Active" : "Inactive"}</dd>
      <dt className="text-slate-500">Rotated</dt>
      <dd>
        <ReportValue value={rotated} />
      </dd>
      <dt className="text-slate-500">Last used</dt>
      <dd>
        <ReportValue value={row[`access_key_${n}_last_used_date`]} />
        {reportDate(row[`access_key_${n}_last_used_date`]) && service !== "N/A" && (
          <span className="text-slate-600">
            {" "}
            ({service}
            {region !== "N/A" ? `, ${region}` : ""})
          </span>
        )}
      </dd>
    </dl>
  );
}

const COLUMNS: Column<CredentialReportRow>[] = [
  {
    key: "user",
    header: "User",
    render: (row) =>
      row.user === ROOT ? (
        <span className="font-medium">Root user</span>
      ) : (
        <Link href={userHref(row.user)} className={`${buttonStyles.link} font-medium break-words`}>
          {row.user}
        </Link>
      ),
  },
  { key: "created", header: "Created", className: "hidden lg:table-cell", render: (row) => <ReportValue value={row.user_creation_time} /> },
  { key: "passwordEnabled", header: "Password", render: (row) => yesNo(row.password_enabled) },
  { key: "passwordUsed", header: "Password last used", render: (row) => <ReportValue value={row.password_last_used} /> },
  { key: "passwordChanged", header: "Password last changed", className: "hidden xl:table-cell", render: (row) => <ReportValue value={row.password_last_changed} /> },
  { key: "passwordRotation", header: "Next rotation", className: "hidden xl:table-cell", render: (row) => <ReportValue value={row.password_next_rotation} /> },
  { key: "mfa", header: "MFA", render: (row) => yesNo(row.mfa_active) },
  { key: "key1", header: "Access key 1", render: (row) => <AccessKey row={row} n={1} /> },
  { key: "key2", header: "Access key 2", render: (row) => <AccessKey row={row} n={2} /> },
];

/** The report's rows as a table: the columns an auditor reads first; the download has all 22. */
export function CredentialReportTable({ rows }: { rows: readonly CredentialReportRow[] }) {
  return <DataTable caption="Credential report" columns={COLUMNS} rows={rows} rowKey={(row) => row.arn} testId="credential-report-table" rowTestId={() => "credential-report-row"} />;
}

import type { Metadata } from "next";
import { requireCaller } from "@/lib/auth/session";
import { parseCsv } from "@/lib/iam/reports/credentialReportCsv";
import { DateTime } from "@/components/console/DateTime";
import { PageHeader } from "@/components/console/PageHeader";
import { Panel } from "@/components/console/Panel";
import { Tabs } from "@/components/console/Tabs";
import { CredentialReportTable } from "@/components/credentialReport/CredentialReportTable";
import { matchesReportFilter, REPORT_FILTERS, reportFilterId } from "@/components/credentialReport/reportFilters";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ActionForm } from "@/components/forms/ActionForm";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { EmptyState } from "@/components/table/EmptyState";
import { Pagination } from "@/components/table/Pagination";
import { hrefWith, param, RESET_PAGE, type SearchParams } from "@/components/table/queryHref";
import { LIST_PAGE_SIZE } from "../_server/listPages";
import { generateCredentialReport } from "./actions";
import { loadCredentialReport } from "./loadCredentialReport";

export const metadata: Metadata = { title: "Credential report · Portcullis" };
export const dynamic = "force-dynamic";

const PATH = "/credential-report";

/** Why there is no report to show, in words that say what to do. */
const MISSING: Record<string, { title: string; description: string }> = {
  ReportNotPresent: { title: "No credential report yet", description: "Generate a report to list the root user and every IAM user with the state of their password, MFA and access keys." },
  ReportExpired: { title: "The last report has expired", description: "A credential report is kept for 4 hours. Generate a new one to see the credentials as they are now." },
  ReportInProgress: { title: "A report is being generated", description: "Reload this page in a few seconds to see it." },
};

export default async function CredentialReportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const current = await searchParams;
  const caller = await requireCaller();
  const { report, controls } = await loadCredentialReport(caller);
  const missing = !report.ok ? MISSING[report.error.code] : undefined;
  const generate = (
    <ActionForm action={generateCredentialReport} submitLabel="Generate report" pendingLabel="Generating…" variant="primary" permission={controls.generate} submitTestId="generate-report" />
  );
  const download = report.ok ? (
    <ButtonLink href="/api/credential-report" download variant="secondary" permission={controls.get} testId="download-report">
      Download report
    </ButtonLink>
  ) : null;

  const filter = reportFilterId(param(current, "filter"));
  const offset = Math.max(0, Number.parseInt(param(current, "marker") ?? "0", 10) || 0);
  const rows = report.ok ? parseCsv(report.value.Content) : [];
  const counts = report.ok ? Object.fromEntries(REPORT_FILTERS.map((f) => [f.id, rows.filter((r) => matchesReportFilter(r, f.id, report.value.GeneratedTime)).length])) : {};
  const shown = report.ok ? rows.filter((r) => matchesReportFilter(r, filter, report.value.GeneratedTime)) : [];
  const page = shown.slice(offset, offset + LIST_PAGE_SIZE);

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Credential report"
        description="Every user in the account and the state of their credentials: passwords, MFA and access keys, in AWS's CSV format. A new report can be generated every 4 hours."
        actions={
          <div className="flex flex-wrap items-start gap-2">
            {generate}
            {download}
          </div>
        }
      />
      {!report.ok && !missing ? (
        <ErrorPanel error={report.error} />
      ) : !report.ok ? (
        <EmptyState title={missing!.title} description={missing!.description} testId="report-missing" />
      ) : (
        <>
          <Panel title="Report" testId="report-summary">
            <p className="text-sm text-slate-700">
              Generated <DateTime value={report.value.GeneratedTime} seconds /> ({rows.length === 1 ? "the root user only" : `the root user and ${rows.length - 1} IAM users`}). It is
              current for 4 hours from then; after that, generate a new one.
            </p>
          </Panel>
          <Tabs label="Report views" tabs={REPORT_FILTERS.map((f) => ({ id: f.id, label: f.label, count: counts[f.id] }))} current={filter} hrefFor={(id) => hrefWith(PATH, current, { ...RESET_PAGE, filter: id === "all" ? undefined : id })} />
          {page.length === 0 ? (
            <EmptyState title="No matching users" description={`No user in the report matches “${REPORT_FILTERS.find((f) => f.id === filter)!.label}”.`} testId="report-no-match" />
          ) : (
            <CredentialReportTable rows={page} />
          )}
          <Pagination
            path={PATH}
            current={current}
            nextMarker={offset + LIST_PAGE_SIZE < shown.length ? String(offset + LIST_PAGE_SIZE) : undefined}
            pageSize={LIST_PAGE_SIZE}
            itemsOnPage={page.length}
            totalCount={shown.length}
            noun="users"
          />
        </>
      )}
    </div>
  );
}

import { requireCaller } from "@/lib/auth/session";
import type { AuditEventView } from "@/lib/iam/audit/lookupEvents";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { AuditFilters } from "@/components/audit/AuditFilters";
import { ResultBadge } from "@/components/audit/ResultBadge";
import { DateTime } from "@/components/console/DateTime";
import { PageHeader } from "@/components/console/PageHeader";
import { DataTable, type Column } from "@/components/table/DataTable";
import { EmptyState } from "@/components/table/EmptyState";
import { Pagination } from "@/components/table/Pagination";
import type { SearchParams } from "@/components/table/queryHref";
import { AUDIT_PAGE_SIZE, loadAuditLog } from "../_server/listPages";

export const dynamic = "force-dynamic";


// ARNs wrap after a ":" or "/" where they can, so an account ID is not split across lines.
const breakable = (text: string) => text.split(/(?<=[:/])/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
const mono = (text?: string) => (text ? <code className="font-mono text-xs wrap-anywhere">{breakable(text)}</code> : <span className="text-slate-400">—</span>);

const columns: Column<AuditEventView>[] = [
  { key: "time", header: "Event time", className: "whitespace-nowrap", render: (event) => <DateTime value={event.EventTime} /> },
  { key: "principal", header: "Principal", render: (event) => mono(event.PrincipalArn) },
  { key: "action", header: "Action", render: (event) => <span className="font-medium whitespace-nowrap">{event.Action}</span> },
  { key: "resource", header: "Resource", render: (event) => mono(event.Resource) },
  { key: "result", header: "Result", render: (event) => <ResultBadge result={event.Result} /> },
  {
    key: "ip",
    header: "Source IP",
    // An address reads as one token: never wrapped mid-address (203.0.113.54 would otherwise split).
    render: (event) => (event.SourceIpAddress ? <code className="font-mono text-xs whitespace-nowrap">{event.SourceIpAddress}</code> : mono()),
  },
  {
    key: "error",
    header: "Error code",
    render: (event) => (event.ErrorCode ? <span title={event.ErrorMessage} className="font-mono text-xs">{event.ErrorCode}</span> : <span className="text-slate-400">—</span>),
  },
];


export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const current = await searchParams;
  const caller = await requireCaller();
  const { result: events, filters } = await loadAuditLog(caller, current);
  const { principal, action, result, showReadOnly, from, to } = filters;
  const filtered = Boolean(principal || action || result || from || to);
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Audit log"
        description="Every decision the policy engine made in this account, newest first: who asked, for what, on which resource, and whether it was allowed, denied or failed."
      />
      <AuditFilters current={current} values={{ principal, result, readOnly: showReadOnly, from, to }} />
      {!events.ok ? (
        <ErrorPanel error={events.error} />
      ) : events.value.Events.length === 0 ? (
        <EmptyState
          title="No events"
          description={filtered ? "No event matches these filters." : showReadOnly ? "Nothing has happened in this account yet." : "No changes yet. Show read-only events to see reads too."}
          testId="audit-empty"
        />
      ) : (
        <>
          <DataTable caption="Audit events" columns={columns} rows={events.value.Events} rowKey={(event) => event.EventId} testId="audit-table" />
          <Pagination
            path="/audit"
            current={current}
            nextMarker={events.value.IsTruncated ? events.value.Marker : undefined}
            pageSize={AUDIT_PAGE_SIZE}
            itemsOnPage={events.value.Events.length}
            totalCount={events.value.TotalCount}
            noun="events"
          />
        </>
      )}
    </div>
  );
}

import { requireCaller } from "@/lib/auth/session";
import { AuditEventsTable } from "@/components/audit/AuditEventsTable";
import { AuditExportLinks } from "@/components/audit/AuditExportLinks";
import { AuditFilters } from "@/components/audit/AuditFilters";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { PageHeader } from "@/components/console/PageHeader";
import { EmptyState } from "@/components/table/EmptyState";
import { Pagination } from "@/components/table/Pagination";
import type { SearchParams } from "@/components/table/queryHref";
import { plural } from "@/components/text/plural";
import { AUDIT_EXPORT_MAX } from "@/app/api/audit/events/auditExport";
import { AUDIT_PAGE_SIZE, loadAuditLog } from "../_server/listPages";

export const dynamic = "force-dynamic";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const current = await searchParams;
  const caller = await requireCaller();
  const { result: events, filters, problemField } = await loadAuditLog(caller, current);
  const { principal, action, result, showReadOnly, from, to } = filters;
  const filtered = Boolean(principal || action || result || from || to);
  const found = events.ok && events.value.Events.length > 0 ? events.value : undefined;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Audit log"
        description="Every decision the policy engine made in this account, newest first: who asked, for what, on which resource, and whether it was allowed, denied or failed."
        actions={found && <AuditExportLinks current={current} />}
      />
      <AuditFilters values={{ action, principal, result, readOnly: showReadOnly, from, to }} filtered={filtered || showReadOnly} invalid={problemField} />
      {!events.ok ? (
        <ErrorPanel error={events.error} />
      ) : !found ? (
        <EmptyState
          title="No events"
          description={filtered ? "No event matches these filters." : showReadOnly ? "Nothing has happened in this account yet." : "No changes yet. Show read-only events to see reads too."}
          testId="audit-empty"
        />
      ) : (
        <>
          <AuditEventsTable events={found.Events} />
          <Pagination
            path="/audit"
            current={current}
            nextMarker={found.IsTruncated ? found.Marker : undefined}
            pageSize={AUDIT_PAGE_SIZE}
            itemsOnPage={found.Events.length}
            totalCount={found.TotalCount}
            noun="events"
          />
          <p className="text-sm text-slate-600" data-testid="audit-export-cap">
            {found.TotalCount > AUDIT_EXPORT_MAX
              ? `The CSV and JSON downloads hold the newest ${AUDIT_EXPORT_MAX.toLocaleString("en-GB")} of these ${found.TotalCount.toLocaleString("en-GB")} events: narrow the time range to download the rest.`
              : `The CSV and JSON downloads hold ${found.TotalCount === 1 ? "this event" : `all ${plural(found.TotalCount, "event")} these filters select`}, across every page (at most ${AUDIT_EXPORT_MAX.toLocaleString("en-GB")}).`}
          </p>
        </>
      )}
    </div>
  );
}

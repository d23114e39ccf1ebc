import { notFound } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { eventRecord } from "@/lib/iam/audit/eventRecord";
import { AuditEventRecord } from "@/components/audit/AuditEventRecord";
import { AuditExplanation } from "@/components/audit/AuditExplanation";
import { ResultBadge } from "@/components/audit/ResultBadge";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { DateTime, formatDateTime } from "@/components/console/DateTime";
import { PageHeader } from "@/components/console/PageHeader";
import { Panel } from "@/components/console/Panel";
import { SummaryPanel } from "@/components/console/SummaryPanel";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { loadAuditEvent } from "./loadAuditEvent";

export const dynamic = "force-dynamic";

const code = (text?: string) => (text ? <code className="font-mono text-xs">{text}</code> : <span className="text-slate-500">—</span>);

export default async function AuditEventPage({ params }: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await params;
  const caller = await requireCaller();
  const loaded = await loadAuditEvent(caller, decodeURIComponent(eventId));
  if (!loaded.ok) return <ErrorPanel error={loaded.error} />;
  const { event } = loaded;
  if (!event) notFound();
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        breadcrumbs={<Breadcrumbs trail={[{ label: "Audit log", href: "/audit" }, { label: `${event.Action} at ${formatDateTime(event.EventTime, { seconds: true })}` }]} />}
        title={<span data-testid="audit-event-title">{event.Action}</span>}
        description={`${event.Result === "Allowed" ? "Allowed" : event.Result === "Denied" ? "Denied by the policy engine" : "Allowed, then refused"}: the event exactly as the audit log keeps it.`}
      />
      <SummaryPanel
        title="Event"
        testId="audit-event-summary"
        items={[
          { label: "Event time", value: <DateTime value={event.EventTime} seconds /> },
          { label: "Result", value: <ResultBadge result={event.Result} /> },
          { label: "Read-only", value: event.ReadOnly ? "Yes" : "No" },
          { label: "Principal", value: code(event.PrincipalArn) },
          { label: "Action", value: code(event.Action) },
          { label: "Resource", value: code(event.Resource) },
          { label: "Source IP address", value: code(event.SourceIpAddress) },
          ...(event.Door ? [{ label: "Came through", value: event.Door === "api" ? "The IAM/STS API (SigV4-signed request)" : "The console" }] : []),
          { label: "User agent", value: event.UserAgent ?? <span className="text-slate-500">—</span> },
          { label: "Event ID", value: code(event.EventId), copy: { value: event.EventId, label: "Copy event ID" } },
          ...(event.ErrorCode ? [{ label: "Error code", value: code(event.ErrorCode) }] : []),
          ...(event.ErrorMessage ? [{ label: "Error message", value: event.ErrorMessage }] : []),
        ]}
      />
      {event.Explanation && (
        <Panel title="Why it was denied" description="The policy engine's explanation, recorded when it decided." testId="audit-event-explanation">
          <AuditExplanation explanation={event.Explanation} />
        </Panel>
      )}
      <AuditEventRecord record={eventRecord(event)} />
    </div>
  );
}

import type { EventRecord } from "@/lib/iam/audit/eventRecord";
import { Panel } from "@/components/console/Panel";

/** The event as CloudTrail-style JSON: what the JSON download holds for it. */
export function AuditEventRecord({ record }: { record: EventRecord }) {
  return (
    <Panel title="Event record" description="CloudTrail's field names; Portcullis keeps no request parameters, and adds the engine's result and explanation under additionalEventData.">
      {/* Focusable, so the record scrolls from the keyboard. */}
      <pre
        tabIndex={0}
        aria-label="Event record JSON"
        data-testid="audit-event-record"
        className="max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-100 wrap-anywhere focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        {JSON.stringify(record, null, 2)}
      </pre>
    </Panel>
  );
}

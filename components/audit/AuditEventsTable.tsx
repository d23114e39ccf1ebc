import Link from "next/link";
import type { AuditEventView } from "@/lib/iam/audit/lookupEvents";
import { DateTime } from "@/components/console/DateTime";
import { AuditExplanation } from "./AuditExplanation";
import { ResultBadge } from "./ResultBadge";

const HEADERS = ["Event time", "Principal", "Action", "Resource", "Result", "Source IP", "Error code"];

// ARNs wrap after a ":" or "/" where they can, so an account ID is not split across lines.
const breakable = (text: string) => text.split(/(?<=[:/])/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
const none = <span className="text-slate-500">—</span>;
const mono = (text?: string) => (text ? <code className="font-mono text-xs wrap-anywhere">{breakable(text)}</code> : none);

/** The line under a refused event: why it was denied (opening to the engine's full explanation), or the error. */
function EventDetails({ event }: { event: AuditEventView }) {
  const explanation = event.Explanation;
  return (
    <tr data-testid="audit-event-details">
      <td colSpan={HEADERS.length} className="px-3 pt-0 pb-2">
        {/* On a phone the table scrolls sideways; the details stay in view, as wide as the screen. */}
        <div className="sticky left-3 max-w-[calc(100vw-5rem)] text-sm">
          {explanation ? (
            <details className="group rounded-md border border-red-200 bg-red-50/60 open:bg-white">
              <summary className="cursor-pointer list-none rounded-md px-3 py-1.5 text-red-950 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
                <span aria-hidden="true" className="mr-1 inline-block transition-transform group-open:rotate-90">
                  ▸
                </span>
                <span className="font-medium">Why it was denied:</span> <span data-testid="audit-denial-summary">{explanation.Summary}</span>
              </summary>
              <div className="flex flex-col gap-3 border-t border-red-200 p-3">
                <AuditExplanation explanation={explanation} withSummary={false} />
                <Link href={`/audit/${event.EventId}`} className="self-start text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600">
                  View the full event record
                </Link>
              </div>
            </details>
          ) : (
            <p className="px-3 text-amber-950 wrap-anywhere">
              <span className="font-medium">Error:</span> {event.ErrorMessage}
            </p>
          )}
        </div>
      </td>
    </tr>
  );
}

/**
 * The audit log's events, newest first. Each action links to its event record; a denied event
 * says why under its row, and a failed one its error.
 */
export function AuditEventsTable({ events }: { events: readonly AuditEventView[] }) {
  return (
    // A table wider than a phone scrolls sideways; as a focusable, named region it scrolls from the keyboard too.
    <div
      role="region"
      aria-label="Audit events"
      tabIndex={0}
      className="overflow-x-auto rounded-md border border-slate-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      <table className="w-full border-collapse text-left text-sm" data-testid="audit-table">
        <caption className="sr-only">Audit events</caption>
        <thead className="bg-slate-100 text-xs font-semibold tracking-wide text-slate-700 uppercase">
          <tr>
            {HEADERS.map((header) => (
              <th key={header} scope="col" className="px-3 py-2 whitespace-nowrap">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        {events.map((event) => (
          <tbody key={event.EventId} className="border-t border-slate-200 hover:bg-slate-50" data-testid="audit-event" data-result={event.Result}>
            <tr className="align-middle">
              <td className="px-3 py-2 whitespace-nowrap">
                <DateTime value={event.EventTime} seconds />
              </td>
              <td className="px-3 py-2">
                {mono(event.PrincipalArn)}
                {event.AssumedBy && (
                  <span className="mt-0.5 block text-xs text-slate-600" data-testid="audit-assumed-by">
                    assumed by {mono(event.AssumedBy)}
                  </span>
                )}
              </td>
              <td className="px-3 py-2">
                <Link
                  href={`/audit/${event.EventId}`}
                  className="font-medium whitespace-nowrap text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                  data-testid="audit-event-link"
                >
                  {event.Action}
                </Link>
              </td>
              <td className="px-3 py-2">
                {mono(event.Resource)}
                {event.RoleSessionName && (
                  <span className="mt-0.5 block text-xs text-slate-600" data-testid="audit-role-session">
                    session {mono(event.RoleSessionName)}
                    {event.SourceIdentity && <> · source identity {mono(event.SourceIdentity)}</>}
                  </span>
                )}
              </td>
              <td className="px-3 py-2">
                <ResultBadge result={event.Result} />
              </td>
              <td className="px-3 py-2">
                {/* An address reads as one token: never wrapped mid-address (203.0.113.54 would otherwise split). */}
                {event.SourceIpAddress ? <code className="font-mono text-xs whitespace-nowrap" data-testid="audit-source-ip">{event.SourceIpAddress}</code> : none}
                {event.Door === "api" && (
                  <span className="mt-0.5 block text-xs whitespace-nowrap text-slate-600" data-testid="audit-door">
                    via the API
                  </span>
                )}
              </td>
              <td className="px-3 py-2">{event.ErrorCode ? <span className="font-mono text-xs">{event.ErrorCode}</span> : none}</td>
            </tr>
            {(event.Explanation || event.ErrorMessage) && <EventDetails event={event} />}
          </tbody>
        ))}
      </table>
    </div>
  );
}

// The audit log's filters as its address carries them (?action=&principal=&result=&readOnly=show&from=&to=),
// read into LookupEvents' input. The page and its CSV/JSON export read them here, so an export holds
// exactly the events the page lists.

import { parseDateTime } from "@/components/console/parseDateTime";
import { param, type SearchParams } from "@/components/table/queryHref";

export const AUDIT_RESULTS = ["Allowed", "Denied", "Failed"] as const;

/** The filters as typed, for the filter bar to show again. */
export interface AuditFilterValues {
  readonly principal?: string;
  readonly action?: string;
  readonly result?: (typeof AUDIT_RESULTS)[number];
  readonly showReadOnly: boolean;
  readonly from?: string;
  readonly to?: string;
}

export interface AuditLookup {
  readonly PrincipalArn?: string;
  readonly Action?: string;
  readonly Result?: (typeof AUDIT_RESULTS)[number];
  readonly ReadOnly?: boolean;
  readonly StartTime?: Date;
  readonly EndTime?: Date;
}

export type AuditQuery =
  | { readonly filters: AuditFilterValues; readonly lookup: AuditLookup; readonly problem?: undefined }
  /** A time the console cannot read: nothing is looked up, and the sentence says what to type in which field. */
  | { readonly filters: AuditFilterValues; readonly lookup?: undefined; readonly problem: string; readonly problemField: "from" | "to" };

const EXAMPLE = "such as 1 Dec 2026, 12:00 or 2026-12-01 (UTC)";

export function readAuditQuery(query: SearchParams): AuditQuery {
  const filters: AuditFilterValues = {
    principal: param(query, "principal")?.trim() || undefined,
    action: param(query, "action")?.trim() || undefined,
    result: AUDIT_RESULTS.find((r) => r === param(query, "result")),
    showReadOnly: param(query, "readOnly") === "show",
    from: param(query, "from")?.trim() || undefined,
    to: param(query, "to")?.trim() || undefined,
  };
  const start = filters.from === undefined ? undefined : parseDateTime(filters.from, "start");
  const end = filters.to === undefined ? undefined : parseDateTime(filters.to, "end");
  if (filters.from !== undefined && !start) return { filters, problemField: "from", problem: `From "${filters.from}" is not a time the console can read: write a date and time ${EXAMPLE}.` };
  if (filters.to !== undefined && !end) return { filters, problemField: "to", problem: `To "${filters.to}" is not a time the console can read: write a date and time ${EXAMPLE}.` };
  if (start && end && start > end) return { filters, problemField: "from", problem: `From (${filters.from}) is after To (${filters.to}): swap them or widen the range.` };
  return {
    filters,
    lookup: {
      PrincipalArn: filters.principal,
      Action: filters.action,
      Result: filters.result,
      // Hiding read-only events asks only for changes; showing them means no ReadOnly filter at all.
      ReadOnly: filters.showReadOnly ? undefined : false,
      StartTime: start,
      EndTime: end,
    },
  };
}

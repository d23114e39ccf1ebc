// What an event's detail page reads: LookupEvents with the event's ID (a console extension input),
// so reading one event is gated and audited like reading the log.

import type { Caller } from "@/lib/auth/caller";
import { LookupEvents } from "@/lib/iam/audit/lookupEvents";
import { readOperation } from "../../_server/readOperation";

export async function loadAuditEvent(caller: Caller, eventId: string) {
  const result = await readOperation(LookupEvents, { EventId: eventId, MaxItems: 1 }, caller);
  return result.ok ? ({ ok: true, event: result.value.Events[0] } as const) : result;
}

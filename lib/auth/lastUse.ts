// When a credential or a role was last used (GetAccessKeyLastUsed, RoleLastUsed) is recorded on the
// request path, so it is written at most once a minute: AWS reports these to the minute or so, and a
// busy key or session then keeps off the database's writer. The caller's lookup has just read the
// last recorded time, so inside the minute there is nothing to write and no statement is sent; the
// update's own condition settles instances racing at the minute's turn.

import "server-only";

export const USE_RECORD_INTERVAL_MS = 60_000;

/** The time before which a recorded use is stale, or undefined when the last record is recent enough to keep. */
export function useRecordDue(lastRecorded: Date | null, now: Date): Date | undefined {
  const before = new Date(now.getTime() - USE_RECORD_INTERVAL_MS);
  return lastRecorded && lastRecorded >= before ? undefined : before;
}

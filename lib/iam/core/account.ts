// The account every lookup is scoped to. An anonymous caller has no account, and "" matches none:
// a lookup can never reach into another account (Prisma would drop an `undefined` filter and search
// them all).

import type { Caller } from "@/lib/auth/caller";

/** The caller's account ID, or "" (no account) for anonymous callers. */
export function accountOf(caller: Caller): string {
  return caller.accountId ?? "";
}

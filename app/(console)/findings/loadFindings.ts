// What the findings page reads: one page of ListUnusedAccessFindings (the findings are computed
// from a fixed number of bulk statements whatever the account's size) and one GetCallerPermissions
// for the rows' Archive and Resolve buttons, decided once on the account's analyzer.

import type { Caller } from "@/lib/auth/caller";
import { ListUnusedAccessFindings, UpdateUnusedAccessFindings } from "@/lib/iam/reports/unusedAccess";
import type { FindingStatus, UnusedFindingType } from "@/lib/iam/reports/unusedAccessFindings";
import { LIST_PAGE_SIZE } from "../_server/listPages";
import { pagePermissions } from "../_server/pagePermissions";
import { readOperation } from "../_server/readOperation";

export async function loadFindings(caller: Caller, q: { days: number; status: FindingStatus; type?: UnusedFindingType; marker?: string }) {
  const [result, controls] = await Promise.all([
    readOperation(ListUnusedAccessFindings, { UnusedAccessAge: q.days, Status: q.status, ...(q.type ? { FindingType: q.type } : {}), Marker: q.marker, MaxItems: LIST_PAGE_SIZE }, caller),
    // The decision is on the account's analyzer, whichever finding the button names.
    pagePermissions(caller, { update: { Operation: UpdateUnusedAccessFindings, Input: { Ids: [`UnusedIAMUser:${caller.arn}`], Status: "ARCHIVED" }, InputVaries: true } }),
  ]);
  return { result, controls };
}

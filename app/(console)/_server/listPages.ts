// What each list page reads: one List operation for the page of rows it shows, with the console's
// columns in the same call. The pages render these; the page-work test and the console benchmark
// call them exactly as the pages do.

import type { Caller } from "@/lib/auth/caller";
import { LookupEvents } from "@/lib/iam/audit/lookupEvents";
import { ListGroups } from "@/lib/iam/groups/groups";
import { ListPolicies } from "@/lib/iam/policies/managed";
import { ListUsers } from "@/lib/iam/users/users";
import { param, type SearchParams } from "@/components/table/queryHref";
import { listSort } from "./listSort";
import { readOperation } from "./readOperation";

/** Rows per page of the users, groups and policies lists. */
export const LIST_PAGE_SIZE = 25;
/** Events per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

export const USER_SORTS = ["UserName", "PasswordLastUsed", "CreateDate"] as const;
export const GROUP_SORTS = ["GroupName", "CreateDate"] as const;
export const POLICY_SORTS = ["PolicyName", "CreateDate", "UpdateDate"] as const;
export const POLICY_SCOPES = ["All", "AWS", "Local"] as const;
export const AUDIT_RESULTS = ["Allowed", "Denied", "Failed"] as const;

const filterOf = (query: SearchParams) => param(query, "filter")?.trim() || undefined;

export function loadUsersList(caller: Caller, query: SearchParams) {
  const sort = listSort(query, USER_SORTS, "UserName");
  const filter = filterOf(query);
  const users = readOperation(
    ListUsers,
    { Filter: filter, SortBy: sort.by, SortOrder: sort.apiOrder, Marker: param(query, "marker"), MaxItems: LIST_PAGE_SIZE, IncludeConsoleColumns: true },
    caller,
  );
  return users.then((result) => ({ result, sort, filter }));
}

export function loadGroupsList(caller: Caller, query: SearchParams) {
  const sort = listSort(query, GROUP_SORTS, "GroupName");
  const filter = filterOf(query);
  const groups = readOperation(
    ListGroups,
    { Filter: filter, SortBy: sort.by, SortOrder: sort.apiOrder, Marker: param(query, "marker"), MaxItems: LIST_PAGE_SIZE, IncludeConsoleColumns: true },
    caller,
  );
  return groups.then((result) => ({ result, sort, filter }));
}

export function loadPoliciesList(caller: Caller, query: SearchParams) {
  const sort = listSort(query, POLICY_SORTS, "PolicyName");
  const filter = filterOf(query);
  const scope = POLICY_SCOPES.find((s) => s === param(query, "type")) ?? "All";
  const policies = readOperation(
    ListPolicies,
    { Scope: scope, Filter: filter, SortBy: sort.by, SortOrder: sort.apiOrder, Marker: param(query, "marker"), MaxItems: LIST_PAGE_SIZE },
    caller,
  );
  return policies.then((result) => ({ result, sort, filter, scope }));
}

// datetime-local gives "2026-11-27T12:00" without a zone; the console's times are UTC, so read it as UTC.
const asUtc = (value?: string) => (value ? new Date(`${value}${value.length === 16 ? ":00" : ""}Z`) : undefined);

export function loadAuditLog(caller: Caller, query: SearchParams) {
  const filters = {
    principal: param(query, "principal")?.trim() || undefined,
    action: param(query, "action")?.trim() || undefined,
    result: AUDIT_RESULTS.find((r) => r === param(query, "result")),
    showReadOnly: param(query, "readOnly") === "show",
    from: param(query, "from") || undefined,
    to: param(query, "to") || undefined,
  };
  const events = readOperation(
    LookupEvents,
    {
      PrincipalArn: filters.principal,
      Action: filters.action,
      Result: filters.result,
      // Hiding read-only events asks only for changes; showing them means no ReadOnly filter at all.
      ReadOnly: filters.showReadOnly ? undefined : false,
      StartTime: asUtc(filters.from),
      EndTime: asUtc(filters.to),
      Marker: param(query, "marker"),
      MaxItems: AUDIT_PAGE_SIZE,
    },
    caller,
  );
  return events.then((result) => ({ result, filters }));
}

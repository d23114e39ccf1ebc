// What each list page reads: one List operation for the page of rows it shows, with the console's
// columns in the same call. The pages render these; the page-work test and the console benchmark
// call them exactly as the pages do.

import type { Caller } from "@/lib/auth/caller";
import { LookupEvents, type LookupEventsOutput } from "@/lib/iam/audit/lookupEvents";
import { ListGroups } from "@/lib/iam/groups/groups";
import { ListPolicies } from "@/lib/iam/policies/managed";
import { ListUsers } from "@/lib/iam/users/users";
import { param, type SearchParams } from "@/components/table/queryHref";
import { readAuditQuery } from "./auditQuery";
import { listSort } from "./listSort";
import { readOperation, type ReadResult } from "./readOperation";

/** Rows per page of the users, groups and policies lists. */
export const LIST_PAGE_SIZE = 25;
/** Events per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

export const USER_SORTS = ["UserName", "PasswordLastUsed", "CreateDate"] as const;
export const GROUP_SORTS = ["GroupName", "CreateDate"] as const;
export const POLICY_SORTS = ["PolicyName", "CreateDate", "UpdateDate"] as const;
export const POLICY_SCOPES = ["All", "AWS", "Local"] as const;

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

export async function loadAuditLog(caller: Caller, query: SearchParams) {
  const { filters, lookup, problem } = readAuditQuery(query);
  const result: ReadResult<LookupEventsOutput> = lookup
    ? await readOperation(LookupEvents, { ...lookup, Marker: param(query, "marker"), MaxItems: AUDIT_PAGE_SIZE }, caller)
    : { ok: false, error: { code: "ValidationError", message: problem } };
  return { result, filters };
}

// What each list page reads: one List operation for the page of rows it shows, with the console's
// columns in the same call, and one GetCallerPermissions for its "Create" button (asked with a name
// still to be typed, so a path-scoped grant reads "depends" and the create form checks again). The pages render these; the page-work test and the console benchmark
// call them exactly as the pages do.

import type { Caller } from "@/lib/auth/caller";
import { LookupEvents, type LookupEventsOutput } from "@/lib/iam/audit/lookupEvents";
import { CreateGroup, ListGroups } from "@/lib/iam/groups/groups";
import { CreatePolicy, ListPolicies } from "@/lib/iam/policies/managed";
import { CreateRole, ListRoles } from "@/lib/iam/roles/roles";
import { CreateUser, ListUsers } from "@/lib/iam/users/users";
import { param, type SearchParams } from "@/components/table/queryHref";
import { consoleFilterOf, usersListFilterFrom } from "@/components/users/usersListFilters";
import { readAuditQuery } from "./auditQuery";
import { listSort } from "./listSort";
import { pagePermissions } from "./pagePermissions";
import { ANY_GROUP_NAME, ANY_POLICY_DOCUMENT, ANY_POLICY_NAME, ANY_ROLE_NAME, ANY_TRUST_POLICY, ANY_USER_NAME } from "./undecidedInputs";
import { readOperation, type ReadResult } from "./readOperation";

/** Rows per page of the users, groups, roles and policies lists. */
export const LIST_PAGE_SIZE = 25;
/** Events per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

export const USER_SORTS = ["UserName", "PasswordLastUsed", "CreateDate"] as const;
export const GROUP_SORTS = ["GroupName", "CreateDate"] as const;
export const ROLE_SORTS = ["RoleName", "CreateDate"] as const;
export const POLICY_SORTS = ["PolicyName", "CreateDate", "UpdateDate"] as const;
export const POLICY_SCOPES = ["All", "AWS", "Local"] as const;

const filterOf = (query: SearchParams) => param(query, "filter")?.trim() || undefined;

export function loadUsersList(caller: Caller, query: SearchParams) {
  const sort = listSort(query, USER_SORTS, "UserName");
  const filter = filterOf(query);
  // The credential filters (?mfa=without…) narrow the list in the same ListUsers call.
  const credentials = usersListFilterFrom(query);
  const users = readOperation(
    ListUsers,
    {
      Filter: filter,
      SortBy: sort.by,
      SortOrder: sort.apiOrder,
      Marker: param(query, "marker"),
      MaxItems: LIST_PAGE_SIZE,
      IncludeConsoleColumns: true,
      ConsoleFilter: consoleFilterOf(credentials),
    },
    caller,
  );
  const permissions = pagePermissions(caller, { createUser: { Operation: CreateUser, Input: { UserName: ANY_USER_NAME }, InputVaries: true } });
  return Promise.all([users, permissions]).then(([result, permissions]) => ({ result, sort, filter, credentials, permissions }));
}

export function loadGroupsList(caller: Caller, query: SearchParams) {
  const sort = listSort(query, GROUP_SORTS, "GroupName");
  const filter = filterOf(query);
  const groups = readOperation(
    ListGroups,
    { Filter: filter, SortBy: sort.by, SortOrder: sort.apiOrder, Marker: param(query, "marker"), MaxItems: LIST_PAGE_SIZE, IncludeConsoleColumns: true },
    caller,
  );
  const permissions = pagePermissions(caller, { createGroup: { Operation: CreateGroup, Input: { GroupName: ANY_GROUP_NAME }, InputVaries: true } });
  return Promise.all([groups, permissions]).then(([result, permissions]) => ({ result, sort, filter, permissions }));
}

export function loadRolesList(caller: Caller, query: SearchParams) {
  const sort = listSort(query, ROLE_SORTS, "RoleName");
  const filter = filterOf(query);
  // The trusted-entities column is read from each role's trust policy, which ListRoles returns; last
  // activity comes in the same call (IncludeRoleLastUsed).
  const roles = readOperation(
    ListRoles,
    { Filter: filter, SortBy: sort.by, SortOrder: sort.apiOrder, Marker: param(query, "marker"), MaxItems: LIST_PAGE_SIZE, IncludeRoleLastUsed: true },
    caller,
  );
  const permissions = pagePermissions(caller, {
    createRole: { Operation: CreateRole, Input: { RoleName: ANY_ROLE_NAME, AssumeRolePolicyDocument: ANY_TRUST_POLICY }, InputVaries: true },
  });
  return Promise.all([roles, permissions]).then(([result, permissions]) => ({ result, sort, filter, permissions }));
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
  const permissions = pagePermissions(caller, {
    createPolicy: { Operation: CreatePolicy, Input: { PolicyName: ANY_POLICY_NAME, PolicyDocument: ANY_POLICY_DOCUMENT }, InputVaries: true },
  });
  return Promise.all([policies, permissions]).then(([result, permissions]) => ({ result, sort, filter, scope, permissions }));
}

export async function loadAuditLog(caller: Caller, query: SearchParams) {
  const read = readAuditQuery(query);
  const result: ReadResult<LookupEventsOutput> = read.lookup
    ? await readOperation(LookupEvents, { ...read.lookup, Marker: param(query, "marker"), MaxItems: AUDIT_PAGE_SIZE }, caller)
    : { ok: false, error: { code: "ValidationError", message: read.problem } };
  return { result, filters: read.filters, problemField: read.lookup ? undefined : read.problemField };
}

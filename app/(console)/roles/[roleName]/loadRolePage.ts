// What a role's page reads: GetRole for the summary (and the trust policy and tags it returns), then
// a fixed set of operations for the open tab however many policies or sessions the role has, and one
// GetCallerPermissions for the buttons the page shows. The page renders it; the page-work test and
// the console benchmark can call it as the page does.

import type { Caller } from "@/lib/auth/caller";
import { GetRole } from "@/lib/iam/roles/roles";
import { ListRoleSessions } from "@/lib/iam/roles/sessions";
import { param, type SearchParams } from "@/components/table/queryHref";
import { pagePermissions } from "../../_server/pagePermissions";
import { readOperation } from "../../_server/readOperation";
import { loadRolePermissions } from "./loadRolePermissions";
import { rolePageChecks } from "./rolePagePermissions";

export const ROLE_TABS = [
  { id: "permissions", label: "Permissions" },
  { id: "trust", label: "Trust relationships" },
  { id: "tags", label: "Tags" },
  { id: "sessions", label: "Sessions" },
  { id: "access", label: "Effective permissions" },
  { id: "last-accessed", label: "Last accessed" },
] as const;
export type RoleTab = (typeof ROLE_TABS)[number]["id"];

/** Active sessions per page of the Sessions tab. */
export const SESSIONS_PAGE_SIZE = 25;

async function loadTab(tab: RoleTab, roleName: string, caller: Caller, query: SearchParams) {
  switch (tab) {
    case "permissions":
    case "access":
      return { tab, permissions: await loadRolePermissions(roleName, caller) };
    case "sessions":
      return { tab, sessions: await readOperation(ListRoleSessions, { RoleName: roleName, Marker: param(query, "marker"), MaxItems: SESSIONS_PAGE_SIZE }, caller) };
    case "trust":
    case "tags":
    case "last-accessed":
      // GetRole already returned the trust policy and the tags; the Last accessed tab loads itself
      // once GetRole has returned the ARN (LastAccessedSection).
      return { tab };
  }
}

export type RoleTabData = Awaited<ReturnType<typeof loadTab>>;

export async function loadRolePage(caller: Caller, roleName: string, tab: RoleTab, query: SearchParams = {}) {
  const getRole = readOperation(GetRole, { RoleName: roleName }, caller);
  const [role, tabData, controls] = await Promise.all([
    getRole,
    loadTab(tab, roleName, caller, query),
    // "What it can do" is decided on the role's ARN, path included, which only GetRole knows.
    getRole.then((r) => pagePermissions(caller, rolePageChecks(roleName, tab, r.ok ? r.value.Role.Arn : undefined))),
  ]);
  return { role, tabData, controls };
}

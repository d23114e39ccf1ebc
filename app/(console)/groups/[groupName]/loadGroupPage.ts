// What a group's page reads: GetGroup (the group and its members, one page of them) and, on the
// Permissions tab, its attached and inline policies, and one GetCallerPermissions for the page's
// buttons. The pickers search on demand, so the page's work stays the same however many users,
// groups or policies the account has.

import type { Caller } from "@/lib/auth/caller";
import { GetGroup } from "@/lib/iam/groups/groups";
import { ListAttachedGroupPolicies } from "@/lib/iam/policies/attachments";
import { ListGroupPolicies } from "@/lib/iam/policies/inline";
import { pagePermissions } from "../../_server/pagePermissions";
import { readOperation } from "../../_server/readOperation";
import { groupPageChecks } from "./groupPagePermissions";

export const GROUP_TABS = [
  { id: "users", label: "Users" },
  { id: "permissions", label: "Permissions" },
  { id: "last-accessed", label: "Last accessed" },
] as const;
export type GroupTab = (typeof GROUP_TABS)[number]["id"];

/** Members shown per page of the Users tab. */
export const MEMBERS_PAGE = 50;

export async function loadGroupPage(caller: Caller, groupName: string, tab: GroupTab, membersMarker?: string) {
  const getGroup = readOperation(GetGroup, { GroupName: groupName, Marker: membersMarker, MaxItems: MEMBERS_PAGE }, caller);
  const [group, permissions, controls] = await Promise.all([
    getGroup,
    tab === "permissions"
      ? Promise.all([
          // A group holds at most 10 managed policies, so one page lists them all.
          readOperation(ListAttachedGroupPolicies, { GroupName: groupName, MaxItems: 100 }, caller),
          readOperation(ListGroupPolicies, { GroupName: groupName }, caller),
        ])
      : undefined,
    // "What it can do" is decided on the group's ARN, path included, which only GetGroup knows.
    getGroup.then((g) => pagePermissions(caller, groupPageChecks(groupName, tab, g.ok ? g.value.Group.Arn : undefined))),
  ]);
  return { group, permissions: permissions && { attached: permissions[0], inline: permissions[1] }, controls };
}

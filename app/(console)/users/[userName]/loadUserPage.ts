// What a user's page reads, tab by tab: GetUser and GetLoginProfile for the summary, then a fixed
// set of operations for the open tab, however many groups, policies, keys or devices the user has,
// and one GetCallerPermissions for the buttons the page shows.
// The page renders it; the page-work test and the console benchmark call it as the page does.

import type { Caller } from "@/lib/auth/caller";
import { ListAccessKeys } from "@/lib/iam/credentials/accessKeys";
import { GetLoginProfile } from "@/lib/iam/credentials/loginProfiles";
import { ListMFADevices } from "@/lib/iam/credentials/mfa";
import { ListGroups } from "@/lib/iam/groups/groups";
import { ListGroupsForUser } from "@/lib/iam/groups/membership";
import { GetUser } from "@/lib/iam/users/users";
import { loadPasswordRules } from "../../_server/passwordRules";
import { pagePermissions } from "../../_server/pagePermissions";
import { readOperation } from "../../_server/readOperation";
import { loadUserPermissions } from "./loadUserPermissions";
import { userPageChecks } from "./userPagePermissions";

export const USER_TABS = [
  { id: "permissions", label: "Permissions" },
  { id: "groups", label: "Groups" },
  { id: "security", label: "Security credentials" },
  { id: "tags", label: "Tags" },
  { id: "access", label: "Effective permissions" },
  { id: "last-accessed", label: "Last accessed" },
] as const;
export type UserTab = (typeof USER_TABS)[number]["id"];

// A user is in at most 10 groups; an account has at most 300 groups, so one page offers them all.
const ALL_GROUPS = 300;

async function loadTab(tab: UserTab, userName: string, caller: Caller) {
  switch (tab) {
    case "permissions":
    case "access":
      return { tab, permissions: await loadUserPermissions(userName, caller) };
    case "groups": {
      const [memberOf, allGroups] = await Promise.all([
        readOperation(ListGroupsForUser, { UserName: userName, MaxItems: 100 }, caller),
        readOperation(ListGroups, { MaxItems: ALL_GROUPS }, caller),
      ]);
      return { tab, memberOf, allGroups };
    }
    case "security": {
      const [mfaDevices, accessKeys, passwordRules] = await Promise.all([
        readOperation(ListMFADevices, { UserName: userName }, caller),
        readOperation(ListAccessKeys, { UserName: userName, IncludeConsoleColumns: true }, caller),
        // For the console password form, which lists the rules a custom password must meet.
        loadPasswordRules(caller),
      ]);
      return { tab, mfaDevices, accessKeys, passwordRules };
    }
    case "tags":
    case "last-accessed":
      // GetUser already returned the tags; the Last accessed tab loads itself once GetUser has
      // returned the ARN (LastAccessedSection).
      return { tab };
  }
}

export type UserTabData = Awaited<ReturnType<typeof loadTab>>;

export async function loadUserPage(caller: Caller, userName: string, tab: UserTab) {
  const getUser = readOperation(GetUser, { UserName: userName }, caller);
  const [user, loginProfile, tabData, controls] = await Promise.all([
    getUser,
    readOperation(GetLoginProfile, { UserName: userName, IncludeConsoleColumns: tab === "security" }, caller),
    loadTab(tab, userName, caller),
    // "What it can do" is decided on the user's ARN, path included, which only GetUser knows.
    getUser.then((u) => pagePermissions(caller, userPageChecks(caller, userName, tab, u.ok ? u.value.User.Arn : undefined))),
  ]);
  return { user, loginProfile, tabData, controls };
}

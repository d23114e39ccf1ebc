// AWS's root-user and IAM-user best practices (DESIGN.md), checked live against the account through
// the same operations any caller would use, so a caller who may not read something is denied here
// too (the page shows the AccessDeniedPanel in place of the checklist). Reads stop as soon as an
// answer is known, because every operation call is audited.

import type { ChecklistEntry } from "@/components/dashboard/Checklist";
import type { Caller } from "@/lib/auth/caller";
import type { AccountSummary } from "@/lib/iam/accounts";
import { awsManagedPolicyArn } from "@/lib/iam/awsManagedPolicies";
import { isIamError } from "@/lib/iam/errors";
import { GetGroup, ListGroups } from "@/lib/iam/groups";
import { ListGroupPolicies, ListUserPolicies } from "@/lib/iam/inlinePolicies";
import { GetLoginProfile } from "@/lib/iam/loginProfiles";
import { execute } from "@/lib/iam/operation";
import { ListEntitiesForPolicy, ListPolicies } from "@/lib/iam/policies";
import { ListUsers } from "@/lib/iam/users";

export type ChecklistItem = ChecklistEntry & { readonly id: "admin-user" | "root-mfa" | "individual-users" | "groups" };

const ADMINISTRATOR_ACCESS = awsManagedPolicyArn("AdministratorAccess");
const LIST_PAGE = 1000;

/** Every item of a paginated List operation (the dashboard needs whole answers, not a page). */
async function listAll<T>(fetch: (marker?: string) => Promise<{ items: T[]; IsTruncated: boolean; Marker?: string }>): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  do {
    const page = await fetch(marker);
    all.push(...page.items);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return all;
}

const names = (list: readonly string[]) => (list.length <= 3 ? list.join(", ") : `${list.slice(0, 3).join(", ")} and ${list.length - 3} more`);

async function administratorItem(caller: Caller): Promise<ChecklistItem> {
  const base = { id: "admin-user", title: "Don't use the root user for everyday tasks: create an administrative IAM user" } as const;
  let entities;
  try {
    entities = await execute(ListEntitiesForPolicy, { PolicyArn: ADMINISTRATOR_ACCESS }, caller);
  } catch (error) {
    // AWS managed policies are created at start-up; without them no user can hold AdministratorAccess.
    if (isIamError(error) && error.code === "NoSuchEntity") entities = { PolicyUsers: [], PolicyGroups: [] };
    else throw error;
  }
  const direct = entities.PolicyUsers[0];
  if (direct) return { ...base, done: true, detail: `IAM user ${direct.UserName} has the AdministratorAccess policy. Sign in as that user for everyday work.` };
  for (const group of entities.PolicyGroups) {
    const { Users } = await execute(GetGroup, { GroupName: group.GroupName, MaxItems: 1 }, caller);
    const member = Users[0];
    if (member) {
      return { ...base, done: true, detail: `IAM user ${member.UserName} has AdministratorAccess through group ${group.GroupName}. Sign in as that user for everyday work.` };
    }
  }
  return {
    ...base,
    done: false,
    detail: "No IAM user has the AdministratorAccess policy. Create a group with AdministratorAccess, create an IAM user with a console password in it, then sign in as that user.",
    action: { href: "/users", label: "Go to Users" },
  };
}

function rootMfaItem(summary: AccountSummary): ChecklistItem {
  const base = { id: "root-mfa", title: "Enable MFA for the root user" } as const;
  if (summary.AccountMFAEnabled === 1) return { ...base, done: true, detail: "The root user has an MFA device." };
  return {
    ...base,
    done: false,
    detail: "The root user has no MFA device. Enrolling one arrives with the security credentials page, which this version of Portcullis does not have yet.",
  };
}

async function individualUsersItem(caller: Caller, users: readonly { UserName: string }[]): Promise<ChecklistItem> {
  const base = { id: "individual-users", title: "Create individual IAM users" } as const;
  // ListUsers was asked for recent sign-ins first, so the users checked first are the likeliest to
  // have a console password, and the check usually ends after two calls.
  const withConsole: string[] = [];
  for (const user of users) {
    if (withConsole.length >= 2) break;
    try {
      await execute(GetLoginProfile, { UserName: user.UserName }, caller);
      withConsole.push(user.UserName);
    } catch (error) {
      if (!(isIamError(error) && error.code === "NoSuchEntity")) throw error;
    }
  }
  if (withConsole.length >= 2) return { ...base, done: true, detail: `IAM users such as ${withConsole.join(" and ")} each have their own console password.` };
  return {
    ...base,
    done: false,
    detail:
      withConsole.length === 1
        ? `Only ${withConsole[0]} can sign in to the console. Give each person their own IAM user rather than sharing one.`
        : "No IAM user can sign in to the console yet. Create one IAM user per person, each with their own password.",
    action: { href: "/users", label: "Go to Users" },
  };
}

async function groupsItem(caller: Caller, users: readonly { UserName: string }[]): Promise<ChecklistItem> {
  const base = { id: "groups", title: "Grant least privilege through groups" } as const;
  // Managed policies attached to users or groups, through the policies that are attached at all.
  const attached = await listAll(async (Marker) => {
    const page = await execute(ListPolicies, { OnlyAttached: true, MaxItems: LIST_PAGE, Marker }, caller);
    return { items: page.Policies, IsTruncated: page.IsTruncated, Marker: page.Marker };
  });
  const direct = new Set<string>();
  let groupHasPolicy = false;
  for (const policy of attached) {
    const entities = await execute(ListEntitiesForPolicy, { PolicyArn: policy.Arn }, caller);
    for (const user of entities.PolicyUsers) direct.add(user.UserName);
    if (entities.PolicyGroups.length > 0) groupHasPolicy = true;
  }
  // Inline policies embedded in users, and (if no managed one was found) in groups.
  for (const user of users) {
    if ((await execute(ListUserPolicies, { UserName: user.UserName }, caller)).PolicyNames.length > 0) direct.add(user.UserName);
  }
  if (!groupHasPolicy) {
    const groups = await listAll(async (Marker) => {
      const page = await execute(ListGroups, { MaxItems: LIST_PAGE, Marker }, caller);
      return { items: page.Groups, IsTruncated: page.IsTruncated, Marker: page.Marker };
    });
    for (const group of groups) {
      if ((await execute(ListGroupPolicies, { GroupName: group.GroupName }, caller)).PolicyNames.length > 0) {
        groupHasPolicy = true;
        break;
      }
    }
  }
  const action = { href: "/groups", label: "Go to User groups" };
  if (direct.size > 0) {
    const list = [...direct].sort();
    return {
      ...base,
      done: false,
      detail: `${list.length === 1 ? "User" : "Users"} ${names(list)} ${list.length === 1 ? "has" : "have"} policies attached directly. Grant those permissions through a group instead, and detach them from the ${list.length === 1 ? "user" : "users"}.`,
      action,
    };
  }
  if (!groupHasPolicy) {
    return { ...base, done: false, detail: "No group has a policy yet. Create groups for job functions, attach the least privilege each needs, and add users to them.", action };
  }
  return { ...base, done: true, detail: "Every user's permissions come from groups, and at least one group has a policy." };
}

/** The four checks, in AWS's order. Throws the first IamError (such as AccessDenied) it meets. */
export async function bestPracticeChecklist(caller: Caller, summary: AccountSummary): Promise<ChecklistItem[]> {
  const users = await listAll(async (Marker) => {
    const page = await execute(ListUsers, { SortBy: "PasswordLastUsed", SortOrder: "Descending", MaxItems: LIST_PAGE, Marker }, caller);
    return { items: page.Users, IsTruncated: page.IsTruncated, Marker: page.Marker };
  });
  return [await administratorItem(caller), rootMfaItem(summary), await individualUsersItem(caller, users), await groupsItem(caller, users)];
}

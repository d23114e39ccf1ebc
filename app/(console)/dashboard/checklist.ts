// AWS's root-user and IAM-user best practices (DESIGN.md), computed live from the account summary:
// GetAccountSummary answers each check with one aggregate count, so opening the dashboard costs one
// audited read however many users the account has. The root user reads them as its own to-do list;
// an administrator (an IAM user) reads the same checks, but only the root user can act on the root
// user's credentials, so those items tell the administrator whom to ask instead of linking anywhere.

import type { ChecklistEntry } from "@/components/dashboard/Checklist";
import { usersListHref } from "@/components/users/usersListFilters";
import { plural } from "@/components/text/plural";
import type { AccountSummary } from "@/lib/iam/account/summary";
import { KEY_ROTATION_DAYS } from "@/lib/iam/core/rules";

export type ChecklistItem = ChecklistEntry & {
  readonly id: "admin-user" | "root-mfa" | "root-access-keys" | "individual-users" | "users-mfa" | "groups" | "key-rotation";
};

/** Who reads the checklist: the account's root user, or an IAM user who may read the account's state. */
export type ChecklistAudience = "root" | "administrator";

const MY_CREDENTIALS = { href: "/me", label: "Go to My security credentials" };

/** The root user's own credentials: root acts on them itself; an administrator asks the account owner. */
function rootCredentialsAdvice(audience: ChecklistAudience, task: string): Pick<ChecklistItem, "action"> & { readonly how: string } {
  return audience === "root"
    ? { how: `Sign in as the root user and ${task} on My security credentials.`, action: MY_CREDENTIALS }
    : { how: `Only the root user can do this: ask the account owner to sign in as the root user and ${task} on My security credentials.` };
}

function administratorItem(summary: AccountSummary): ChecklistItem {
  const base = { id: "admin-user", title: "Don't use the root user for everyday tasks: create an administrative IAM user" } as const;
  if (summary.AdministratorUsers > 0) {
    return {
      ...base,
      done: true,
      detail: `${plural(summary.AdministratorUsers, "IAM user has", "IAM users have")} AdministratorAccess. Sign in as one of them for everyday work and keep the root user for the tasks only it can do.`,
    };
  }
  return {
    ...base,
    done: false,
    detail: "No IAM user has the AdministratorAccess policy. Create a group with AdministratorAccess, create an IAM user with a console password in it, then sign in as that user.",
    action: { href: "/users/new", label: "Create user" },
  };
}

function rootMfaItem(summary: AccountSummary, audience: ChecklistAudience): ChecklistItem {
  const base = { id: "root-mfa", title: "Enable MFA for the root user" } as const;
  if (summary.AccountMFAEnabled === 1) return { ...base, done: true, detail: "The root user has an MFA device." };
  const { how, action } = rootCredentialsAdvice(audience, "enroll a virtual MFA device");
  return { ...base, done: false, detail: `The root user has no MFA device. ${how}`, action };
}

function rootAccessKeysItem(summary: AccountSummary, audience: ChecklistAudience): ChecklistItem {
  const base = { id: "root-access-keys", title: "Give the root user no access keys" } as const;
  if (summary.AccountAccessKeysPresent === 0) return { ...base, done: true, detail: "The root user has no access keys." };
  const { how, action } = rootCredentialsAdvice(audience, "deactivate and delete them");
  return {
    ...base,
    done: false,
    detail: `The root user has access keys, which give unrestricted access to the account. Use an IAM user's access keys instead. ${how}`,
    action,
  };
}

function usersMfaItem(summary: AccountSummary): ChecklistItem {
  const base = { id: "users-mfa", title: "Require MFA for IAM users who sign in to the console" } as const;
  const without = summary.ConsoleUsersWithoutMFA;
  // With no IAM users there is nothing to have done yet: the practice starts with the first user.
  if (summary.Users === 0) {
    return { ...base, done: false, detail: "There are no IAM users yet. Once you create them, have each one who signs in to the console enroll an MFA device." };
  }
  if (without === 0) {
    return { ...base, done: true, detail: summary.UsersWithConsoleAccess > 0 ? "Every IAM user with a console password has an MFA device." : "No IAM user has a console password, so none signs in without MFA." };
  }
  return {
    ...base,
    done: false,
    detail: `${plural(without, "IAM user has", "IAM users have")} a console password but no MFA device. Ask them to enroll one on My security credentials.`,
    action: { href: usersListHref({ console: "enabled", mfa: "without" }), label: "Show users without MFA" },
  };
}

function keyRotationItem(summary: AccountSummary): ChecklistItem {
  const base = { id: "key-rotation", title: `Rotate access keys at least every ${KEY_ROTATION_DAYS} days` } as const;
  const old = summary.AccessKeysOlderThan90Days;
  if (old === 0) return { ...base, done: true, detail: `No active access key is older than ${KEY_ROTATION_DAYS} days.` };
  return {
    ...base,
    done: false,
    detail: `${plural(old, "active access key is", "active access keys are")} older than ${KEY_ROTATION_DAYS} days. Create a new key, switch to it, then deactivate and delete the old one.`,
    action: { href: usersListHref({ keys: "older-than-90-days" }), label: "Show users with old access keys" },
  };
}

function individualUsersItem(summary: AccountSummary): ChecklistItem {
  const base = { id: "individual-users", title: "Create individual IAM users" } as const;
  const withConsole = summary.UsersWithConsoleAccess;
  if (withConsole >= 2) return { ...base, done: true, detail: `${plural(withConsole, "IAM user")} each have their own console password.` };
  return {
    ...base,
    done: false,
    detail:
      withConsole === 1
        ? "Only one IAM user can sign in to the console. Give each person their own IAM user rather than sharing one."
        : "No IAM user can sign in to the console yet. Create one IAM user per person, each with their own password.",
    action: { href: "/users/new", label: "Create user" },
  };
}

function groupsItem(summary: AccountSummary): ChecklistItem {
  const base = { id: "groups", title: "Grant least privilege through groups" } as const;
  const action = { href: "/groups", label: "Go to User groups" };
  if (summary.UsersWithDirectPolicies > 0) {
    return {
      ...base,
      done: false,
      detail: `${plural(summary.UsersWithDirectPolicies, "user has", "users have")} policies attached directly. Grant those permissions through a group instead, and detach them from the users.`,
      action,
    };
  }
  if (summary.GroupsWithPolicies === 0) {
    return { ...base, done: false, detail: "No group has a policy yet. Create groups for job functions, attach the least privilege each needs, and add users to them.", action };
  }
  return { ...base, done: true, detail: "Every user's permissions come from groups, and at least one group has a policy." };
}

/** The checks in AWS's order: the root user first, then IAM users, then their credentials. */
export function bestPracticeChecklist(summary: AccountSummary, audience: ChecklistAudience = "root"): ChecklistItem[] {
  return [
    administratorItem(summary),
    rootMfaItem(summary, audience),
    rootAccessKeysItem(summary, audience),
    individualUsersItem(summary),
    usersMfaItem(summary),
    groupsItem(summary),
    keyRotationItem(summary),
  ];
}

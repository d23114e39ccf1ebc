// AWS's root-user and IAM-user best practices (DESIGN.md), computed live from the account summary:
// GetAccountSummary answers each check with one aggregate count, so opening the dashboard costs one
// audited read however many users the account has.

import type { ChecklistEntry } from "@/components/dashboard/Checklist";
import { KEY_ROTATION_DAYS, type AccountSummary } from "@/lib/iam/account/summary";

export type ChecklistItem = ChecklistEntry & {
  readonly id: "admin-user" | "root-mfa" | "root-access-keys" | "individual-users" | "users-mfa" | "groups" | "key-rotation";
};

const MY_CREDENTIALS = { href: "/me", label: "Go to My security credentials" };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

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

function rootMfaItem(summary: AccountSummary): ChecklistItem {
  const base = { id: "root-mfa", title: "Enable MFA for the root user" } as const;
  if (summary.AccountMFAEnabled === 1) return { ...base, done: true, detail: "The root user has an MFA device." };
  return {
    ...base,
    done: false,
    detail: "The root user has no MFA device. Sign in as the root user and enroll a virtual MFA device on My security credentials.",
    action: MY_CREDENTIALS,
  };
}

function rootAccessKeysItem(summary: AccountSummary): ChecklistItem {
  const base = { id: "root-access-keys", title: "Give the root user no access keys" } as const;
  if (summary.AccountAccessKeysPresent === 0) return { ...base, done: true, detail: "The root user has no access keys." };
  return {
    ...base,
    done: false,
    detail: "The root user has access keys, which give unrestricted access to the account. Use an IAM user's access keys instead, then deactivate and delete the root user's.",
    action: MY_CREDENTIALS,
  };
}

function usersMfaItem(summary: AccountSummary): ChecklistItem {
  const base = { id: "users-mfa", title: "Require MFA for IAM users who sign in to the console" } as const;
  const without = summary.ConsoleUsersWithoutMFA;
  if (without === 0) {
    return { ...base, done: true, detail: summary.UsersWithConsoleAccess > 0 ? "Every IAM user with a console password has an MFA device." : "No IAM user has a console password yet." };
  }
  return {
    ...base,
    done: false,
    detail: `${plural(without, "IAM user has", "IAM users have")} a console password but no MFA device. Ask them to enroll one on My security credentials.`,
    action: { href: "/users", label: "Go to Users" },
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
    action: { href: "/users", label: "Go to Users" },
  };
}

function individualUsersItem(summary: AccountSummary): ChecklistItem {
  const base = { id: "individual-users", title: "Create individual IAM users" } as const;
  const withConsole = summary.UsersWithConsoleAccess;
  if (withConsole >= 2) return { ...base, done: true, detail: `${withConsole} IAM users each have their own console password.` };
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
export function bestPracticeChecklist(summary: AccountSummary): ChecklistItem[] {
  return [
    administratorItem(summary),
    rootMfaItem(summary),
    rootAccessKeysItem(summary),
    individualUsersItem(summary),
    usersMfaItem(summary),
    groupsItem(summary),
    keyRotationItem(summary),
  ];
}

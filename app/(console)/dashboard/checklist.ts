// AWS's root-user and IAM-user best practices (DESIGN.md), computed live from the account summary:
// GetAccountSummary answers each check with one aggregate count, so opening the dashboard costs one
// audited read however many users the account has.

import type { ChecklistEntry } from "@/components/dashboard/Checklist";
import type { AccountSummary } from "@/lib/iam/accounts";

export type ChecklistItem = ChecklistEntry & { readonly id: "admin-user" | "root-mfa" | "individual-users" | "groups" };

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
    detail: "The root user has no MFA device. Enrolling one arrives with the security credentials page, which this version of Portcullis does not have yet.",
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

/** The four checks, in AWS's order. */
export function bestPracticeChecklist(summary: AccountSummary): ChecklistItem[] {
  return [administratorItem(summary), rootMfaItem(summary), individualUsersItem(summary), groupsItem(summary)];
}

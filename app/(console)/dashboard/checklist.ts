// AWS's root-user and IAM-user best practices (DESIGN.md), computed live from the account summary:
// GetAccountSummary answers each check with one aggregate count, so opening the dashboard costs one
// audited read however many users the account has. The root user reads them as its own to-do list;
// an administrator (an IAM user) reads the IAM users' checks, and only the root user can act on the
// root user's credentials, so those items tell the administrator whom to ask instead of linking anywhere.
// Advice about users without MFA depends on whether they can enroll a device themselves
// (ListConsoleUsersWithoutMFA, mfaAdvice.ts): "ask them" only when their policies let them.

import type { ChecklistEntry } from "@/components/dashboard/Checklist";
import { usersListHref } from "@/components/users/usersListFilters";
import { plural } from "@/components/text/plural";
import type { AccountSummary } from "@/lib/iam/account/summary";
import { KEY_ROTATION_DAYS } from "@/lib/iam/core/rules";
import { mfaAdvice, nameList, SELF_SERVICE_POLICY, type MfaEnrollmentState } from "./mfaAdvice";

export type ChecklistItem = ChecklistEntry & {
  readonly id: "admin-user" | "root-mfa" | "root-access-keys" | "individual-users" | "users-mfa" | "groups" | "key-rotation";
};

/** Who reads the checklist: the account's root user, or an IAM user who may read the account's state. */
export type ChecklistAudience = "root" | "administrator";

export interface ChecklistFacts {
  readonly audience?: ChecklistAudience;
  /** Who of the users without MFA can enroll one themselves; undefined when that read was refused. */
  readonly mfaEnrollment?: MfaEnrollmentState;
}

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
      status: "done",
      detail: `${plural(summary.AdministratorUsers, "IAM user has", "IAM users have")} AdministratorAccess. Sign in as one of them for everyday work and keep the root user for the tasks only it can do.`,
    };
  }
  return {
    ...base,
    status: "not-done",
    detail: "No IAM user has the AdministratorAccess policy. Create a group with AdministratorAccess, create an IAM user with a console password in it, then sign in as that user.",
    action: { href: "/users/new", label: "Create user" },
  };
}

function rootMfaItem(summary: AccountSummary, audience: ChecklistAudience): ChecklistItem {
  const base = { id: "root-mfa", title: "Enable MFA for the root user" } as const;
  if (summary.AccountMFAEnabled === 1) return { ...base, status: "done", detail: "The root user has an MFA device." };
  const { how, action } = rootCredentialsAdvice(audience, "enroll a virtual MFA device");
  return { ...base, status: "not-done", detail: `The root user has no MFA device. ${how}`, action };
}

function rootAccessKeysItem(summary: AccountSummary, audience: ChecklistAudience): ChecklistItem {
  const base = { id: "root-access-keys", title: "Give the root user no access keys" } as const;
  if (summary.AccountAccessKeysPresent === 0) return { ...base, status: "done", detail: "The root user has no access keys." };
  const { how, action } = rootCredentialsAdvice(audience, "deactivate and delete them");
  return {
    ...base,
    status: "not-done",
    detail: `The root user has access keys, which give unrestricted access to the account. Use an IAM user's access keys instead. ${how}`,
    action,
  };
}

/** What to do about users without MFA, by whether their own policies let them enroll a device. */
function usersWithoutMfaAdvice(state: MfaEnrollmentState | undefined): Pick<ChecklistItem, "fixes"> & { readonly how: string } {
  if (!state) {
    return {
      how: `Whether they may enroll one themselves could not be checked. A user can enroll their own device on My security credentials only if a policy allows it, such as ${SELF_SERVICE_POLICY}.`,
    };
  }
  const advice = mfaAdvice(state);
  const sentences: string[] = [];
  if (advice.cannotEnroll.length > 0) {
    sentences.push(
      `${nameList(advice.cannotEnroll)} cannot enroll one themselves: no policy allows them iam:CreateVirtualMFADevice and iam:EnableMFADevice.`,
    );
    if (advice.fixes.length > 0) {
      sentences.push(
        `Attach ${SELF_SERVICE_POLICY} to their group: it lets its members manage their own password, access keys and MFA device, and denies everything else until they sign in with MFA.`,
      );
    }
    if (advice.withoutFix.length > 0) {
      sentences.push(`${nameList(advice.withoutFix)} ${advice.withoutFix.length === 1 ? "is" : "are"} in no group offered here: add them to a group that has ${SELF_SERVICE_POLICY}.`);
    }
  }
  if (advice.canEnroll.length > 0) {
    sentences.push(`${nameList(advice.canEnroll)} may enroll one: ask ${advice.canEnroll.length === 1 ? "them" : "each of them"} to assign an MFA device on My security credentials.`);
  }
  if (advice.unchecked > 0) sentences.push(`${plural(advice.unchecked, "more user was", "more users were")} not checked; the list shows them all.`);
  return { how: sentences.join(" "), fixes: advice.fixes };
}

function usersMfaItem(summary: AccountSummary, mfaEnrollment: MfaEnrollmentState | undefined): ChecklistItem {
  const base = { id: "users-mfa", title: "Require MFA for IAM users who sign in to the console" } as const;
  const without = summary.ConsoleUsersWithoutMFA;
  // With no IAM users there is nothing to have done yet: the practice starts with the first user.
  if (summary.Users === 0) {
    return {
      ...base,
      status: "not-applicable",
      statusLabel: "No IAM users yet",
      detail: "There are no IAM users yet. Once you create them, have each one who signs in to the console enroll an MFA device.",
    };
  }
  if (without === 0) {
    return { ...base, status: "done", detail: summary.UsersWithConsoleAccess > 0 ? "Every IAM user with a console password has an MFA device." : "No IAM user has a console password, so none signs in without MFA." };
  }
  const { how, fixes } = usersWithoutMfaAdvice(mfaEnrollment);
  return {
    ...base,
    status: "not-done",
    detail: `${plural(without, "IAM user has", "IAM users have")} a console password but no MFA device. ${how}`,
    action: { href: usersListHref({ console: "enabled", mfa: "without" }), label: "Show users without MFA" },
    ...(fixes && fixes.length > 0 ? { fixes } : {}),
  };
}

function keyRotationItem(summary: AccountSummary): ChecklistItem {
  const base = { id: "key-rotation", title: `Rotate access keys at least every ${KEY_ROTATION_DAYS} days` } as const;
  const old = summary.AccessKeysOlderThan90Days;
  if (old === 0) return { ...base, status: "done", detail: `No active access key is older than ${KEY_ROTATION_DAYS} days.` };
  return {
    ...base,
    status: "not-done",
    detail: `${plural(old, "active access key is", "active access keys are")} older than ${KEY_ROTATION_DAYS} days. Create a new key, switch to it, then deactivate and delete the old one.`,
    action: { href: usersListHref({ keys: "older-than-90-days" }), label: "Show users with old access keys" },
  };
}

function individualUsersItem(summary: AccountSummary): ChecklistItem {
  const base = { id: "individual-users", title: "Create individual IAM users" } as const;
  const withConsole = summary.UsersWithConsoleAccess;
  if (withConsole >= 2) return { ...base, status: "done", detail: `${plural(withConsole, "IAM user")} each have their own console password.` };
  return {
    ...base,
    status: "not-done",
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
  const direct = summary.UsersWithDirectPolicies;
  if (direct > 0) {
    // Password resets no longer attach IAMUserChangePassword (the password policy's "Allow users to
    // change their own password" covers it), but users created before still hold it: it counts, as
    // any policy attached directly does, and the advice says it can simply go.
    const leftover = summary.UsersWithOnlyChangePasswordPolicy;
    const why =
      leftover === 0
        ? ""
        : leftover === direct
          ? ` ${direct === 1 ? "Its only policy is" : "Their only policy is"} IAMUserChangePassword, which the account password policy's "Allow users to change their own password" makes unnecessary: detach it.`
          : ` For ${leftover} of them the only one is IAMUserChangePassword, which the account password policy's "Allow users to change their own password" makes unnecessary: detach it.`;
    return {
      ...base,
      status: "not-done",
      detail: `${plural(direct, "user has", "users have")} policies attached directly. Grant those permissions through a group instead, and detach them from the users.${why}`,
      action,
    };
  }
  if (summary.GroupsWithPolicies === 0) {
    return { ...base, status: "not-done", detail: "No group has a policy yet. Create groups for job functions, attach the least privilege each needs, and add users to them.", action };
  }
  return { ...base, status: "done", detail: "Every user's permissions come from groups, and at least one group has a policy." };
}

/** The checks in AWS's order: the root user first, then IAM users, then their credentials. */
export function bestPracticeChecklist(summary: AccountSummary, facts: ChecklistFacts = {}): ChecklistItem[] {
  const audience = facts.audience ?? "root";
  return [
    administratorItem(summary),
    rootMfaItem(summary, audience),
    rootAccessKeysItem(summary, audience),
    individualUsersItem(summary),
    usersMfaItem(summary, facts.mfaEnrollment),
    groupsItem(summary),
    keyRotationItem(summary),
  ];
}

/** The IAM users' practices: what an administrator can act on (the root user's own are the owner's). */
export const ADMINISTRATOR_ITEMS: readonly ChecklistItem["id"][] = ["individual-users", "users-mfa", "groups", "key-rotation"];

// The account itself: GetAccountSummary (the dashboard's counts and quotas) and the account alias
// (ListAccountAliases, CreateAccountAlias, DeleteAccountAlias), which names the account in the IAM
// users' sign-in URL. Creating an account is sign-up (signup.ts): there is no caller to gate yet.

import { z } from "zod";
import { IamError } from "./errors";
import { accountOf } from "./entities";
import { operation } from "./operation";
import { QUOTAS } from "./quotas";

// These operations take no parameters; callers may pass {} or nothing at all.
const NoInput = z.object({}).optional();

/** AWS's SummaryMap keys for the entities Portcullis has; counts cover only the caller's account. */
export interface AccountSummary {
  Users: number;
  UsersQuota: number;
  Groups: number;
  GroupsQuota: number;
  GroupsPerUserQuota: number;
  Roles: number;
  RolesQuota: number;
  /** Customer managed policies. */
  Policies: number;
  PoliciesQuota: number;
  PolicyVersionsInUse: number;
  VersionsPerPolicyQuota: number;
  AttachedPoliciesPerUserQuota: number;
  AttachedPoliciesPerGroupQuota: number;
  AccessKeysPerUserQuota: number;
  MFADevices: number;
  MFADevicesInUse: number;
  /** 1 when the root user has an enabled MFA device. */
  AccountMFAEnabled: 0 | 1;
  /** 1 when the root user has access keys (AWS advises against it). */
  AccountAccessKeysPresent: 0 | 1;
  // Portcullis extensions for the best-practice checklist (not in AWS's SummaryMap): whole-account
  // answers from one aggregate query each, so the dashboard never walks users one by one.
  /** IAM users with a console password. */
  UsersWithConsoleAccess: number;
  /** IAM users with a managed or inline policy of their own rather than only through groups. */
  UsersWithDirectPolicies: number;
  /** Groups with at least one managed or inline policy. */
  GroupsWithPolicies: number;
  /** IAM users holding AdministratorAccess, directly or through a group. */
  AdministratorUsers: number;
  /** IAM users with a console password but no enabled MFA device. */
  ConsoleUsersWithoutMFA: number;
  /** Active access keys (IAM users' and the root user's) created more than KEY_ROTATION_DAYS ago. */
  AccessKeysOlderThan90Days: number;
}

/** AWS's rotation advice (and Security Hub's IAM.3 control): access keys older than 90 days. */
export const KEY_ROTATION_DAYS = 90;

const ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

export const GetAccountSummary = operation({
  name: "GetAccountSummary",
  action: "iam:GetAccountSummary",
  readOnly: true,
  input: NoInput,
  resource: () => "*",
  run: async (tx, _input, caller): Promise<{ SummaryMap: AccountSummary }> => {
    const accountId = accountOf(caller);
    const administrator = { policy: { arn: ADMINISTRATOR_ACCESS } };
    const rotationDue = new Date(Date.now() - KEY_ROTATION_DAYS * 24 * 60 * 60 * 1000);
    const [Users, Groups, Roles, Policies, PolicyVersionsInUse, MFADevices, MFADevicesInUse, rootMfa, rootKeys, UsersWithConsoleAccess, UsersWithDirectPolicies, GroupsWithPolicies, AdministratorUsers, ConsoleUsersWithoutMFA, AccessKeysOlderThan90Days] = await Promise.all([
      tx.user.count({ where: { accountId } }),
      tx.group.count({ where: { accountId } }),
      tx.role.count({ where: { accountId } }),
      tx.managedPolicy.count({ where: { accountId } }),
      tx.policyVersion.count({ where: { policy: { accountId } } }),
      tx.mfaDevice.count({ where: { accountId } }),
      tx.mfaDevice.count({ where: { accountId, enabledAt: { not: null } } }),
      tx.mfaDevice.count({ where: { rootAccountId: accountId, enabledAt: { not: null } } }),
      tx.accessKey.count({ where: { rootAccountId: accountId } }),
      tx.user.count({ where: { accountId, loginProfile: { isNot: null } } }),
      tx.user.count({ where: { accountId, OR: [{ attachedPolicies: { some: {} } }, { inlinePolicies: { some: {} } }] } }),
      tx.group.count({ where: { accountId, OR: [{ attachedPolicies: { some: {} } }, { inlinePolicies: { some: {} } }] } }),
      tx.user.count({
        where: { accountId, OR: [{ attachedPolicies: { some: administrator } }, { memberships: { some: { group: { attachedPolicies: { some: administrator } } } } }] },
      }),
      tx.user.count({ where: { accountId, loginProfile: { isNot: null }, mfaDevices: { none: { enabledAt: { not: null } } } } }),
      tx.accessKey.count({ where: { accountId, status: "Active", createdAt: { lt: rotationDue } } }),
    ]);
    return {
      SummaryMap: {
        Users,
        UsersQuota: QUOTAS.UsersPerAccount,
        Groups,
        GroupsQuota: QUOTAS.GroupsPerAccount,
        GroupsPerUserQuota: QUOTAS.GroupsPerUser,
        Roles,
        RolesQuota: QUOTAS.RolesPerAccount,
        Policies,
        PoliciesQuota: QUOTAS.PoliciesPerAccount,
        PolicyVersionsInUse,
        VersionsPerPolicyQuota: QUOTAS.VersionsPerPolicy,
        AttachedPoliciesPerUserQuota: QUOTAS.AttachedPoliciesPerUser,
        AttachedPoliciesPerGroupQuota: QUOTAS.AttachedPoliciesPerGroup,
        AccessKeysPerUserQuota: QUOTAS.AccessKeysPerUser,
        MFADevices,
        MFADevicesInUse,
        AccountMFAEnabled: rootMfa > 0 ? 1 : 0,
        AccountAccessKeysPresent: rootKeys > 0 ? 1 : 0,
        UsersWithConsoleAccess,
        UsersWithDirectPolicies,
        GroupsWithPolicies,
        AdministratorUsers,
        ConsoleUsersWithoutMFA,
        AccessKeysOlderThan90Days,
      },
    };
  },
});

export const ListAccountAliases = operation({
  name: "ListAccountAliases",
  action: "iam:ListAccountAliases",
  readOnly: true,
  input: NoInput,
  resource: () => "*",
  run: async (tx, _input, caller): Promise<{ AccountAliases: string[]; IsTruncated: false }> => {
    const account = await tx.account.findUnique({ where: { id: accountOf(caller) }, select: { alias: true } });
    return { AccountAliases: account?.alias ? [account.alias] : [], IsTruncated: false };
  },
});

/** AWS's rule: 3-63 lower-case letters, digits and single hyphens, starting and ending alphanumeric. */
const AccountAlias = z
  .string({ error: "AccountAlias is required" })
  .min(3, "must be at least 3 characters")
  .max(63, "must be at most 63 characters")
  .regex(/^[a-z0-9]([a-z0-9]|-(?!-))*[a-z0-9]$/, "may contain only lower-case letters, digits and single hyphens, and must start and end with a letter or digit")
  // The sign-in URL accepts an account ID or an alias; an alias that looks like an ID would be ambiguous.
  .refine((alias) => !/^\d{12}$/.test(alias), "must not be a 12-digit number (that reads as an account ID)");

export const CreateAccountAlias = operation({
  name: "CreateAccountAlias",
  action: "iam:CreateAccountAlias",
  input: z.object({ AccountAlias }),
  resource: () => "*",
  run: async (tx, input, caller): Promise<Record<string, never>> => {
    const accountId = accountOf(caller);
    const holder = await tx.account.findUnique({ where: { alias: input.AccountAlias }, select: { id: true } });
    if (holder && holder.id !== accountId) {
      throw new IamError("EntityAlreadyExists", `The account alias ${input.AccountAlias} already exists. Aliases are unique across Portcullis; choose another.`);
    }
    // An account has at most one alias: a new one replaces the old, as in AWS.
    const { count } = await tx.account.updateMany({ where: { id: accountId }, data: { alias: input.AccountAlias } });
    if (count === 0) throw new IamError("NoSuchEntity", "The account cannot be found.");
    return {};
  },
});

export const DeleteAccountAlias = operation({
  name: "DeleteAccountAlias",
  action: "iam:DeleteAccountAlias",
  input: z.object({ AccountAlias }),
  resource: () => "*",
  run: async (tx, input, caller): Promise<Record<string, never>> => {
    const { count } = await tx.account.updateMany({ where: { id: accountOf(caller), alias: input.AccountAlias }, data: { alias: null } });
    if (count === 0) throw new IamError("NoSuchEntity", `The account alias ${input.AccountAlias} cannot be found.`);
    return {};
  },
});

// GetAccountSummary: the dashboard's counts and quotas, and the aggregate answers its best-practice
// checklist needs. Creating an account is sign-up (signup.ts): there is no caller to gate yet.

import { POLICY_SIZE_QUOTAS } from "@/lib/policy";
import { accountOf } from "../core/account";
import { operation } from "../core/operation";
import { KEY_ROTATION_DAYS, QUOTAS } from "../core/rules";
import { NoInput } from "../core/validation";

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
  /** 1 when the root user has a password: always, since the root user signs in with one. */
  AccountPasswordPresent: 1;
  AttachedPoliciesPerRoleQuota: number;
  PolicySizeQuota: number;
  UserPolicySizeQuota: number;
  GroupPolicySizeQuota: number;
  RolePolicySizeQuota: number;
  AssumeRolePolicySizeQuota: number;
  PolicyVersionsInUseQuota: number;
  // What AWS counts that Portcullis does not have (instance profiles, identity providers, server and
  // signing certificates): AWS's quotas, and counts that are truly zero.
  InstanceProfiles: 0;
  InstanceProfilesQuota: number;
  Providers: 0;
  ServerCertificates: 0;
  ServerCertificatesQuota: number;
  SigningCertificatesPerUserQuota: number;
  /** STS's global endpoint issues version 1 tokens unless the account asks for version 2. */
  GlobalEndpointTokenVersion: 1;
  // Portcullis extensions for the best-practice checklist (not in AWS's SummaryMap): whole-account
  // answers from one aggregate query each, so the dashboard never walks users one by one.
  /** IAM users with a console password. */
  UsersWithConsoleAccess: number;
  /** IAM users with a managed or inline policy of their own rather than only through groups. */
  UsersWithDirectPolicies: number;
  /**
   * Of those, users whose only policy of their own is IAMUserChangePassword: what password resets
   * attached before the account password policy's AllowUsersToChangePassword took its place.
   */
  UsersWithOnlyChangePasswordPolicy: number;
  /** Groups with at least one managed or inline policy. */
  GroupsWithPolicies: number;
  /** IAM users holding AdministratorAccess, directly or through a group. */
  AdministratorUsers: number;
  /** IAM users with a console password but no enabled MFA device. */
  ConsoleUsersWithoutMFA: number;
  /** Active access keys (IAM users' and the root user's) created more than KEY_ROTATION_DAYS ago. */
  AccessKeysOlderThan90Days: number;
}

const ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";
const CHANGE_PASSWORD = "arn:aws:iam::aws:policy/IAMUserChangePassword";

export const GetAccountSummary = operation({
  name: "GetAccountSummary",
  action: "iam:GetAccountSummary",
  readOnly: true,
  input: NoInput,
  resource: () => "*",
  run: async ({ tx, caller }): Promise<{ SummaryMap: AccountSummary }> => {
    const accountId = accountOf(caller);
    // AdministratorAccess's groups first, by ID: counting their members with an IN list is several
    // times faster, on an account at its quotas, than joining memberships to attachments to policies.
    const administratorPolicy = await tx.managedPolicy.findUnique({ where: { arn: ADMINISTRATOR_ACCESS }, select: { id: true } });
    const policyId = administratorPolicy?.id ?? "";
    const administratorGroups = await tx.groupPolicyAttachment.findMany({ where: { policyId, group: { accountId } }, select: { groupId: true } });
    const rotationDue = new Date(Date.now() - KEY_ROTATION_DAYS * 24 * 60 * 60 * 1000);
    const [Users, Groups, Roles, Policies, PolicyVersionsInUse, MFADevices, MFADevicesInUse, rootMfa, rootKeys, UsersWithConsoleAccess, UsersWithDirectPolicies, UsersWithOnlyChangePasswordPolicy, GroupsWithPolicies, AdministratorUsers, ConsoleUsersWithoutMFA, AccessKeysOlderThan90Days] = await Promise.all([
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
      tx.user.count({
        where: { accountId, attachedPolicies: { some: { policy: { arn: CHANGE_PASSWORD } }, every: { policy: { arn: CHANGE_PASSWORD } } }, inlinePolicies: { none: {} } },
      }),
      tx.group.count({ where: { accountId, OR: [{ attachedPolicies: { some: {} } }, { inlinePolicies: { some: {} } }] } }),
      tx.user.count({
        where: { accountId, OR: [{ attachedPolicies: { some: { policyId } } }, { memberships: { some: { groupId: { in: administratorGroups.map((g) => g.groupId) } } } }] },
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
        AccountPasswordPresent: 1,
        AttachedPoliciesPerRoleQuota: QUOTAS.AttachedPoliciesPerRole,
        PolicySizeQuota: POLICY_SIZE_QUOTAS.managed,
        UserPolicySizeQuota: QUOTAS.InlinePolicySizePerUser,
        GroupPolicySizeQuota: QUOTAS.InlinePolicySizePerGroup,
        RolePolicySizeQuota: QUOTAS.InlinePolicySizePerRole,
        AssumeRolePolicySizeQuota: POLICY_SIZE_QUOTAS.trust,
        // AWS's default; Portcullis's other quotas bind first (1,500 policies × 5 versions).
        PolicyVersionsInUseQuota: 10_000,
        InstanceProfiles: 0,
        InstanceProfilesQuota: 1000,
        Providers: 0,
        ServerCertificates: 0,
        ServerCertificatesQuota: 20,
        SigningCertificatesPerUserQuota: 2,
        GlobalEndpointTokenVersion: 1,
        UsersWithConsoleAccess,
        UsersWithDirectPolicies,
        UsersWithOnlyChangePasswordPolicy,
        GroupsWithPolicies,
        AdministratorUsers,
        ConsoleUsersWithoutMFA,
        AccessKeysOlderThan90Days,
      },
    };
  },
});

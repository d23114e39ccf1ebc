// ListConsoleUsersWithoutMFA, a Portcullis console extension: the IAM users who sign in to the
// console without an MFA device, and whether each may enroll one themselves. The dashboard's advice
// depends on that answer: "ask them to enroll one" helps only users whose policies allow
// iam:CreateVirtualMFADevice and iam:EnableMFADevice on themselves; for the others the fix is a
// policy (ForceMFA-ManageOwnCredentials on their group). Each user is decided by the engine as
// SimulatePrincipalPolicy would decide it, in one audited call, for at most MAX_CHECKED_USERS users
// (the first by name), so the dashboard's work stays bounded however many users lack MFA.

import { evaluate, preparePolicySet, type ContextValue, type PolicySet } from "@/lib/policy";
import { accountOf } from "../core/account";
import { principalContext } from "../core/authorize";
import { operation } from "../core/operation";
import { loadUserPolicySet } from "../core/policySet";
import { NoInput } from "../core/validation";
import { mfaSerialNumber } from "../credentials/mfa";
import { everyUser } from "./entity";

/** Users decided per call; the rest are counted in TotalCount, not decided. */
export const MAX_CHECKED_USERS = 20;

export interface ConsoleUserWithoutMFA {
  readonly UserName: string;
  /** The user's groups, by name: where a self-service policy would go. */
  readonly Groups: string[];
  /** Whether the user's own policies let them create and enable a virtual MFA device, signed in without MFA. */
  readonly CanEnrollOwnMFA: boolean;
}

/** The two calls enrolling one's own device makes (My security credentials), decided without MFA. */
function canEnrollOwnMfa(set: PolicySet, user: { accountId: string; arn: string; name: string }, context: Record<string, ContextValue>): boolean {
  const prepared = preparePolicySet(set);
  const allows = (action: string, resource: string) =>
    evaluate({ principal: user.arn, action, resource, resourceAccount: user.accountId, context }, prepared).decision === "Allow";
  return allows("iam:CreateVirtualMFADevice", mfaSerialNumber(user.accountId, user.name)) && allows("iam:EnableMFADevice", user.arn);
}

export const ListConsoleUsersWithoutMFA = operation({
  name: "ListConsoleUsersWithoutMFA",
  action: "iam:ListUsers",
  readOnly: true,
  input: NoInput,
  resource: ({ caller }) => `arn:aws:iam::${accountOf(caller)}:user/`,
  // What the answer reveals about each user: console access, MFA, groups, and a simulation of their policies.
  additionalAuthorizations: ({ caller }) =>
    ["iam:GetLoginProfile", "iam:ListMFADevices", "iam:ListGroupsForUser", "iam:SimulatePrincipalPolicy"].map((action) => ({ action, resource: everyUser(caller) })),
  run: async ({ tx, caller }): Promise<{ Users: ConsoleUserWithoutMFA[]; TotalCount: number; IsTruncated: boolean }> => {
    const accountId = accountOf(caller);
    const where = { accountId, loginProfile: { isNot: null }, mfaDevices: { none: { enabledAt: { not: null } } } };
    const [rows, TotalCount] = await Promise.all([
      tx.user.findMany({
        where,
        orderBy: [{ nameLower: "asc" }, { id: "asc" }],
        take: MAX_CHECKED_USERS,
        select: { id: true, accountId: true, arn: true, name: true, memberships: { select: { group: { select: { name: true } } } } },
      }),
      tx.user.count({ where }),
    ]);
    const now = new Date();
    const Users: ConsoleUserWithoutMFA[] = [];
    for (const row of rows) {
      const loaded = await loadUserPolicySet(tx, row.id);
      if (!loaded) continue;
      const principal = { kind: "user", accountId: row.accountId, arn: row.arn, userId: row.id, userName: row.name } as const;
      const context: Record<string, ContextValue> = {
        "aws:CurrentTime": now.toISOString(),
        "aws:EpochTime": String(Math.floor(now.getTime() / 1000)),
        // Enrolling is what a user does before they have a device, so before they can sign in with one.
        "aws:MultiFactorAuthPresent": "false",
        ...principalContext(principal, loaded.tags),
      };
      Users.push({
        UserName: row.name,
        Groups: row.memberships.map((m) => m.group.name).sort((a, b) => a.localeCompare(b)),
        CanEnrollOwnMFA: canEnrollOwnMfa(loaded.set, row, context),
      });
    }
    return { Users, TotalCount, IsTruncated: TotalCount > rows.length };
  },
});

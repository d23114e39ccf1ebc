// The demo accounts, created through the operations as each account's root user would, so the
// audit logs show how they were set up. Each part is created once and skipped when it exists, so
// seeding again changes nothing, and a demo directory made before the roles existed gets them.
// `npm run demo` (demo.ts) seeds and serves; the demo test seeds a test database.

import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db/client";
import { CreateAccountAlias } from "@/lib/iam/account/aliases";
import { awsManagedPolicyArn } from "@/lib/iam/policies/awsManaged";
import { AddUserToGroup } from "@/lib/iam/groups/membership";
import { CreateGroup } from "@/lib/iam/groups/groups";
import { CreateLoginProfile } from "@/lib/iam/credentials/loginProfiles";
import { execute } from "@/lib/iam/core/operation";
import { AttachGroupPolicy, AttachRolePolicy } from "@/lib/iam/policies/attachments";
import { PutGroupPolicy, PutUserPolicy } from "@/lib/iam/policies/inline";
import { createAccount } from "@/lib/iam/account/signup";
import { CreateRole } from "@/lib/iam/roles/roles";
import { trustPolicyText } from "@/lib/iam/roles/trustPolicyBuilder";
import { CreateUser } from "@/lib/iam/users/users";
import { DEMO } from "./demoAccount";

const rootOf = (accountId: string): Caller => ({ kind: "root", accountId, arn: `arn:aws:iam::${accountId}:root`, mfaAuthenticated: false });
export const roleArnIn = (accountId: string, roleName: string) => `arn:aws:iam::${accountId}:role/${roleName}`;
const allowAssumeRole = (roleArn: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn }] });

async function seedCorp(): Promise<string> {
  const existing = await db.rootUser.findUnique({ where: { email: DEMO.root.email } });
  if (existing) return existing.accountId;
  const { AccountId } = await createAccount({ AccountName: DEMO.accountName, Email: DEMO.root.email, Password: DEMO.root.password });
  const root = rootOf(AccountId);
  await execute(CreateAccountAlias, { AccountAlias: DEMO.alias }, root);
  for (const group of DEMO.groups) {
    await execute(CreateGroup, { GroupName: group.name }, root);
    for (const policy of group.policies) await execute(AttachGroupPolicy, { GroupName: group.name, PolicyArn: awsManagedPolicyArn(policy) }, root);
  }
  for (const user of DEMO.users) {
    await execute(CreateUser, { UserName: user.name, Tags: [{ Key: "team", Value: user.team }] }, root);
    await execute(CreateLoginProfile, { UserName: user.name, Password: user.password, PasswordResetRequired: false }, root);
    await execute(AddUserToGroup, { GroupName: user.group, UserName: user.name }, root);
  }
  return AccountId;
}

/** Example Partner and its one user, who may assume PartnerAuditor in `corpAccountId`. */
async function seedPartner(corpAccountId: string): Promise<string> {
  const { partner } = DEMO;
  const existing = await db.rootUser.findUnique({ where: { email: partner.root.email } });
  if (existing) return existing.accountId;
  const { AccountId } = await createAccount({ AccountName: partner.accountName, Email: partner.root.email, Password: partner.root.password });
  const root = rootOf(AccountId);
  await execute(CreateAccountAlias, { AccountAlias: partner.alias }, root);
  await execute(CreateUser, { UserName: partner.user.name, Tags: [{ Key: "team", Value: partner.user.team }] }, root);
  await execute(CreateLoginProfile, { UserName: partner.user.name, Password: partner.user.password, PasswordResetRequired: false }, root);
  // Cross-account access needs both sides: this policy in the partner's account and the role's trust policy in Example Corp's.
  await execute(
    PutUserPolicy,
    { UserName: partner.user.name, PolicyName: `Assume${partner.role.name}`, PolicyDocument: allowAssumeRole(roleArnIn(corpAccountId, partner.role.name)) },
    root,
  );
  return AccountId;
}

/** Example Corp's roles, each created with its policies and the group policy that lets its group assume it. */
async function seedRoles(corpAccountId: string, partnerAccountId: string): Promise<void> {
  const root = rootOf(corpAccountId);
  const exists = async (roleName: string) => (await db.role.findUnique({ where: { accountId_nameLower: { accountId: corpAccountId, nameLower: roleName.toLowerCase() } } })) !== null;
  const account = { type: "account", otherAccountId: "", requireExternalId: false, externalId: "" } as const;
  for (const role of DEMO.roles) {
    if (await exists(role.name)) continue;
    const trust = trustPolicyText({ ...account, account: "this", requireMfa: role.requireMfa }, corpAccountId);
    await execute(CreateRole, { RoleName: role.name, Description: role.description, AssumeRolePolicyDocument: trust }, root);
    for (const policy of role.policies) await execute(AttachRolePolicy, { RoleName: role.name, PolicyArn: awsManagedPolicyArn(policy) }, root);
    await execute(PutGroupPolicy, { GroupName: role.assumedBy, PolicyName: `Assume${role.name}`, PolicyDocument: allowAssumeRole(roleArnIn(corpAccountId, role.name)) }, root);
  }
  const { role } = DEMO.partner;
  if (await exists(role.name)) return;
  const trust = trustPolicyText(
    { ...account, account: "other", otherAccountId: partnerAccountId, requireExternalId: true, externalId: role.externalId, requireMfa: false },
    corpAccountId,
  );
  await execute(CreateRole, { RoleName: role.name, Description: role.description, AssumeRolePolicyDocument: trust }, root);
  for (const policy of role.policies) await execute(AttachRolePolicy, { RoleName: role.name, PolicyArn: awsManagedPolicyArn(policy) }, root);
}

/** The console's switch-role link for a role, as AWS's "link to switch roles in console". */
export const switchRoleLink = (role: (typeof DEMO.roles)[number]) =>
  `/switchrole?${new URLSearchParams({ account: DEMO.alias, roleName: role.name, displayName: `${role.name}@${DEMO.alias}`, color: role.color })}`;

/** Example Corp, Example Partner and Example Corp's roles; the two account IDs. */
export async function seedDemo(): Promise<{ accountId: string; partnerId: string }> {
  const accountId = await seedCorp();
  const partnerId = await seedPartner(accountId);
  await seedRoles(accountId, partnerId);
  return { accountId, partnerId };
}

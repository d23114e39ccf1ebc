// `npm run demo`: the console with a training account, "Example Corp", for trainers to put on a
// projector: a root user, an administrator, a developer and a read-only user, in groups Admins,
// Developers and ReadOnly with AWS managed policies attached. Everything is created through the
// operations as the root user would, so the audit log shows how the account was set up.
// The demo lives in its own data directory (data/demo, set by the npm script), apart from real data.

import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db/client";
import { CreateAccountAlias } from "@/lib/iam/account/aliases";
import { awsManagedPolicyArn } from "@/lib/iam/policies/awsManaged";
import { AddUserToGroup } from "@/lib/iam/groups/membership";
import { CreateGroup } from "@/lib/iam/groups/groups";
import { CreateLoginProfile } from "@/lib/iam/credentials/loginProfiles";
import { execute } from "@/lib/iam/core/operation";
import { AttachGroupPolicy } from "@/lib/iam/policies/attachments";
import { createAccount } from "@/lib/iam/account/signup";
import { CreateUser } from "@/lib/iam/users/users";
import { DEMO } from "./demoAccount";
import { prepare } from "./prepare";
import { serve } from "./serve";

async function seed(): Promise<string> {
  const existing = await db.rootUser.findUnique({ where: { email: DEMO.root.email } });
  if (existing) return existing.accountId;
  const { AccountId } = await createAccount({ AccountName: DEMO.accountName, Email: DEMO.root.email, Password: DEMO.root.password });
  const root: Caller = { kind: "root", accountId: AccountId, arn: `arn:aws:iam::${AccountId}:root`, mfaAuthenticated: false };
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

async function main(): Promise<void> {
  await prepare();
  const accountId = await seed();
  console.log(`Demo account "${DEMO.accountName}" (${accountId}, alias ${DEMO.alias}); sign-in details are in README.md.`);
  await serve(process.argv.slice(2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

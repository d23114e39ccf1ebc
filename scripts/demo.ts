// `npm run demo`: the console with a training account, "Example Corp", for trainers to put on a
// projector: a root user, an administrator, a developer and a read-only user, in groups Admins,
// Developers and ReadOnly with AWS managed policies attached; roles ReadOnlyAuditor (Developers may
// assume it) and Administrator (Admins, with MFA); and a second account, "Example Partner", whose
// user may assume Example Corp's PartnerAuditor with an external ID. Everything is created through
// the operations (demoSeed.ts), once: a demo directory made before the roles existed gets them on its next start.
// The demo lives in its own data directory (data/demo, set by the npm script), apart from real data.

import { DEMO } from "./demoAccount";
import { roleArnIn, seedDemo, switchRoleLink } from "./demoSeed";
import { prepare } from "./prepare";
import { serve } from "./serve";

async function main(): Promise<void> {
  await prepare();
  const { accountId, partnerId } = await seedDemo();
  const { partner } = DEMO;
  console.log(`Demo account "${DEMO.accountName}" (${accountId}, alias ${DEMO.alias}); sign-in details are in README.md.`);
  for (const role of DEMO.roles) {
    console.log(`  Role ${role.name} (${role.assumedBy}${role.requireMfa ? ", with MFA" : ""}): switch role at ${switchRoleLink(role)}`);
  }
  console.log(`Partner account "${partner.accountName}" (${partnerId}, alias ${partner.alias}): root ${partner.root.email} / ${partner.root.password}, IAM user ${partner.user.name} / ${partner.user.password}.`);
  // AWS's console switch role sends no external ID, and neither does Portcullis's: the role is for sts:AssumeRole calls.
  console.log(`  ${partner.user.name} may assume ${roleArnIn(accountId, partner.role.name)} with sts:AssumeRole and external ID ${partner.role.externalId}.`);
  await serve(process.argv.slice(2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

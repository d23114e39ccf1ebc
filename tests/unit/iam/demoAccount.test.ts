// The demo accounts as a trainer uses them: seeded twice (a second start changes nothing), then each
// role answers sts:AssumeRole as README.md's trainer's table says: Developers may take on
// ReadOnlyAuditor, Admins Administrator only with MFA, and Example Partner's user PartnerAuditor only
// with the external ID.

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { AccessDeniedError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { ensureAwsManagedPolicies } from "@/lib/iam/policies/awsManaged";
import { AssumeRole } from "@/lib/iam/roles/assumeRole";
import { DEMO } from "@/scripts/demoAccount";
import { roleArnIn, seedDemo, switchRoleLink } from "@/scripts/demoSeed";
import { db } from "./support/fixtures";

let accountId = "";
let partnerId = "";

async function userCaller(account: string, userName: string, mfa = false): Promise<Caller> {
  const user = await db.user.findFirstOrThrow({ where: { accountId: account, name: userName } });
  return { kind: "user", accountId: account, arn: user.arn, userId: user.id, userName, mfaAuthenticated: mfa, ...(mfa ? { authTime: new Date() } : {}) };
}

const assume = (caller: Caller, roleName: string, extra: { ExternalId?: string } = {}) =>
  execute(AssumeRole, { RoleArn: roleArnIn(accountId, roleName), RoleSessionName: "demo-session", ...extra }, caller);

async function expectDenied(attempt: Promise<unknown>): Promise<AccessDeniedError> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AccessDeniedError);
  return error as AccessDeniedError;
}

beforeAll(async () => {
  // As `npm run demo` sets it: the demo makes a second account.
  vi.stubEnv("PORTCULLIS_SIGNUP", "open");
  await ensureAwsManagedPolicies(db);
  ({ accountId, partnerId } = await seedDemo());
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe("the demo accounts", () => {
  it("are seeded once: seeding again finds them and creates nothing", async () => {
    const counts = async () => ({ accounts: await db.account.count(), roles: await db.role.count(), users: await db.user.count(), inline: await db.inlinePolicy.count() });
    const before = await counts();
    expect(before).toMatchObject({ accounts: 2, roles: 3 });
    expect(await seedDemo()).toEqual({ accountId, partnerId });
    expect(await counts()).toEqual(before);
  });

  it("let Developers assume ReadOnlyAuditor, and nobody without a policy for it", async () => {
    const { AssumedRoleUser } = await assume(await userCaller(accountId, "dev.developer"), "ReadOnlyAuditor");
    expect(AssumedRoleUser.Arn).toBe(`arn:aws:sts::${accountId}:assumed-role/ReadOnlyAuditor/demo-session`);
    await expectDenied(assume(await userCaller(accountId, "rita.readonly"), "ReadOnlyAuditor"));
    await expectDenied(assume(await userCaller(accountId, "dev.developer"), "Administrator"));
  });

  it("let Admins assume Administrator only from a session signed in with MFA", async () => {
    const denied = await expectDenied(assume(await userCaller(accountId, "ada.admin"), "Administrator"));
    expect(denied.explanation.summary).toContain("trust policy");
    const { AssumedRoleUser } = await assume(await userCaller(accountId, "ada.admin", true), "Administrator");
    expect(AssumedRoleUser.Arn).toContain(":assumed-role/Administrator/");
  });

  it("let the partner's user assume PartnerAuditor across accounts only with the external ID", async () => {
    const pat = await userCaller(partnerId, DEMO.partner.user.name);
    await expectDenied(assume(pat, "PartnerAuditor"));
    await expectDenied(assume(pat, "PartnerAuditor", { ExternalId: "a-guess" }));
    const { AssumedRoleUser } = await assume(pat, "PartnerAuditor", { ExternalId: DEMO.partner.role.externalId });
    expect(AssumedRoleUser.Arn).toBe(`arn:aws:sts::${accountId}:assumed-role/PartnerAuditor/demo-session`);
  });

  it("print switch-role links the console's switch-role page reads", () => {
    const link = new URL(switchRoleLink(DEMO.roles[1]), "http://localhost");
    expect(link.pathname).toBe("/switchrole");
    expect(Object.fromEntries(link.searchParams)).toEqual({ account: DEMO.alias, roleName: "Administrator", displayName: "Administrator@example-corp", color: "red" });
  });
});

// A page's work must not grow with the rows it shows (issue 8): every console page runs a fixed
// number of operations and SQL statements, writes a fixed number of audit events and loads the
// caller's policies once,
// whether its tables have one row or fifty, and asks the engine about its buttons in one
// GetCallerPermissions call. Each page is run through the loader the page itself
// calls, as an IAM administrator (so the engine really evaluates), once over a small account and
// once over a large one.

import { describe, expect, it } from "vitest";
import { RequestScope, type Caller } from "@/lib/auth/caller";
import { executedStatements } from "@/lib/db/client";
import { accessKeyId, uniqueId } from "@/lib/iam/core/ids";
import { loadAuditLog, loadGroupsList, loadPoliciesList, loadRolesList, loadUsersList } from "@/app/(console)/_server/listPages";
import { loadGroupPage, GROUP_TABS } from "@/app/(console)/groups/[groupName]/loadGroupPage";
import { loadPolicyPage, POLICY_TABS } from "@/app/(console)/policies/[...policy]/loadPolicyPage";
import { loadRolePage, ROLE_TABS } from "@/app/(console)/roles/[roleName]/loadRolePage";
import { loadUserPage, USER_TABS } from "@/app/(console)/users/[userName]/loadUserPage";
import { loadLastAccessed } from "@/app/(console)/_server/loadLastAccessed";
import { loadCredentialReport } from "@/app/(console)/credential-report/loadCredentialReport";
import { loadFindings } from "@/app/(console)/findings/loadFindings";
import { loadSimulator } from "@/app/(console)/simulator/loadSimulator";
import { loadPrincipalPermissions } from "@/app/(console)/who-can/principal/loadPrincipalPermissions";
import { loadWhoCan } from "@/app/(console)/who-can/loadWhoCan";
import { readSimulatorInputs } from "@/components/simulator/simulatorQuery";
import { execute } from "@/lib/iam/core/operation";
import { GenerateCredentialReport } from "@/lib/iam/reports/credentialReport";
import { groupArn, roleArn, userArn } from "@/lib/policy";
import { createAccount, createCustomerPolicy, createGroup, createRole, createUser, db, managed } from "../iam/support/fixtures";

interface World {
  readonly admin: Caller;
  readonly accountId: string;
  readonly policyArn: string;
}

/** An account whose lists, and whose user "target", group "Team" and policy "Shared", have `rows` rows each. */
async function world(rows: number): Promise<World> {
  const { accountId, root } = await createAccount(`Page work ${rows}`);
  const admins = await createGroup(accountId, "Admins", [managed("IAMFullAccess")]);
  const admin = await createUser(accountId, "admin", {
    groupIds: [admins],
    inline: {
      ReadAuditLog: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "cloudtrail:LookupEvents", Resource: "*" }] },
      ReviewFindings: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["access-analyzer:ListFindings", "access-analyzer:UpdateFindings"], Resource: "*" }] },
    },
  });
  const policyArn = await createCustomerPolicy(accountId, "Shared", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
  // A user holds at most 10 groups and 10 managed policies, and a policy 5 versions: the user's
  // and policy's own rows stop at those quotas.
  const perUser = Math.min(rows, 10);
  const policies = [policyArn];
  for (let i = 1; i < rows; i++) policies.push(await createCustomerPolicy(accountId, `Policy${i}`, { Version: "2012-10-17", Statement: [] }));
  for (let v = 2; v <= Math.min(rows, 5); v++) {
    const policy = await db.managedPolicy.findUniqueOrThrow({ where: { arn: policyArn } });
    await db.policyVersion.create({ data: { policyId: policy.id, versionId: `v${v}`, document: '{"Version":"2012-10-17","Statement":[]}' } });
  }
  const groups: string[] = [];
  for (let i = 0; i < rows; i++) groups.push(await createGroup(accountId, i === 0 ? "Team" : `Group${i}`, [policies[i % policies.length]!]));
  const target = await createUser(accountId, "target", {
    groupIds: groups.slice(0, perUser),
    policies: policies.slice(0, perUser),
    inline: Object.fromEntries(Array.from({ length: perUser }, (_, i) => [`Inline${i}`, { Version: "2012-10-17", Statement: [] }])),
    tags: Object.fromEntries(Array.from({ length: perUser }, (_, i) => [`tag${i}`, "x"])),
    loginProfile: true,
  });
  for (let i = 0; i < Math.min(rows, 2); i++) {
    await db.accessKey.create({ data: { id: accessKeyId(), accountId, userId: target.userId, secretCiphertext: "unused" } });
  }
  for (let i = 0; i < Math.min(rows, 8); i++) {
    await db.mfaDevice.create({ data: { accountId, userId: target.userId, serialNumber: `arn:aws:iam::${accountId}:mfa/target-${i}`, name: `target-${i}`, secretCiphertext: "unused", enabledAt: new Date() } });
  }
  for (let i = 1; i < rows; i++) {
    const user = await createUser(accountId, `user${i}`, { groupIds: [groups[0]!], policies: [policyArn], loginProfile: true });
    await db.accessKey.create({ data: { id: accessKeyId(), accountId, userId: user.userId, secretCiphertext: "unused" } });
  }
  // Roles: "Deployer" holds up to 10 managed and inline policies and tags, like target; the others fill the list.
  const deployer = await createRole(accountId, "Deployer", { tags: Object.fromEntries(Array.from({ length: perUser }, (_, i) => [`tag${i}`, "x"])) });
  await db.rolePolicyAttachment.createMany({ data: (await db.managedPolicy.findMany({ where: { arn: { in: policies.slice(0, perUser) } }, select: { id: true } })).map((p) => ({ roleId: deployer.id, policyId: p.id })) });
  await db.inlinePolicy.createMany({ data: Array.from({ length: perUser }, (_, i) => ({ roleId: deployer.id, name: `Inline${i}`, nameLower: `inline${i}`, document: '{"Version":"2012-10-17","Statement":[]}' })) });
  for (let i = 1; i < rows; i++) await createRole(accountId, `Role${i}`);
  await db.auditEvent.createMany({
    data: Array.from({ length: rows }, (_, i) => ({ accountId, principalArn: target.arn, action: "iam:CreateUser", resource: `arn:aws:iam::${accountId}:user/u${i}`, result: "Allowed", readOnly: false, id: uniqueId("AIDA") })),
  });
  // The credential report page shows the stored report: one is generated, listing every user.
  await execute(GenerateCredentialReport, {}, root);
  // Users created long ago, so the findings page has a finding of each kind per user.
  await db.user.updateMany({ where: { accountId }, data: { createdAt: new Date(Date.now() - 200 * 86_400_000) } });
  return { admin, accountId, policyArn };
}

type Page = [name: string, load: (caller: Caller, world: World) => Promise<unknown>];

const PAGES: Page[] = [
  ["users list", (c) => loadUsersList(c, {})],
  ["users list, without MFA and with console access", (c) => loadUsersList(c, { mfa: "without", console: "enabled" })],
  ["groups list", (c) => loadGroupsList(c, {})],
  ["policies list", (c) => loadPoliciesList(c, { type: "Local" })],
  ["roles list", (c) => loadRolesList(c, {})],
  ["audit log", (c) => loadAuditLog(c, {})],
  ...USER_TABS.map(({ id }): Page => [`user page, ${id} tab`, (c) => loadUserPage(c, "target", id)]),
  ...GROUP_TABS.map(({ id }): Page => [`group page, ${id} tab`, (c) => loadGroupPage(c, "Team", id)]),
  ...ROLE_TABS.map(({ id }): Page => [`role page, ${id} tab`, (c) => loadRolePage(c, "Deployer", id)]),
  ...[...POLICY_TABS.map(({ id }) => id), "edit" as const].map((id): Page => [`policy page, ${id}`, (c, w) => loadPolicyPage(c, [encodeURIComponent(w.policyArn)], id)]),
  // The Last accessed tab loads its report once the page's own read has returned the entity's ARN.
  ["user page, last accessed report", (c, w) => loadUserPage(c, "target", "last-accessed").then(() => loadLastAccessed(userArn(w.accountId, "target"), undefined, c))],
  ["group page, last accessed report", (c, w) => loadGroupPage(c, "Team", "last-accessed").then(() => loadLastAccessed(groupArn(w.accountId, "Team"), undefined, c))],
  ["role page, last accessed report", (c, w) => loadRolePage(c, "Deployer", "last-accessed").then(() => loadLastAccessed(roleArn(w.accountId, "Deployer"), undefined, c))],
  ["policy page, last accessed report", (c, w) => loadPolicyPage(c, [encodeURIComponent(w.policyArn)], "last-accessed").then(() => loadLastAccessed(w.policyArn, undefined, c))],
  ["credential report", (c) => loadCredentialReport(c)],
  ["unused access findings", (c) => loadFindings(c, { days: 90, status: "ACTIVE" })],
  ["unused access findings, unused permissions", (c) => loadFindings(c, { days: 90, status: "ACTIVE", type: "UnusedPermission" })],
  ["who can", (c) => loadWhoCan(c, { action: "s3:GetObject", resource: "*", context: [] })],
  ["what it can do", (c, w) => loadPrincipalPermissions(c, { arn: userArn(w.accountId, "target") })],
  [
    "policy simulator, a user's policies",
    (c, w) => loadSimulator(c, readSimulatorInputs({ mode: "principal", principal: userArn(w.accountId, "target"), action: ["s3:GetObject", "iam:DeleteUser"], resource: ["*", "*"] })),
  ],
  ["policy simulator, pasted policies", (c) => loadSimulator(c, readSimulatorInputs({ mode: "custom", policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}', action: "s3:GetObject" }))],
];

// Pages without buttons of their own do not ask which ones the caller may use.
const ASKS_NO_PERMISSIONS = new Set(["audit log", "who can", "what it can do"]);

// The Last accessed tab writes its report (GenerateServiceLastAccessedDetails) before reading it: a
// write makes the request forget the caller's policies, so the read loads them once more.
const LOADS_POLICIES_AFTER_A_WRITE = new Set(["user page, last accessed report", "group page, last accessed report", "role page, last accessed report", "policy page, last accessed report"]);

const permissionQuestions = (accountId: string) => db.auditEvent.count({ where: { accountId, action: "iam:GetCallerPermissions" } });

/** What one page view did: operations run, SQL statements sent, audit events written, policy sets loaded. */
async function measure(load: Page[1], w: World) {
  const caller = { ...w.admin, scope: new RequestScope() };
  const before = await db.auditEvent.count({ where: { accountId: w.accountId } });
  const questionsBefore = await permissionQuestions(w.accountId);
  const statementsBefore = executedStatements();
  const result = await load(caller, w);
  const statements = executedStatements() - statementsBefore;
  const events = (await db.auditEvent.count({ where: { accountId: w.accountId } })) - before;
  const questions = (await permissionQuestions(w.accountId)) - questionsBefore;
  return { operations: caller.scope.counts.operations, statements, policySetLoads: caller.scope.counts.policySetLoads, events, questions, result };
}

describe("page work does not grow with rows", () => {
  let small: World;
  let large: World;

  it("sets up an account with one row per table and one with fifty", async () => {
    small = await world(1);
    large = await world(50);
  });

  it.each(PAGES)("%s: the same operations, SQL statements and audit events, one policy-set load and one permissions question, for 1 row as for 50", async (name, load) => {
    const one = await measure(load, small);
    const fifty = await measure(load, large);
    expect(JSON.stringify(fifty.result)).not.toMatch(/"ok":false/);
    expect(fifty.operations).toBeGreaterThan(0);
    expect(fifty.statements).toBeGreaterThan(fifty.operations);
    expect({ operations: fifty.operations, events: fifty.events }).toEqual({ operations: one.operations, events: one.events });
    // Statements are counted on SQLite only. Prisma batches findUnique calls made in the same tick
    // into one statement, and over PostgreSQL's network connection how many land in one tick varies
    // from run to run (seen: 47 to 50 statements for one page), so there the count is not a measure.
    if (!process.env.TEST_POSTGRES_URL) expect(fifty.statements).toBe(one.statements);
    const loads = LOADS_POLICIES_AFTER_A_WRITE.has(name) ? 2 : 1;
    expect(one.policySetLoads).toBe(loads);
    expect(fifty.policySetLoads).toBe(loads);
    const asks = ASKS_NO_PERMISSIONS.has(name) ? 0 : 1;
    expect({ one: one.questions, fifty: fifty.questions }).toEqual({ one: asks, fifty: asks });
  });
});

// `npm run bench:console`: the server time of every console page on an account at AWS's default
// quotas — 5,000 users, 300 groups, 1,500 customer managed policies, 1,000 roles, 20,000 audit events — in a
// fresh SQLite database, or with `--postgres` (BENCH_DATABASE=postgresql) a fresh PostgreSQL database
// in the server BENCH_POSTGRES_URL names; `--both` runs it on each, one after the other, and prints
// them side by side (bench/benchDatabase.ts). The database is the only difference: it is chosen before
// lib/db/client.ts is imported, and the seed and the loaders are the same code. Each request runs exactly what the page runs (the same loader the page
// calls): its operations with input validation, the policy engine deciding for an IAM administrator
// with 10 managed policies through 3 groups (loaded once per request, as the console does), the
// database work and the audit events. Prints p50/p95 per page, and how many operations and SQL
// statements each ran;
// no assertions.

import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createBenchDatabase, requestedDatabases, runOnDatabase, type BenchDatabase, type BenchDatabaseKind } from "./benchDatabase";

const USERS = 5_000;
const GROUPS = 300;
const POLICIES = 1_500;
const ROLES = 1_000;
const AUDIT_EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

const TARGET_MS = 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const load = () => loadavg().map((n) => n.toFixed(2)).join(" ");

interface PageResult {
  readonly label: string;
  readonly operations: number;
  readonly statements: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

interface RunResult {
  readonly kind: BenchDatabaseKind;
  readonly description: string;
  readonly loadBefore: string;
  readonly loadAfter: string;
  readonly pages: PageResult[];
}

const verdict = (p95: number) => `p95 < ${TARGET_MS} ms ${p95 < TARGET_MS ? "✔" : "✘"}`;

async function runOne(database: BenchDatabase): Promise<RunResult> {
  const { prepare } = await import("../scripts/prepare");
  const { seedQuotaAccount } = await import("./consoleSeed");
  const { RequestScope } = await import("../lib/auth/caller");
  const { execute } = await import("../lib/iam/core/operation");
  const { executedStatements } = await import("../lib/db/client");
  const { CreateUser } = await import("../lib/iam/users/users");
  const { DeleteUserWithDependents } = await import("../lib/iam/users/deletion");
  const lists = await import("../app/(console)/_server/listPages");
  const { loadUserPage } = await import("../app/(console)/users/[userName]/loadUserPage");
  const { loadGroupPage } = await import("../app/(console)/groups/[groupName]/loadGroupPage");
  const { loadRolePage } = await import("../app/(console)/roles/[roleName]/loadRolePage");
  const { loadPolicyPage } = await import("../app/(console)/policies/[...policy]/loadPolicyPage");
  const { loadDashboard } = await import("../app/(console)/dashboard/loadDashboard");

  const loadBefore = load();
  await prepare();
  const started = performance.now();
  // The administrator counts as one user, and one place is left for the user CreateUser creates
  // (removed again, untimed, after each request), so every CreateUser runs at the quota's edge.
  const seed = await seedQuotaAccount({ users: USERS - 2, groups: GROUPS, policies: POLICIES, roles: ROLES, auditEvents: AUDIT_EVENTS });
  const seedSeconds = (performance.now() - started) / 1000;

  // Each request is a new request scope, as each page view is: the caller's policies load once in it.
  const asRequest = () => ({ ...seed.admin, scope: new RequestScope() });
  const policySegments = () => [encodeURIComponent(seed.samplePolicyArn())];
  let created = 0;
  // As root: the administrator's own guard-rail policies deny deletes without MFA.
  const removeCreated = () => execute(DeleteUserWithDependents, { UserName: `bench-new-${created - 1}` }, seed.root);
  const first = await lists.loadUsersList(asRequest(), { sort: "PasswordLastUsed", order: "descending" });
  const secondPage = first.result.ok ? first.result.value.Marker : undefined;
  type Request = [label: string, run: (caller: ReturnType<typeof asRequest>) => Promise<unknown>, cleanup?: () => Promise<unknown>];
  const requests: Request[] = [
    // An administrator's dashboard: the summary, and up to 20 users without MFA decided by the engine.
    ["dashboard (administrator)", (c) => loadDashboard(c)],
    ["users list (25 per page, console columns)", (c) => lists.loadUsersList(c, {})],
    ['users list filtered ("user-4")', (c) => lists.loadUsersList(c, { filter: "user-4" })],
    ["users list without MFA, with console access", (c) => lists.loadUsersList(c, { mfa: "without", console: "enabled" })],
    ["users list sorted by last sign-in, page 2", (c) => lists.loadUsersList(c, { sort: "PasswordLastUsed", order: "descending", marker: secondPage })],
    ["groups list (25 per page, members and policies)", (c) => lists.loadGroupsList(c, {})],
    ["policies list (25 per page, attachment counts)", (c) => lists.loadPoliciesList(c, {})],
    ["roles list (25 per page, trusted entities, last activity)", (c) => lists.loadRolesList(c, {})],
    ['roles list filtered ("role-4")', (c) => lists.loadRolesList(c, { filter: "role-4" })],
    ["audit log (50 newest changes)", (c) => lists.loadAuditLog(c, {})],
    ["user page: Permissions", (c) => loadUserPage(c, seed.sampleUserName(), "permissions")],
    ["user page: Groups", (c) => loadUserPage(c, seed.sampleUserName(), "groups")],
    ["user page: Security credentials", (c) => loadUserPage(c, seed.sampleUserName(), "security")],
    ["user page: Tags", (c) => loadUserPage(c, seed.sampleUserName(), "tags")],
    ["user page: Effective permissions", (c) => loadUserPage(c, seed.sampleUserName(), "access")],
    ["role page: Permissions", (c) => loadRolePage(c, seed.sampleRoleName(), "permissions")],
    ["role page: Trust relationships", (c) => loadRolePage(c, seed.sampleRoleName(), "trust")],
    ["role page: Tags", (c) => loadRolePage(c, seed.sampleRoleName(), "tags")],
    ["role page: Sessions", (c) => loadRolePage(c, seed.sampleRoleName(), "sessions")],
    ["role page: Effective permissions", (c) => loadRolePage(c, seed.sampleRoleName(), "access")],
    ["group page: Users", (c) => loadGroupPage(c, seed.sampleGroupName(), "users")],
    ["group page: Permissions", (c) => loadGroupPage(c, seed.sampleGroupName(), "permissions")],
    ["policy page: Permissions", (c) => loadPolicyPage(c, policySegments(), "permissions")],
    ["policy page: Entities attached", (c) => loadPolicyPage(c, policySegments(), "entities")],
    ["policy page: Policy versions", (c) => loadPolicyPage(c, policySegments(), "versions")],
    ["policy page: Edit", (c) => loadPolicyPage(c, policySegments(), "edit")],
    ["authorized CreateUser (with a tag)", (c) => execute(CreateUser, { UserName: `bench-new-${created++}`, Tags: [{ Key: "team", Value: "bench" }] }, c), removeCreated],
  ];

  console.log("Portcullis console benchmark");
  console.log(`  node ${process.version}; ${database.description}; load average ${loadBefore} before seeding`);
  console.log(`  account: ${USERS - 1} users, ${GROUPS} groups, ${POLICIES} customer managed policies, ${ROLES} roles, ${AUDIT_EVENTS} audit events (seeded in ${seedSeconds.toFixed(1)} s)`);
  console.log(`  caller: IAM user ${seed.admin.userName} with 10 managed policies through 3 groups (one grants AdministratorAccess); ${ROUNDS} requests each after 20 warm-up`);
  console.log("");
  console.log(`${"request".padEnd(60)}  ${"ops".padStart(4)}  ${"sql".padStart(4)}  ${"p50 ms".padStart(8)}  ${"p95 ms".padStart(8)}  ${"max ms".padStart(8)}  target`);
  const pages: PageResult[] = [];
  // BENCH_ONLY: only the pages whose label contains it (while looking into one page).
  const only = process.env.BENCH_ONLY;
  for (const [label, run, cleanup] of requests) {
    if (only && !label.includes(only)) continue;
    for (let i = 0; i < 20; i++) {
      await run(asRequest());
      await cleanup?.();
    }
    const times: number[] = [];
    let operations = 0;
    let statements = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const caller = asRequest();
      const sql0 = executedStatements();
      const t0 = performance.now();
      await run(caller);
      times.push(performance.now() - t0);
      statements = executedStatements() - sql0;
      operations = caller.scope.counts.operations;
      await cleanup?.();
    }
    times.sort((a, b) => a - b);
    const page = { label, operations, statements, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
    pages.push(page);
    const fmt = (n: number) => n.toFixed(2).padStart(8);
    console.log(`${label.padEnd(60)}  ${String(operations).padStart(4)}  ${String(statements).padStart(4)}  ${fmt(page.p50)}  ${fmt(page.p95)}  ${fmt(page.max)}  ${verdict(page.p95)}`);
  }
  const loadAfter = load();
  console.log("");
  console.log(`target: p95 under ${TARGET_MS} ms for each page on a 2-core machine; load average ${loadAfter} at the end`);
  return { kind: database.kind, description: database.description, loadBefore, loadAfter, pages };
}

/** The two runs side by side: the same pages, the same targets, one column pair per database. */
function printSideBySide(sqlite: RunResult, postgres: RunResult): void {
  const fmt = (n: number) => n.toFixed(1).padStart(7);
  console.log("");
  console.log("Side by side (p50 / p95 ms; sql is statements per view, SQLite / PostgreSQL)");
  console.log(`  SQLite: load average ${sqlite.loadBefore} → ${sqlite.loadAfter}; PostgreSQL: ${postgres.loadBefore} → ${postgres.loadAfter}`);
  console.log(`${"request".padEnd(60)}  ${"sql".padStart(7)}  ${"SQLite".padStart(15)}  ${"PostgreSQL".padStart(15)}  ${"SQLite".padEnd(17)}  PostgreSQL`);
  for (const page of sqlite.pages) {
    const other = postgres.pages.find((p) => p.label === page.label);
    if (!other) continue;
    console.log(
      `${page.label.padEnd(60)}  ${`${page.statements}/${other.statements}`.padStart(7)}  ${fmt(page.p50)} /${fmt(page.p95)}  ${fmt(other.p50)} /${fmt(other.p95)}  ${verdict(page.p95).padEnd(17)}  ${verdict(other.p95)}`,
    );
  }
}

async function main(): Promise<void> {
  const kinds = requestedDatabases();
  if (kinds.length > 1) {
    const [sqlite, postgres] = [await runOnDatabase<RunResult>("sqlite"), await runOnDatabase<RunResult>("postgresql")];
    printSideBySide(sqlite!, postgres!);
    return;
  }
  const database = await createBenchDatabase(kinds[0]!, "bench-console");
  try {
    const result = await runOne(database);
    if (process.env.BENCH_RESULTS_FILE) writeFileSync(process.env.BENCH_RESULTS_FILE, JSON.stringify(result));
  } finally {
    // The pool must close before the database can go (and before the process can end on its own).
    const { db } = await import("../lib/db/client");
    await db.$disconnect();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

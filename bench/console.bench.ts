// `npm run bench:console`: the server time of the console's busiest requests on an account at AWS's
// default quotas — 5,000 users, 300 groups, 1,500 customer managed policies — in a fresh SQLite
// database. Each request runs exactly what the page runs: the operations (input validation, the
// policy engine deciding for an IAM administrator with 10 managed policies through groups, the
// database work and the audit event). Prints p50/p95 per request; no assertions.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dataDir = mkdtempSync(path.join(tmpdir(), "portcullis-bench-"));
process.env.PORTCULLIS_DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${path.join(dataDir, "portcullis.db")}`;

const USERS = 5_000;
const GROUPS = 300;
const POLICIES = 1_500;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const { prepare } = await import("../scripts/prepare");
  const { seedQuotaAccount } = await import("./consoleSeed");
  const { execute } = await import("../lib/iam/operation");
  const users = await import("../lib/iam/users");
  const groups = await import("../lib/iam/groups");
  const policies = await import("../lib/iam/policies");
  const tags = await import("../lib/iam/tags");
  const loginProfiles = await import("../lib/iam/loginProfiles");

  await prepare();
  const started = performance.now();
  // The administrator counts as one user, and one place is left for the user CreateUser creates
  // (removed again, untimed, after each request), so every CreateUser runs at the quota's edge.
  const { admin, root, sampleUserName } = await seedQuotaAccount({ users: USERS - 2, groups: GROUPS, policies: POLICIES });
  const seedSeconds = (performance.now() - started) / 1000;

  // What each page runs, in the order it runs it.
  const userPage = async () => {
    const UserName = sampleUserName();
    await execute(users.GetUser, { UserName }, admin);
    await Promise.all([
      execute(groups.ListGroupsForUser, { UserName }, admin),
      execute(policies.ListAttachedUserPolicies, { UserName }, admin),
      execute(policies.ListUserPolicies, { UserName }, admin),
      execute(tags.ListUserTags, { UserName }, admin),
      execute(loginProfiles.GetLoginProfile, { UserName }, admin).catch(() => undefined),
    ]);
  };
  let created = 0;
  // As root: the administrator's own guard-rail policies deny deletes without MFA.
  const removeCreated = () => execute(users.DeleteUserWithDependents, { UserName: `bench-new-${created - 1}` }, root);
  const requests: [string, () => Promise<unknown>, (() => Promise<unknown>)?][] = [
    ["users list (ListUsers, 50 per page, sorted by name)", () => execute(users.ListUsers, { MaxItems: 50, SortBy: "UserName", SortOrder: "Ascending" }, admin)],
    ["users list filtered (Filter: \"user-4\")", () => execute(users.ListUsers, { MaxItems: 50, Filter: "user-4" }, admin)],
    ["user page (GetUser + groups, policies, tags, console access)", userPage],
    ["authorized CreateUser (with a tag)", () => execute(users.CreateUser, { UserName: `bench-new-${created++}`, Tags: [{ Key: "team", Value: "bench" }] }, admin), removeCreated],
  ];

  console.log("Portcullis console benchmark");
  console.log(`  node ${process.version}; SQLite in ${dataDir}`);
  console.log(`  account: ${USERS - 1} users, ${GROUPS} groups, ${POLICIES} customer managed policies (seeded in ${seedSeconds.toFixed(1)} s)`);
  console.log(`  caller: IAM user ${admin.userName} with 10 managed policies through 3 groups (one grants AdministratorAccess); ${ROUNDS} requests each after 20 warm-up`);
  console.log("");
  console.log(`${"request".padEnd(62)}  ${"p50 ms".padStart(8)}  ${"p95 ms".padStart(8)}  ${"max ms".padStart(8)}`);
  for (const [label, run, cleanup] of requests) {
    for (let i = 0; i < 20; i++) {
      await run();
      await cleanup?.();
    }
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
      await cleanup?.();
    }
    times.sort((a, b) => a - b);
    const fmt = (n: number) => n.toFixed(2).padStart(8);
    console.log(`${label.padEnd(62)}  ${fmt(percentile(times, 50))}  ${fmt(percentile(times, 95))}  ${fmt(times.at(-1)!)}`);
  }
  console.log("");
  console.log("target: p95 under 100 ms for each request on a 2-core machine");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

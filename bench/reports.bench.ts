// `npm run bench:reports`: the access reports at AWS's default quotas (5,000 users, 300 groups,
// 1,000 roles, 1,500 customer managed policies) with 1,000,000 audit events, each through execute()
// as the console and the API run it, against the issue's targets:
//   - GenerateCredentialReport (a fresh generation: the stored report is removed first): < 5 s;
//   - ListPrincipalsWithAccess ("who can") for one action on every user: < 2 s;
//   - ListPrincipalPermissions ("everything P can do") for the administrator: < 1 s;
//   - SimulatePrincipalPolicy with 50 actions across services: < 200 ms;
// and, for information, a last-accessed job (GenerateServiceLastAccessedDetails, ACTION_LEVEL) for a
// role whose sessions have thousands of events, and the unused-access findings (90 days).
// Each is run ROUNDS times after one warm-up (the compiled-policy cache is then warm, as on a
// running server); p50 and the slowest run are printed. The peer in the same run is the console's
// simplest page, GetUser through execute(): what one request costs on this machine right now, so
// a reader can tell a slow machine from a slow report. No assertions.

import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";

const dataDir = mkdtempSync(path.join(tmpdir(), "portcullis-bench-reports-"));
process.env.PORTCULLIS_DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${path.join(dataDir, "portcullis.db")}`;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const AUDIT_EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);

interface Timing {
  readonly p50: number;
  readonly max: number;
}

async function time(rounds: number, run: () => Promise<unknown>): Promise<Timing> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! };
}

async function main(): Promise<void> {
  const { prepare } = await import("../scripts/prepare");
  const { seedQuotaAccount } = await import("./consoleSeed");
  const { RequestScope } = await import("../lib/auth/caller");
  const { execute } = await import("../lib/iam/core/operation");
  const { db, executedStatements } = await import("../lib/db/client");
  const { GetUser } = await import("../lib/iam/users/users");
  const { GenerateCredentialReport, GetCredentialReport } = await import("../lib/iam/reports/credentialReport");
  const { GenerateServiceLastAccessedDetails, GetServiceLastAccessedDetails } = await import("../lib/iam/reports/serviceLastAccessedJobs");
  const { ListUnusedAccessFindings } = await import("../lib/iam/reports/unusedAccess");
  const { ListPrincipalsWithAccess } = await import("../lib/iam/policies/whoCan");
  const { ListPrincipalPermissions } = await import("../lib/iam/policies/principalPermissions");
  const { SimulatePrincipalPolicy } = await import("../lib/iam/policies/simulation");

  await prepare();
  const started = performance.now();
  const seed = await seedQuotaAccount({ users: 4_999, groups: 300, policies: 1_500, roles: 1_000, auditEvents: AUDIT_EVENTS });
  const seedSeconds = (performance.now() - started) / 1000;
  const accountId = seed.root.accountId!;
  const asRequest = () => ({ ...seed.admin, scope: new RequestScope() });
  const asRoot = () => ({ ...seed.root, scope: new RequestScope() });

  // 50 actions across the seeded services, as an administrator checks a change before making it.
  const verbs = ["GetObject", "PutObject", "DeleteObject", "ListBucket", "DescribeInstances", "RunInstances", "TerminateInstances", "GetItem", "PutItem", "DeleteTable"];
  const services = ["s3", "ec2", "dynamodb", "sqs", "lambda"];
  const fiftyActions = services.flatMap((service) => verbs.map((verb) => `${service}:${verb}`));
  const sessionRole = "role-0";

  type Row = { label: string; target?: number; timing: Timing; statements: number; note?: string };
  const rows: Row[] = [];
  async function measure(label: string, target: number | undefined, run: () => Promise<unknown>, note?: string): Promise<void> {
    const before = executedStatements();
    await run();
    const statements = executedStatements() - before;
    rows.push({ label, target, timing: await time(ROUNDS, run), statements, note });
  }

  await measure("peer: GetUser (the console's simplest request)", undefined, () => execute(GetUser, { UserName: seed.sampleUserName() }, asRequest()));
  await measure(
    "GenerateCredentialReport (5,000 users, fresh)",
    5000,
    async () => {
      await db.credentialReport.deleteMany({ where: { accountId } });
      await execute(GenerateCredentialReport, {}, asRoot());
    },
  );
  const report = await execute(GetCredentialReport, {}, asRoot());
  const reportRows = report.Content.split("\n").length;
  await measure("GetCredentialReport (the stored report)", undefined, () => execute(GetCredentialReport, {}, asRoot()), `${reportRows} lines`);
  await measure("ListPrincipalsWithAccess iam:DeleteUser on user/*", 2000, () =>
    execute(ListPrincipalsWithAccess, { ActionName: "iam:DeleteUser", ResourceArn: `arn:aws:iam::${accountId}:user/*` }, asRoot()),
  );
  await measure("ListPrincipalsWithAccess s3:GetObject on *", 2000, () => execute(ListPrincipalsWithAccess, { ActionName: "s3:GetObject", ResourceArn: "*" }, asRoot()));
  await measure("ListPrincipalPermissions (the administrator)", 1000, () => execute(ListPrincipalPermissions, { PolicySourceArn: seed.admin.arn }, asRoot()));
  await measure("ListPrincipalPermissions (a user through 2 groups)", 1000, () =>
    execute(ListPrincipalPermissions, { PolicySourceArn: `arn:aws:iam::${accountId}:user/${seed.sampleUserName()}` }, asRoot()),
  );
  await measure("SimulatePrincipalPolicy, 50 actions", 200, () => execute(SimulatePrincipalPolicy, { PolicySourceArn: seed.admin.arn, ActionNames: fiftyActions }, asRoot()));
  await measure("GenerateServiceLastAccessedDetails ACTION_LEVEL (a role)", undefined, async () => {
    const { JobId } = await execute(GenerateServiceLastAccessedDetails, { Arn: `arn:aws:iam::${accountId}:role/${sessionRole}`, Granularity: "ACTION_LEVEL" }, asRoot());
    await execute(GetServiceLastAccessedDetails, { JobId }, asRoot());
  });
  await measure("GenerateServiceLastAccessedDetails SERVICE_LEVEL (a user)", undefined, async () => {
    const { JobId } = await execute(GenerateServiceLastAccessedDetails, { Arn: `arn:aws:iam::${accountId}:user/${seed.sampleUserName()}` }, asRoot());
    await execute(GetServiceLastAccessedDetails, { JobId }, asRoot());
  });
  await measure("ListUnusedAccessFindings (90 days, first page)", undefined, () => execute(ListUnusedAccessFindings, { UnusedAccessAge: 90 }, asRoot()));

  const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);
  console.log("Portcullis access reports benchmark (through execute(), one process)");
  console.log(`  node ${process.version}; SQLite in ${dataDir}; load average ${loadavg().map((n) => n.toFixed(1)).join(" ")}`);
  console.log(`  account: 5,000 users, 300 groups, 1,500 customer managed policies, 1,000 roles, ${AUDIT_EVENTS.toLocaleString("en-US")} audit events (seeded in ${seedSeconds.toFixed(0)} s)`);
  console.log(`  each timed ${ROUNDS} times after one warm-up; p50 and the slowest run`);
  console.log("");
  console.log(`${"report".padEnd(58)}  ${"sql".padStart(5)}  ${"p50".padStart(9)}  ${"slowest".padStart(9)}  target`);
  for (const row of rows) {
    const verdict = row.target === undefined ? "(information)" : `< ${ms(row.target)} ${row.timing.max < row.target ? "✔" : "✘"}`;
    console.log(`${row.label.padEnd(58)}  ${String(row.statements).padStart(5)}  ${ms(row.timing.p50).padStart(9)}  ${ms(row.timing.max).padStart(9)}  ${verdict}${row.note ? `  ${row.note}` : ""}`);
  }
  console.log("");
  console.log("sql: statements one run sent. A target is met when the slowest run is under it.");
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit();
  });

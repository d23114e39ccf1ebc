// `npm run bench:instances`: throughput of the IAM Query API on the production build (.next-e2e,
// `npm start`), one instance against two instances sharing one PostgreSQL database, and one instance
// on SQLite as the reference. Each run seeds the console benchmark's account (AWS's default quotas)
// straight into the database, then CLIENTS concurrent clients drive a fixed mixed workload signed
// with an IAM user's access key: per cycle GetUser, ListUsers (MaxItems 100), GetUser, CreateUser and
// DeleteUser of the user just created (two writes in five requests). With two instances the requests
// go round-robin to both, as a load balancer would spread them, so a user created through one is
// often deleted through the other.
//
// The peer is the single instance, on the same database, in the same run: the passes alternate
// (one, two, one, two…) so a change in the shared machine's load falls on both alike, and the
// latencies of a configuration's passes are pooled. Both instances run throughout; in a one-instance
// pass the second sits idle.
//
// Requests are signed beforehand with the SDK's own signer (@smithy/signature-v4) and sent with
// node:http over kept-alive connections, as bench/api.bench.ts does: on a two-core machine the
// client's signing and XML parsing would otherwise take CPU from the servers it measures. Before the
// timed passes each instance answers one GetUser through @aws-sdk/client-iam, so the real SDK is
// seen to work against every instance.
//
// `--sqlite` or `--postgres` runs one database; by default both, each in its own process (the
// Prisma client, and so the database, is fixed per process). PostgreSQL needs BENCH_POSTGRES_URL
// (an admin URL; a fresh database is created in it and dropped afterwards). No assertions: every
// refused request is counted and its error code printed.

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import { loadavg } from "node:os";
import path from "node:path";
import { createBenchDatabase, requestedDatabases, runOnDatabase, type BenchDatabase, type BenchDatabaseKind } from "./benchDatabase";

const DIST_DIR = process.env.BENCH_API_DIST_DIR ?? ".next-e2e";
const BASE_PORT = Number(process.env.BENCH_INSTANCES_PORT ?? 3600);
const CLIENTS = Number(process.env.BENCH_INSTANCES_CLIENTS ?? 8);
/** Workload cycles per client per pass (five requests each). */
const CYCLES = Number(process.env.BENCH_ROUNDS ?? 40);
const PASSES = Number(process.env.BENCH_INSTANCES_PASSES ?? 2);
const WARM_UP_CYCLES = 10;
const USERS = 5_000;
const HEADROOM = 100;
const REQUEST_TIMEOUT_MS = 60_000;
const REGION = "eu-west-1";

const load = () => loadavg().map((n) => n.toFixed(2)).join(" ");

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Server {
  readonly port: number;
  readonly process: ChildProcess;
}

const servers: Server[] = [];

/**
 * One production instance: `npm start` (scripts/start.ts: migrations, then the server) over the build,
 * with its own data directory and the database and secrets every instance shares.
 */
async function startInstance(port: number, dataDir: string, database: BenchDatabase): Promise<Server> {
  mkdirSync(dataDir, { recursive: true });
  const child = spawn("npx", ["tsx", "--conditions=react-server", "scripts/start.ts", "-p", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: DIST_DIR,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      PORTCULLIS_DATA_DIR: dataDir,
      DATABASE_URL: database.url,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const server = { port, process: child };
  servers.push(server);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the instance on port ${port} exited (${child.exitCode}) before it was ready`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/signin`, { redirect: "manual" })).status < 500) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the instance on port ${port} did not answer in time`);
}

function stopInstances(): void {
  for (const server of servers) {
    if (!server.process.pid || server.process.exitCode !== null) continue;
    try {
      process.kill(-server.process.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}

async function waitForExit(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && servers.some((s) => s.process.exitCode === null && s.process.signalCode === null)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface PassResult {
  readonly instances: number;
  readonly requests: number;
  readonly seconds: number;
  readonly readTimes: number[];
  readonly writeTimes: number[];
  readonly errors: Record<string, number>;
  readonly load: string;
}

interface ConfigurationResult {
  readonly label: string;
  readonly instances: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly readP95: number;
  readonly writeP95: number;
  readonly errors: Record<string, number>;
  readonly loads: string[];
}

interface RunResult {
  readonly kind: BenchDatabaseKind;
  readonly description: string;
  readonly seedSeconds: number;
  readonly configurations: ConfigurationResult[];
}

async function runOne(database: BenchDatabase): Promise<RunResult> {
  // Every instance must sign sessions and decrypt stored secrets with the same keys, and so must
  // this process, which creates the caller's access key (its secret is stored encrypted).
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
  process.env.PORTCULLIS_SECRET_KEY = randomBytes(32).toString("base64");

  if (!existsSync(path.join(DIST_DIR, "BUILD_ID"))) throw new Error(`No production build in ${DIST_DIR}: run \`NEXT_DIST_DIR=${DIST_DIR} npm run build\`, or name one with BENCH_API_DIST_DIR.`);
  const instanceCount = database.kind === "postgresql" ? 2 : 1;
  // The first instance migrates the database (as `npm start` does); the second then finds it migrated.
  for (let i = 0; i < instanceCount; i++) await startInstance(BASE_PORT + i, path.join(database.dataDir, `instance-${i + 1}`), database);

  const { seedQuotaAccount } = await import("./consoleSeed");
  const { db } = await import("../lib/db/client");
  const { execute } = await import("../lib/iam/core/operation");
  const { CreateAccessKey } = await import("../lib/iam/credentials/accessKeys");
  const { uniqueId } = await import("../lib/iam/core/ids");
  const { userArn } = await import("../lib/policy");
  const { IAMClient, GetUserCommand } = await import("@aws-sdk/client-iam");
  const { SignatureV4 } = await import("@smithy/signature-v4");

  const started = performance.now();
  // Room below the 5,000-user quota for every client's CreateUser at once (each deletes its user
  // next), and HEADROOM more: a refused DeleteUser leaves its user behind, and without the room every
  // later CreateUser would be refused LimitExceeded too, hiding the first refusal behind a cascade.
  const seed = await seedQuotaAccount({ users: USERS - 2 - CLIENTS - HEADROOM, groups: 300, policies: 1_500, roles: 1_000, auditEvents: 20_000 });
  // The caller: an IAM user with AdministratorAccess through a group and 9 more managed policies
  // attached to it, so the engine decides every request over 10 policies. Not the console benchmark's
  // administrator: its guard-rail policies deny iam:Delete* without MFA, which an access key never has.
  const accountId = seed.root.accountId;
  if (!accountId) throw new Error("the seeded root user has no account");
  const operatorName = "bench-operator";
  const operator = await db.user.create({ data: { id: uniqueId("AIDA"), accountId, name: operatorName, nameLower: operatorName, arn: userArn(accountId, operatorName) } });
  const admins = await db.group.findFirstOrThrow({ where: { accountId, name: "Admins" } });
  await db.groupMembership.create({ data: { userId: operator.id, groupId: admins.id } });
  // Policies whose guard rail is not iam's (policy-i grants and guards SERVICES[i % 8]; 7 is iam).
  const attached = await db.managedPolicy.findMany({ where: { accountId, name: { in: [1000, 1001, 1002, 1003, 1004, 1005, 1006, 1008, 1009].map((i) => `policy-${i}`) } } });
  await db.userPolicyAttachment.createMany({ data: attached.map((p) => ({ userId: operator.id, policyId: p.id })) });
  const seedSeconds = (performance.now() - started) / 1000;
  const key = await execute(CreateAccessKey, { UserName: operatorName }, seed.root);
  const credentials = { accessKeyId: key.AccessKey.AccessKeyId, secretAccessKey: key.AccessKey.SecretAccessKey };

  // The real SDK against every instance, once: what a user's program would do.
  let sha256: ConstructorParameters<typeof SignatureV4>[0]["sha256"] | undefined;
  for (const server of servers) {
    const sdk = new IAMClient({ endpoint: `http://127.0.0.1:${server.port}/iam`, region: REGION, credentials, maxAttempts: 1 });
    const answer = await sdk.send(new GetUserCommand({ UserName: seed.sampleUserName() }));
    if (!answer.User?.Arn) throw new Error(`instance on port ${server.port}: GetUser through the SDK returned no user`);
    sha256 = sdk.config.sha256;
    sdk.destroy();
  }

  // The SDK's own signer and hash, used ahead of time.
  const signer = new SignatureV4({ service: "iam", region: REGION, credentials, sha256: sha256!, applyChecksum: false });
  const agents = servers.map(() => new http.Agent({ keepAlive: true, maxSockets: CLIENTS }));

  interface Signed {
    readonly headers: Record<string, string>;
    readonly body: string;
    readonly write: boolean;
  }

  /** A Query request as the AWS CLI signs it: content-type, host and x-amz-date (host is per instance, so signed per instance). */
  async function sign(params: Record<string, string>, port: number, write: boolean): Promise<Signed> {
    const body = new URLSearchParams({ Version: "2010-05-08", ...params }).toString();
    const host = `127.0.0.1:${port}`;
    const request = { method: "POST", protocol: "http:", hostname: "127.0.0.1", port, path: "/iam", query: {}, headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", host }, body };
    const { headers } = (await signer.sign(request)) as unknown as { headers: Record<string, string> };
    const { host: _host, ...sendable } = headers;
    return { headers: sendable, body, write };
  }

  function post(instance: number, request: Signed): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        { hostname: "127.0.0.1", port: servers[instance]!.port, path: "/iam", method: "POST", agent: agents[instance], headers: { ...request.headers, "content-length": String(Buffer.byteLength(request.body)) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
          response.on("error", reject);
          // An answer cut off part-way ends neither with "end" nor always with "error".
          response.on("close", () => {
            if (!response.complete) reject(Object.assign(new Error("the answer was cut off"), { code: "ECUTOFF" }));
          });
        },
      );
      // A request nobody answers is counted as refused instead of stopping the run (one pass hung
      // this way on a loaded machine, with both instances and the database idle).
      outgoing.setTimeout(REQUEST_TIMEOUT_MS, () => outgoing.destroy(Object.assign(new Error("no answer in time"), { code: "ETIMEDOUT" })));
      outgoing.on("error", reject);
      outgoing.end(request.body);
    });
  }

  let cycleNumber = 0;
  /** One client's requests for a pass, each signed for the instance it will go to (round-robin across `instances`). */
  async function planClient(client: number, cycles: number, instances: number): Promise<Array<{ instance: number; request: Signed }>> {
    const plan: Array<{ instance: number; request: Signed }> = [];
    let turn = client;
    const next = () => turn++ % instances;
    for (let c = 0; c < cycles; c++) {
      const userName = `bench-load-${cycleNumber++}`;
      const steps: Array<[Record<string, string>, boolean]> = [
        [{ Action: "GetUser", UserName: seed.sampleUserName() }, false],
        [{ Action: "ListUsers", MaxItems: "100" }, false],
        [{ Action: "GetUser", UserName: seed.sampleUserName() }, false],
        [{ Action: "CreateUser", UserName: userName }, true],
        [{ Action: "DeleteUser", UserName: userName }, true],
      ];
      for (const [params, write] of steps) {
        const instance = next();
        plan.push({ instance, request: await sign(params, servers[instance]!.port, write) });
      }
    }
    return plan;
  }

  async function pass(instances: number, cycles: number): Promise<PassResult> {
    const plans = await Promise.all(Array.from({ length: CLIENTS }, (_, client) => planClient(client, cycles, instances)));
    const readTimes: number[] = [];
    const writeTimes: number[] = [];
    const errors: Record<string, number> = {};
    const t0 = performance.now();
    await Promise.all(
      plans.map(async (plan) => {
        for (const { instance, request } of plan) {
          const r0 = performance.now();
          let outcome: string | undefined;
          try {
            const { status, text } = await post(instance, request);
            if (status !== 200) outcome = `HTTP ${status} ${/<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? text.slice(0, 80)}`;
          } catch (error) {
            outcome = `network ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
          }
          (request.write ? writeTimes : readTimes).push(performance.now() - r0);
          if (outcome) errors[outcome] = (errors[outcome] ?? 0) + 1;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    return { instances, requests: plans.reduce((n, p) => n + p.length, 0), seconds, readTimes, writeTimes, errors, load: load() };
  }

  // Warm every instance (JIT, the compiled-policy cache, pooled connections), untimed.
  for (let i = 1; i <= instanceCount; i++) await pass(i, WARM_UP_CYCLES);

  const order = Array.from({ length: PASSES }, () => (instanceCount === 2 ? [1, 2] : [1])).flat();
  const passes: PassResult[] = [];
  for (const instances of order) {
    const result = await pass(instances, CYCLES);
    passes.push(result);
    const all = [...result.readTimes, ...result.writeTimes].sort((a, b) => a - b);
    console.log(`  pass: ${instances} instance(s), ${result.requests} requests in ${result.seconds.toFixed(1)} s = ${(result.requests / result.seconds).toFixed(0)} req/s, p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms; load average ${result.load}`);
  }
  for (const agent of agents) agent.destroy();

  const configurations = [...new Set(order)].map((instances): ConfigurationResult => {
    const mine = passes.filter((p) => p.instances === instances);
    const reads = mine.flatMap((p) => p.readTimes).sort((a, b) => a - b);
    const writes = mine.flatMap((p) => p.writeTimes).sort((a, b) => a - b);
    const all = [...reads, ...writes].sort((a, b) => a - b);
    const errors: Record<string, number> = {};
    for (const p of mine) for (const [code, n] of Object.entries(p.errors)) errors[code] = (errors[code] ?? 0) + n;
    const requests = mine.reduce((n, p) => n + p.requests, 0);
    return {
      label: `${database.kind === "postgresql" ? "PostgreSQL" : "SQLite"}, ${instances} instance${instances === 1 ? "" : "s"}`,
      instances,
      requests,
      requestsPerSecond: requests / mine.reduce((s, p) => s + p.seconds, 0),
      p50: percentile(all, 50),
      p95: percentile(all, 95),
      readP95: percentile(reads, 95),
      writeP95: percentile(writes, 95),
      errors,
      loads: mine.map((p) => p.load),
    };
  });
  return { kind: database.kind, description: database.description, seedSeconds, configurations };
}

function printTable(runs: RunResult[]): void {
  console.log("");
  console.log("Portcullis instances benchmark (IAM Query API on the production build, SigV4, kept-alive connections)");
  console.log(`  node ${process.version}; build ${DIST_DIR}; ${CLIENTS} concurrent clients; ${PASSES} pass(es) of ${CYCLES} cycles per client per configuration, alternating`);
  console.log("  cycle: GetUser, ListUsers (MaxItems 100), GetUser, CreateUser, DeleteUser, as an IAM user with 10 managed policies; two instances get the requests round-robin");
  for (const run of runs) console.log(`  ${run.description} (account seeded in ${run.seedSeconds.toFixed(1)} s)`);
  console.log("");
  const baseline = runs.find((r) => r.kind === "postgresql")?.configurations.find((c) => c.instances === 1);
  console.log(`${"configuration".padEnd(26)}  ${"requests".padStart(8)}  ${"req/s".padStart(6)}  ${"vs 1".padStart(6)}  ${"p50 ms".padStart(7)}  ${"p95 ms".padStart(7)}  ${"reads p95".padStart(9)}  ${"writes p95".padStart(10)}  ${"refused".padStart(7)}  load average at the end of each pass`);
  for (const run of runs) {
    for (const c of run.configurations) {
      const refused = Object.values(c.errors).reduce((n, k) => n + k, 0);
      const ratio = run.kind === "postgresql" && baseline ? `${(c.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}×` : "";
      console.log(
        `${c.label.padEnd(26)}  ${String(c.requests).padStart(8)}  ${c.requestsPerSecond.toFixed(0).padStart(6)}  ${ratio.padStart(6)}  ${c.p50.toFixed(1).padStart(7)}  ${c.p95.toFixed(1).padStart(7)}  ${c.readP95.toFixed(1).padStart(9)}  ${c.writeP95.toFixed(1).padStart(10)}  ${String(refused).padStart(7)}  ${c.loads.join(" | ")}`,
      );
      for (const [code, n] of Object.entries(c.errors)) console.log(`    refused ${n}×: ${code}`);
    }
  }
}

async function main(): Promise<void> {
  const kinds = requestedDatabases(process.argv.slice(2).length === 0 && !process.env.BENCH_DATABASE ? ["--both"] : process.argv.slice(2));
  if (kinds.length > 1) {
    const runs: RunResult[] = [];
    for (const kind of kinds) runs.push(await runOnDatabase<RunResult>(kind));
    printTable(runs);
    return;
  }
  const database = await createBenchDatabase(kinds[0]!, "bench-instances");
  console.log(`${kinds[0]}: ${database.description}; load average ${load()} at the start`);
  try {
    const result = await runOne(database);
    if (process.env.BENCH_RESULTS_FILE) writeFileSync(process.env.BENCH_RESULTS_FILE, JSON.stringify(result));
    else printTable([result]);
  } finally {
    stopInstances();
    await waitForExit();
    const { db } = await import("../lib/db/client");
    await db.$disconnect();
    await database.drop();
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    stopInstances();
    process.exit();
  });

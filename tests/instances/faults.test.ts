// A host dies in the middle of a stream of writes: SIGKILL to an instance's whole process group
// (npm, tsx and the Node server), with requests in flight. Afterwards every write that was
// acknowledged is there, nothing is half-written (each user has its audit event, each policy its
// versions, each version its policy: all or nothing, as one transaction), and the service goes on.
// - SQLite: the only instance is killed and started again on the same (absolute) data directory.
// - PostgreSQL: one of two instances is killed; the load balancer sends its lanes to the survivor,
//   which must not fail a single request, during the kill or after.
// Timings are printed for the report, never asserted.

import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GetUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { dataLayer, freshPostgresDatabase, NO_POSTGRES, POSTGRES_ADMIN_URL, type PostgresDatabase } from "./support/database";
import { missingBuild, PORT_BASE, sharedSecrets, startInstance, stopAll, type Instance } from "./support/instance";
import { describeLedger, expectAcknowledgedPresent, expectRefusedAbsent, integrity, Ledger, runLane, type Lane } from "./support/writeStream";

type DataLayer = Awaited<ReturnType<typeof dataLayer>>;
type Credentials = { accessKeyId: string; secretAccessKey: string };

const client = (instance: Instance, credentials: Credentials) => new IAMClient({ endpoint: instance.iamEndpoint, region: "us-east-1", credentials, maxAttempts: 1 });

/** What a request to a dead or dying server fails with: the connection, never an answer from the app. */
const CONNECTION_FAILURE = /ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|other side closed|fetch failed|UND_ERR_SOCKET/i;

/**
 * The data layer for this describe's database: the modules are loaded afresh, because
 * lib/db/client.ts opens the database named when it is first loaded, and the file's other describe
 * named another.
 */
async function freshDataLayer(): Promise<DataLayer> {
  vi.resetModules();
  return dataLayer();
}

const report: string[] = [];
afterAll(() => console.log(`faults:\n  ${report.join("\n  ")}`));

describe("SQLite: the only instance is SIGKILLed mid-stream and started again on its absolute data directory", () => {
  let first: Instance | undefined;
  let restarted: Instance | undefined;
  let layer: DataLayer;
  let accountId: string;
  let rootKey: Credentials;
  let dataDir: string;

  beforeAll(async () => {
    const missing = missingBuild();
    if (missing) throw new Error(missing);
    // Absolute, as /var/lib/portcullis would be (issue 15, item 4); no DATABASE_URL: the data directory's own SQLite file.
    dataDir = mkdtempSync(path.join(tmpdir(), "portcullis-faults-sqlite-"));
    const secrets = sharedSecrets();
    delete process.env.DATABASE_URL;
    Object.assign(process.env, { PORTCULLIS_DATA_DIR: dataDir, ...secrets });
    first = await startInstance({ name: "S", port: PORT_BASE + 4, dataDir, env: { DATABASE_URL: undefined, ...secrets } });
    report.push(`SQLite: npm start ${first.startMs} ms (new database)`);
    layer = await freshDataLayer();
    const account = await layer.newApiAccount("Faults on SQLite");
    accountId = account.accountId;
    rootKey = account.rootKey;
  }, 240_000);

  afterAll(async () => {
    await stopAll([first, restarted]);
    await layer?.db.$disconnect();
  }, 60_000);

  it("keeps every acknowledged write, tears none, and serves again after the restart", async () => {
    expect(existsSync(path.join(dataDir, "portcullis.db")), "the database is in the absolute data directory").toBe(true);
    const ledger = new Ledger();
    let current = first!;
    let iam = client(current, rootKey);
    let back: Promise<void> | undefined;
    const lanes: Lane[] = ["s1", "s2"].map((name) => ({
      name,
      rounds: 8,
      target: () => ({ instance: current, iam }),
      // A client of a single server can only wait for it to come back.
      afterFailure: () => back ?? Promise.resolve(),
    }));

    let streamDone = false;
    const stream = Promise.all(lanes.map((lane) => runLane(ledger, lane))).finally(() => (streamDone = true));
    const killer = (async () => {
      await Promise.race([ledger.whenAcknowledged("S", 12), stream]);
      // A stream that ended first has failed its purpose; the assertions below say so.
      if (streamDone) return;
      let restartedNow!: () => void;
      back = new Promise((resolve) => (restartedNow = resolve));
      const inFlightAt = Date.now();
      await first!.kill("SIGKILL");
      const killedMs = Date.now() - inFlightAt;
      // Nothing else may hold the database open while \`npm start\` migrates it: \`prisma migrate deploy\`
      // on SQLite fails (SQLITE_BUSY, reported as "unknown variant SocketTimeout") while another
      // connection is open, even an idle one (reported to the lead). This test's own reader lets go.
      await layer.db.$disconnect();
      restarted = await startInstance({ ...first!.options, name: "S restarted" });
      current = restarted;
      iam = client(current, rootKey);
      restartedNow();
      report.push(`SQLite: SIGKILL took ${killedMs} ms; npm start again on the same data directory ${restarted.startMs} ms`);
    })();
    await Promise.all([stream, killer]);
    report.push(`SQLite stream:\n  ${describeLedger(ledger)}`);

    expect(restarted, "the instance was killed and restarted mid-stream").toBeDefined();
    for (const failure of ledger.failed()) expect(failure.error).toMatch(CONNECTION_FAILURE);
    expect(ledger.failed("S restarted"), "the restarted instance failed requests").toEqual([]);
    await expectRefusedAbsent(ledger, client(restarted!, rootKey));
    expect(ledger.acknowledged("S restarted").length).toBeGreaterThan(0);

    const checked = await expectAcknowledgedPresent(ledger, client(restarted!, rootKey), accountId);
    const found = await integrity(layer.db, accountId);
    report.push(`SQLite: ${checked} acknowledged writes read back; the account holds ${found.users} users, ${found.policies} policies, ${found.versions} versions`);
    expect(found.problems).toEqual([]);
    // Outcome unknown is allowed only for writes that were not acknowledged: nothing beyond the stream exists.
    expect(found.users).toBeLessThanOrEqual(ledger.entries.filter((entry) => entry.write.kind === "CreateUser").length);
  });
});

if (!POSTGRES_ADMIN_URL) console.warn(`tests/instances/faults.test.ts (PostgreSQL part): ${NO_POSTGRES}`);

describe.skipIf(!POSTGRES_ADMIN_URL)("PostgreSQL: one of two instances is SIGKILLed mid-stream", () => {
  let database: PostgresDatabase;
  let a: Instance | undefined;
  let b: Instance | undefined;
  let layer: DataLayer;
  let accountId: string;
  let rootKey: Credentials;

  beforeAll(async () => {
    const missing = missingBuild();
    if (missing) throw new Error(missing);
    database = await freshPostgresDatabase();
    const secrets = sharedSecrets();
    Object.assign(process.env, { DATABASE_URL: database.url, ...secrets, PORTCULLIS_DATA_DIR: mkdtempSync(path.join(tmpdir(), "portcullis-faults-test-")) });
    const env = { DATABASE_URL: database.url, ...secrets };
    // One after the other: see twoInstances.test.ts on starting both at once.
    a = await startInstance({ name: "A", port: PORT_BASE + 2, dataDir: mkdtempSync(path.join(tmpdir(), "portcullis-faults-A-")), env });
    b = await startInstance({ name: "B", port: PORT_BASE + 3, dataDir: mkdtempSync(path.join(tmpdir(), "portcullis-faults-B-")), env });
    report.push(`PostgreSQL: npm start A ${a.startMs} ms (new database), B ${b.startMs} ms`);
    layer = await freshDataLayer();
    const account = await layer.newApiAccount("Faults on PostgreSQL");
    accountId = account.accountId;
    rootKey = account.rootKey;
  }, 240_000);

  afterAll(async () => {
    await stopAll([a, b]);
    await layer?.db.$disconnect();
    if (database && process.env.INSTANCES_KEEP_DATABASE !== "1") await database.drop();
  }, 60_000);

  it("keeps every acknowledged write, tears none, and the survivor serves throughout", async () => {
    const ledger = new Ledger();
    const atA = client(a!, rootKey);
    const atB = client(b!, rootKey);
    // The load balancer's view: once a request to B fails, B is out of the pool and its lanes go to A.
    let bOut = false;
    const lanes: Lane[] = [
      ...["a1", "a2"].map((name) => ({ name, rounds: 6, target: () => ({ instance: a!, iam: atA }) })),
      ...["b1", "b2"].map((name) => ({
        name,
        rounds: 6,
        target: () => (bOut ? { instance: a!, iam: atA } : { instance: b!, iam: atB }),
        afterFailure: async (error: string) => {
          if (CONNECTION_FAILURE.test(error)) bOut = true;
        },
      })),
    ];
    let streamDone = false;
    const stream = Promise.all(lanes.map((lane) => runLane(ledger, lane))).finally(() => (streamDone = true));
    const killer = (async () => {
      await Promise.race([ledger.whenAcknowledged("B", 8), stream]);
      // A stream that ended first has failed its purpose; the assertions below say so.
      if (streamDone) return;
      const at = Date.now();
      await b!.kill("SIGKILL");
      report.push(`PostgreSQL: B SIGKILLed after ${ledger.acknowledged("B").length} acknowledged writes through it (${Date.now() - at} ms until its process group was gone)`);
    })();
    await Promise.all([stream, killer]);
    report.push(`PostgreSQL stream:\n  ${describeLedger(ledger)}`);

    expect(b!.alive()).toBe(false);
    // Serving means answering: never a 5xx or a dropped connection. A ConcurrentModification (409,
    // "nothing was changed; try again") after the bounded retries is an answer, and is counted above.
    expect(
      ledger.failed("A").filter((failure) => !/^ConcurrentModificationException \(HTTP 409\)/.test(failure.error!)),
      "the surviving instance failed requests",
    ).toEqual([]);
    await expectRefusedAbsent(ledger, atA);
    expect(ledger.failed("B").length, "B had requests in flight or queued when it died").toBeGreaterThan(0);
    for (const failure of ledger.failed("B")) expect(failure.error).toMatch(CONNECTION_FAILURE);

    const checked = await expectAcknowledgedPresent(ledger, atA, accountId);
    const found = await integrity(layer.db, accountId);
    report.push(`PostgreSQL: ${checked} acknowledged writes read back through A; the account holds ${found.users} users, ${found.policies} policies, ${found.versions} versions`);
    expect(found.problems).toEqual([]);
    // And A goes on serving after the check, too.
    expect((await atA.send(new GetUserCommand({ UserName: "user-a1-0" }))).User?.UserName).toBe("user-a1-0");
  });
});

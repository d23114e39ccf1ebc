// `npm run backup` (scripts/backup.ts) against a real SQLite file while another process keeps
// writing to it, as a serving instance would: the copy opens, passes SQLite's integrity check, holds
// every row committed before the backup started, and no transaction half (each order has all its
// lines). The encryption key's file goes beside it; nothing is ever overwritten. With a PostgreSQL
// DATABASE_URL (TEST_POSTGRES_URL), pg_dump's archive lists the tables.

import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const LINES_PER_ORDER = 10;
const TSX = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

function runBackup(args: string[], env: Record<string, string | undefined>) {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const name of Object.keys(childEnv)) if (childEnv[name] === undefined) delete childEnv[name];
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    // tsx without npx: quicker, and a test can narrow PATH without losing the runner.
    const child = spawn(process.execPath, [TSX, "--conditions=react-server", "scripts/backup.ts", ...args], { env: childEnv as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** A writer in its own process: orders of LINES_PER_ORDER lines, one transaction each, until killed. */
const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1], { timeout: 10000 });
db.pragma("journal_mode = WAL");
const order = db.prepare("INSERT INTO orders (note) VALUES (?)");
const line = db.prepare("INSERT INTO lines (orderId, payload) VALUES (?, ?)");
const write = db.transaction(() => { const id = order.run("live").lastInsertRowid; for (let i = 0; i < ${LINES_PER_ORDER}; i++) line.run(id, "y".repeat(200)); });
let written = 0;
setInterval(() => { for (let i = 0; i < 20; i++) { write(); written++; } process.stdout.write(written + "\\n"); }, 1);
`;

const sqliteOnly = !process.env.TEST_POSTGRES_URL;

describe.runIf(sqliteOnly)("npm run backup on SQLite", () => {
  it("copies a database that another process is writing to: consistent, complete up to its start, 0600, with the key file beside it", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "portcullis-backup-"));
    const file = path.join(dataDir, "portcullis.db");
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE orders (id INTEGER PRIMARY KEY, note TEXT); CREATE TABLE lines (id INTEGER PRIMARY KEY, orderId INTEGER NOT NULL, payload TEXT)");
    // About 12 MB, so the copy takes long enough for the writer to commit during it.
    const seed = db.transaction(() => {
      for (let o = 0; o < 5000; o++) {
        const id = db.prepare("INSERT INTO orders (note) VALUES ('seed')").run().lastInsertRowid;
        for (let i = 0; i < LINES_PER_ORDER; i++) db.prepare("INSERT INTO lines (orderId, payload) VALUES (?, ?)").run(id, "x".repeat(200));
      }
    });
    seed();
    db.close();
    writeFileSync(path.join(dataDir, "secrets.json"), JSON.stringify({ sessionSecret: "s", encryptionKey: Buffer.alloc(32, 7).toString("base64") }), { mode: 0o600 });

    const writer = spawn(process.execPath, ["-e", WRITER, file], { cwd: process.cwd() });
    let writtenByWriter = 0;
    writer.stdout.on("data", (chunk: Buffer) => (writtenByWriter = Number(chunk.toString().trim().split("\n").pop())));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const committedBefore = new Database(file, { readonly: true }).prepare("SELECT count(*) AS n FROM orders").get() as { n: number };
    const env = { PORTCULLIS_DATA_DIR: dataDir, DATABASE_URL: undefined, PORTCULLIS_SECRET_KEY: undefined };
    const writtenAtStart = writtenByWriter;
    const result = await runBackup([], env);
    const writtenAtEnd = writtenByWriter;
    writer.kill("SIGKILL");

    expect(result.status, result.stderr).toBe(0);
    expect(writtenAtEnd, "the writer kept committing while the backup ran").toBeGreaterThan(writtenAtStart);
    const [backupName] = readdirSync(path.join(dataDir, "backups")).filter((name) => name.endsWith(".db"));
    expect(backupName).toMatch(/^portcullis-\d{8}T\d{6}Z\.db$/);
    const backup = path.join(dataDir, "backups", backupName!);
    expect(result.stdout).toContain(`Backed up the database to ${backup} (`);
    expect(statSync(backup).mode & 0o777).toBe(0o600);

    const copy = new Database(backup, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    // A single file: not in WAL mode, so nothing else needs copying back on restore.
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    const orders = (copy.prepare("SELECT count(*) AS n FROM orders").get() as { n: number }).n;
    expect(orders).toBeGreaterThanOrEqual(committedBefore.n);
    const partial = copy.prepare("SELECT o.id, count(l.id) AS n FROM orders o LEFT JOIN lines l ON l.orderId = o.id GROUP BY o.id HAVING n <> ?").all(LINES_PER_ORDER);
    expect(partial, "every order with all its lines").toEqual([]);
    copy.close();

    // The key file beside it, 0600, and said so.
    const keyCopy = backup.replace(/\.db$/, ".secrets.json");
    expect(JSON.parse(readFileSync(keyCopy, "utf8"))).toMatchObject({ encryptionKey: Buffer.alloc(32, 7).toString("base64") });
    expect(statSync(keyCopy).mode & 0o777).toBe(0o600);
    expect(result.stdout).toMatch(/holds the encryption key .* cannot be opened/);
    expect(result.stdout).not.toContain(Buffer.alloc(32, 7).toString("base64"));

    // A named destination that exists is refused, not overwritten.
    const again = await runBackup([backup], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists: a backup never overwrites a file/);
    // With the key in the environment: no key file, and the output says where the key is.
    const fromEnv = await runBackup([path.join(dataDir, "second.db")], { ...env, PORTCULLIS_SECRET_KEY: Buffer.alloc(32, 9).toString("base64") });
    expect(fromEnv.status, fromEnv.stderr).toBe(0);
    expect(fromEnv.stdout).toMatch(/PORTCULLIS_SECRET_KEY \(from the environment\), not in this backup/);
    expect(fromEnv.stdout).not.toContain(Buffer.alloc(32, 9).toString("base64"));
    expect(readdirSync(dataDir)).not.toContain("second.secrets.json");
  });

  it("refuses plainly when there is no database", async () => {
    const result = await runBackup([], { PORTCULLIS_DATA_DIR: mkdtempSync(path.join(tmpdir(), "portcullis-backup-")), DATABASE_URL: undefined });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/There is no database at .*portcullis\.db/);
  });
});

const hasPgDump = spawnSync("pg_dump", ["--version"]).status === 0;

describe.runIf(!sqliteOnly)("npm run backup on PostgreSQL", () => {
  it.skipIf(!hasPgDump)("writes a pg_dump custom archive that pg_restore can read", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "portcullis-backup-"));
    const target = path.join(dir, "portcullis.dump");
    const result = await runBackup([target], { PORTCULLIS_SECRET_KEY: Buffer.alloc(32, 3).toString("base64") });
    expect(result.status, result.stderr).toBe(0);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const list = spawnSync("pg_restore", ["--list", target], { encoding: "utf8" });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/TABLE public AuditEvent/);
    expect(list.stdout).toMatch(/TABLE public _prisma_migrations|TABLE public AccessKey/);
  });

  it("says to use pg_dump when it is not on PATH", async () => {
    // A PATH without pg_dump (here it sits beside node in /usr/bin).
    const result = await runBackup([], { PATH: mkdtempSync(path.join(tmpdir(), "portcullis-path-")) });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/pg_dump is not on PATH/);
  });
});

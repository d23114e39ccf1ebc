// The database a benchmark runs on, chosen before anything imports lib/db/client.ts (which picks its
// driver from DATABASE_URL once, at import): a fresh SQLite file in a temporary data directory, or a
// fresh PostgreSQL database in the server BENCH_POSTGRES_URL names (its admin URL, for example the
// throwaway cluster `scripts/postgres.sh start DIR PORT` prints). Nothing else differs between the
// two: the same seed, the same loaders, the same migrations applied the way `npm start` applies them
// (scripts/prepare.ts runs `prisma migrate deploy`).
//
// `--postgres` or BENCH_DATABASE=postgresql selects PostgreSQL, `--sqlite` or BENCH_DATABASE=sqlite
// (the default) SQLite; `--both` asks the benchmark to run once on each, each in its own process.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { postgresDatabaseUrl, withPostgresClient } from "../tests/support/postgres";

export type BenchDatabaseKind = "sqlite" | "postgresql";

/** What the command line and BENCH_DATABASE ask for: one database, or both one after the other. */
export function requestedDatabases(argv: readonly string[] = process.argv.slice(2)): BenchDatabaseKind[] {
  if (argv.includes("--both")) return ["sqlite", "postgresql"];
  if (argv.includes("--postgres") || argv.includes("--postgresql")) return ["postgresql"];
  if (argv.includes("--sqlite")) return ["sqlite"];
  const fromEnv = (process.env.BENCH_DATABASE ?? "sqlite").toLowerCase();
  if (fromEnv === "postgres" || fromEnv === "postgresql") return ["postgresql"];
  if (fromEnv === "sqlite") return ["sqlite"];
  throw new Error(`BENCH_DATABASE=${process.env.BENCH_DATABASE} names no database this benchmark knows: use sqlite or postgresql.`);
}

export interface BenchDatabase {
  readonly kind: BenchDatabaseKind;
  /** The data directory (secrets.json, and the SQLite file for SQLite). */
  readonly dataDir: string;
  /** DATABASE_URL, as the benchmark's process and any server it starts use it. */
  readonly url: string;
  /** Where it is, for the report's header; never a password. */
  readonly description: string;
  /** Removes the database and the data directory. Call after the Prisma client has disconnected. */
  drop(): Promise<void>;
}

/** The URL without its password, for printing. */
function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/**
 * Creates a fresh database (empty: the caller's prepare() migrates it) and points DATABASE_URL and
 * PORTCULLIS_DATA_DIR at it. `prefix` names the benchmark, so a database left behind by a killed run
 * says whose it is.
 */
export async function createBenchDatabase(kind: BenchDatabaseKind, prefix: string): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `portcullis-${prefix}-`));
  process.env.PORTCULLIS_DATA_DIR = dataDir;
  if (kind === "sqlite") {
    const url = `file:${path.join(dataDir, "portcullis.db")}`;
    process.env.DATABASE_URL = url;
    return { kind, dataDir, url, description: `SQLite in ${dataDir}`, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.BENCH_POSTGRES_URL;
  if (!adminUrl) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(
      "The PostgreSQL run needs a server: set BENCH_POSTGRES_URL to its admin URL (one that may CREATE DATABASE), for example the one `scripts/postgres.sh start /tmp/bench-pg 55499` prints.",
    );
  }
  const name = `${prefix.replaceAll("-", "_")}_${Date.now().toString(36)}_${process.pid}`;
  await withPostgresClient(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = postgresDatabaseUrl(adminUrl, name);
  process.env.DATABASE_URL = url;
  const server = (await withPostgresClient(url, (client) => client.query<{ server_version: string }>("SHOW server_version"))).rows[0]?.server_version ?? "?";
  return {
    kind,
    dataDir,
    url,
    description: `PostgreSQL ${server}, database ${withoutPassword(url)}`,
    drop: async () => {
      // FORCE: a server the benchmark started may still hold pooled connections while it shuts down.
      await withPostgresClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs this same benchmark script again in a child process, on one database: the Prisma client (and
 * so the database) is fixed per process, so `--both` is two processes, one after the other (never
 * at once: they would measure each other). The child writes its results as JSON to a file the
 * parent reads back, and prints its own report as it goes.
 */
export async function runOnDatabase<T>(kind: BenchDatabaseKind): Promise<T> {
  const resultsDir = mkdtempSync(path.join(tmpdir(), "portcullis-bench-results-"));
  const resultsFile = path.join(resultsDir, "results.json");
  const args = [...process.execArgv, process.argv[1]!, ...process.argv.slice(2).filter((a) => a !== "--both"), kind === "sqlite" ? "--sqlite" : "--postgres"];
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, args, { env: { ...process.env, BENCH_RESULTS_FILE: resultsFile }, stdio: "inherit" });
      child.on("error", reject);
      child.on("exit", resolve);
    });
    if (code !== 0) throw new Error(`the ${kind} run exited with ${code}`);
    return JSON.parse(readFileSync(resultsFile, "utf8")) as T;
  } finally {
    rmSync(resultsDir, { recursive: true, force: true });
  }
}

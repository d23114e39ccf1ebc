// Everything a first start needs, and nothing a later start would redo: the data directory, the
// generated secrets (unless the environment provides them), the database schema (Prisma
// migrations) and the AWS managed policies every account can attach.

import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import { chmodSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { secrets } from "@/lib/auth/secrets";
import { db } from "@/lib/db/client";
import { DATA_DIR, databaseProvider, databaseUrl, sqliteFile } from "@/lib/db/url";
import { ensureAwsManagedPolicies } from "@/lib/iam/policies/awsManaged";

/** The SQLite database and the files SQLite keeps beside it, when the database is a local file. */
function sqliteFiles(): string[] {
  const file = sqliteFile();
  return file === undefined ? [] : ["", "-wal", "-shm", "-journal"].map((suffix) => file + suffix);
}

/**
 * Only this user may read the data directory: it holds the password hashes, the encrypted secrets
 * and (unless the environment provides them) their keys. The umask covers every file created from
 * here on, by this process and the migration it spawns (SQLite gives -wal and -shm the database's
 * mode); the chmods cover what an earlier version or another tool created.
 */
function restrictDataFiles(): void {
  process.umask(0o077);
  mkdirSync(DATA_DIR, { recursive: true, mode: 0o700 });
  chmodSync(DATA_DIR, 0o700);
  for (const file of [path.join(DATA_DIR, "secrets.json"), ...sqliteFiles()]) if (existsSync(file)) chmodSync(file, 0o600);
}

/** The committed migrations of the database in use, by folder name. */
function committedMigrations(): string[] {
  const folder = path.join("prisma", ...(databaseProvider() === "postgresql" ? ["postgres"] : []), "migrations");
  return readdirSync(folder).filter((name) => /^\d/.test(name));
}

/**
 * Whether every committed migration is already applied, read from Prisma's own table. Then the
 * migration CLI need not start at all: it costs 10–15 s a start, and on SQLite it fails while any
 * other process (a backup, a shell) has the file open.
 */
async function upToDate(): Promise<boolean> {
  const query = `SELECT "migration_name" AS name FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
  let rows: { name: string }[];
  try {
    const file = sqliteFile();
    if (file === undefined) {
      rows = await db.$queryRawUnsafe<{ name: string }[]>(query);
    } else {
      // Read with a connection of its own, closed before the migration CLI starts: on SQLite the CLI
      // fails ("SocketTimeout") while this process holds the file open.
      if (!existsSync(file)) return false;
      const sqlite = new Database(file, { readonly: true, fileMustExist: true });
      try {
        rows = sqlite.prepare(query).all() as { name: string }[];
      } finally {
        sqlite.close();
      }
    }
  } catch {
    // No migrations table yet: a new database.
    return false;
  }
  const applied = new Set(rows.map((row) => row.name));
  return committedMigrations().every((name) => applied.has(name));
}

// Prisma's migrate takes an advisory lock on PostgreSQL and gives up after 10 s (P1002) when another
// instance holds it: instances started together on a new database take turns.
const MIGRATE_ATTEMPTS = 6;

function migrate(): void {
  for (let attempt = 1; ; attempt++) {
    const run = spawnSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: databaseUrl() }, encoding: "utf8" });
    if (run.status === 0) return;
    const output = `${run.stdout}\n${run.stderr}`;
    if (attempt < MIGRATE_ATTEMPTS && /P1002/.test(output)) continue;
    throw new Error(`Applying database migrations failed:\n${output}`);
  }
}

export async function prepare(): Promise<void> {
  restrictDataFiles();
  secrets();
  if (!(await upToDate())) migrate();
  await ensureAwsManagedPolicies(db);
}

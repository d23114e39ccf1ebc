// `npm run backup [-- DESTINATION]`: a consistent copy of the live database, safe while Portcullis is
// serving and writing.
//   SQLite: SQLite's online backup API (better-sqlite3's db.backup), all pages in ONE step: the copy
//     is the database as of one moment, read under a single read transaction. In WAL mode that
//     never blocks the server's writes. (Copied a hundred pages at a time, as is the default, a
//     backup restarts whenever another connection writes, and under steady writes never finishes.)
//   PostgreSQL: pg_dump --format=custom (one snapshot, restored with pg_restore), when pg_dump is on PATH.
// DESTINATION is a file or an existing directory; by default <data dir>/backups/portcullis-<UTC time>.
// Never overwrites a file. The copy is readable by this user only (0600).
//
// The database alone is not enough: TOTP seeds and access-key secrets are sealed under the
// encryption key, which lives in PORTCULLIS_SECRET_KEY or the data directory's secrets.json. With
// secrets.json, a copy of it goes beside the backup; either way the output says so.

import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { copyFileSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { secretsFilePath } from "@/lib/auth/secrets";
import { DATA_DIR, databaseProvider, databaseUrl, sqliteFile } from "@/lib/db/url";

class Refusal extends Error {}

const timestamp = () => new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");

/** Where the copy goes: the argument (a file, or a directory to put the default name in), else under the data directory. */
function destination(argument: string | undefined, extension: string): string {
  const name = `portcullis-${timestamp()}${extension}`;
  if (argument === undefined) {
    const dir = path.join(DATA_DIR, "backups");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return path.join(dir, name);
  }
  const target = existsSync(argument) && statSync(argument).isDirectory() ? path.join(argument, name) : argument;
  if (existsSync(target)) throw new Refusal(`${target} already exists: a backup never overwrites a file. Give another name.`);
  if (!existsSync(path.dirname(path.resolve(target)))) throw new Refusal(`The directory ${path.dirname(path.resolve(target))} does not exist.`);
  return target;
}

const size = (file: string) => {
  const bytes = statSync(file).size;
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
};

async function backupSqlite(url: string, argument: string | undefined): Promise<string> {
  const source = sqliteFile(url)!;
  if (!existsSync(source)) throw new Refusal(`There is no database at ${source}: check PORTCULLIS_DATA_DIR or DATABASE_URL.`);
  const target = destination(argument, ".db");
  // Read-write, though it writes nothing: a read-only connection to a WAL database fails when it
  // cannot create the -shm file. timeout: wait for a rollback-journal writer instead of failing.
  const live = new Database(source, { fileMustExist: true, timeout: 10_000 });
  try {
    // 0x7fffffff pages per step: everything in one step (see the top of this file).
    await live.backup(target, { progress: () => 0x7fffffff });
  } finally {
    live.close();
  }
  // A single self-contained file (no -wal beside it), checked before we call it a backup.
  const copy = new Database(target);
  try {
    copy.pragma("journal_mode = DELETE");
    const check = copy.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new Error(`The copy in ${target} failed SQLite's quick_check: ${String(check)}.`);
  } finally {
    copy.close();
  }
  return target;
}

/** A libpq connection string without Prisma's own parameters, and the password apart (never on a command line). */
function libpqTarget(url: string): { dbname: string; password?: string } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = "";
  for (const prismaOnly of ["schema", "connection_limit", "pool_timeout", "connect_timeout", "socket_timeout", "pgbouncer", "statement_cache_size"]) parsed.searchParams.delete(prismaOnly);
  return { dbname: parsed.toString(), password };
}

function backupPostgres(url: string, argument: string | undefined): string {
  if (spawnSync("pg_dump", ["--version"], { encoding: "utf8" }).status !== 0) {
    throw new Refusal(
      "pg_dump is not on PATH. Back up PostgreSQL with its own tools, from a machine that has them:\n" +
        "  pg_dump --format=custom --file=portcullis.dump \"$DATABASE_URL\"\n" +
        "(Debian: apt-get install postgresql-client; use the major version of the server or newer.)",
    );
  }
  const target = destination(argument, ".dump");
  const { dbname, password } = libpqTarget(url);
  const dump = spawnSync("pg_dump", ["--format=custom", `--file=${target}`, `--dbname=${dbname}`], {
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    encoding: "utf8",
  });
  if (dump.status !== 0) throw new Error(`pg_dump failed (exit ${dump.status ?? dump.signal}): ${dump.stderr.trim()}`);
  return target;
}

/** The encryption key travels with the backup, or the output says where it is. */
function secretsNote(target: string): string {
  if (process.env.PORTCULLIS_SECRET_KEY) {
    return "The encryption key is PORTCULLIS_SECRET_KEY (from the environment), not in this backup. Keep it with the backup: without it the TOTP seeds and access-key secrets in it cannot be opened.";
  }
  const file = secretsFilePath();
  if (!existsSync(file)) return `Warning: there is no ${file}, so no encryption key was found to keep with this backup.`;
  const copy = target.replace(/\.(db|dump)$/, "") + ".secrets.json";
  copyFileSync(file, copy, constants.COPYFILE_EXCL);
  return `Copied ${file} to ${copy}: it holds the encryption key (and the session secret). Without it the TOTP seeds and access-key secrets in the backup cannot be opened; store it as carefully as the backup, ideally apart from it.`;
}

async function main(args: readonly string[]): Promise<void> {
  if (args.length > 1 || args[0]?.startsWith("-")) throw new Refusal("Usage: npm run backup [-- DESTINATION]   (a file, or an existing directory)");
  // Every file this creates is this user's alone (0600), as the data directory is.
  process.umask(0o077);
  const url = databaseUrl();
  const started = Date.now();
  const target = databaseProvider(url) === "postgresql" ? backupPostgres(url, args[0]) : await backupSqlite(url, args[0]);
  console.log(`Backed up the database to ${target} (${size(target)}, ${Date.now() - started} ms).`);
  console.log(secretsNote(target));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

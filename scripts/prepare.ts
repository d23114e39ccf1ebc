// Everything a first start needs, and nothing a later start would redo: the data directory, the
// generated secrets (unless the environment provides them), the database schema (Prisma
// migrations) and the AWS managed policies every account can attach.

import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { secrets } from "@/lib/auth/secrets";
import { db } from "@/lib/db/client";
import { DATA_DIR, databaseUrl } from "@/lib/db/url";
import { ensureAwsManagedPolicies } from "@/lib/iam/policies/awsManaged";

/** The SQLite database and the files SQLite keeps beside it, when the database is a local file. */
function sqliteFiles(): string[] {
  const url = databaseUrl();
  if (!url.startsWith("file:")) return [];
  const file = url.slice("file:".length).replace(/\?.*$/, "");
  return ["", "-wal", "-shm", "-journal"].map((suffix) => file + suffix);
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

export async function prepare(): Promise<void> {
  restrictDataFiles();
  secrets();
  const migrate = spawnSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl() },
    encoding: "utf8",
  });
  if (migrate.status !== 0) {
    throw new Error(`Applying database migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
  }
  await ensureAwsManagedPolicies(db);
}

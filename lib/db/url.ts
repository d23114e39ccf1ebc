// Where the database lives. The embedded default is SQLite under ./data, created on first start, so
// `npm start` needs nothing else; DATABASE_URL overrides it, and a postgresql:// URL selects PostgreSQL.

import { existsSync } from "node:fs";
import path from "node:path";

export const DATA_DIR = process.env.PORTCULLIS_DATA_DIR ?? "data";

/** The one test of which database a URL names: PostgreSQL for postgres:// and postgresql://, SQLite otherwise. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function databaseUrl(): string {
  // The driver adapter takes a plain path after "file:"; an absolute data directory is used as it
  // is (`file:/var/lib/portcullis/…`), a relative one is relative to where we start.
  return process.env.DATABASE_URL ?? `file:${path.isAbsolute(DATA_DIR) ? DATA_DIR : `./${DATA_DIR}`}/portcullis.db`;
}

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(url: string = databaseUrl()): DatabaseProvider {
  return isPostgresUrl(url) ? "postgresql" : "sqlite";
}

/** The file a SQLite URL names (`file:./data/portcullis.db` → `./data/portcullis.db`); undefined for PostgreSQL. */
export function sqliteFile(url: string = databaseUrl()): string | undefined {
  if (isPostgresUrl(url)) return undefined;
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

/**
 * Refuses, in a sentence, a SQLite database whose directory does not exist: SQLite cannot create
 * the file there, and the driver's own report is "External error id#0". `npm start` creates the data
 * directory first; `prisma migrate deploy` run by hand does not, so prisma.config.ts asks this first.
 */
export function requireSqliteDirectory(url: string = databaseUrl()): void {
  const file = sqliteFile(url);
  if (file === undefined) return;
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir)) {
    throw new Error(`The SQLite database's directory ${dir} does not exist: create it, or run \`npm start\` once (it creates the data directory). PORTCULLIS_DATA_DIR=${DATA_DIR}.`);
  }
}

// Where the database lives. The embedded default is SQLite under ./data, created on first start, so
// `npm start` needs nothing else; DATABASE_URL overrides it, and a postgresql:// URL selects PostgreSQL.

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

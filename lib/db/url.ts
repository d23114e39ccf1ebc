// Where the database lives. The embedded default is SQLite under ./data, created on first start, so
// `npm start` needs nothing else; DATABASE_URL overrides it.

import path from "node:path";

export const DATA_DIR = process.env.PORTCULLIS_DATA_DIR ?? "data";

export function databaseUrl(): string {
  // An absolute data directory is used as it is; a relative one is relative to where we start.
  return process.env.DATABASE_URL ?? `file:${path.isAbsolute(DATA_DIR) ? DATA_DIR : `./${DATA_DIR}`}/portcullis.db`;
}

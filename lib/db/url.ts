// Where the database lives. The embedded default is SQLite under ./data, created on first start, so
// `npm start` needs nothing else; DATABASE_URL overrides it.

export const DATA_DIR = process.env.PORTCULLIS_DATA_DIR ?? "data";

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? `file:./${DATA_DIR}/portcullis.db`;
}

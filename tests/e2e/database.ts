// The e2e suite's direct line to the server's database, for arranging what no page can (a key
// created 200 days ago) and for checking what no page shows (the bytes at rest). The server runs on
// SQLite in the data directory by default, or on the PostgreSQL database E2E_DATABASE_URL names
// (playwright.config.ts passes it on as DATABASE_URL); the same SQL, with quoted identifiers and `?`
// placeholders, runs on either.

import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import Database from "better-sqlite3";
import pg from "pg";

const DATA_DIR = process.env.E2E_DATA_DIR ?? ".e2e-data";
export const POSTGRES_URL = process.env.E2E_DATABASE_URL;
export const onPostgres = POSTGRES_URL !== undefined;

/** A time as a parameter: Prisma keeps SQLite times as ISO text with an offset, PostgreSQL as timestamps. */
export function dbTime(date: Date): Date | string {
  return onPostgres ? date : date.toISOString().replace("Z", "+00:00");
}

/** Runs one statement; returns its rows (none for writes). */
export async function sql<Row = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Row[]> {
  if (POSTGRES_URL) {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      let n = 0;
      return (await client.query(text.replace(/\?/g, () => `$${++n}`), params)).rows as Row[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(`${DATA_DIR}/portcullis.db`);
  try {
    const statement = db.prepare(text);
    return statement.reader ? (statement.all(...params) as Row[]) : (statement.run(...params), []);
  } finally {
    db.close();
  }
}

/**
 * Everything the database holds at rest, byte for byte, with where it came from: SQLite's file and
 * its write-ahead log (recent writes live there until a checkpoint), or PostgreSQL's plain dump.
 */
export async function bytesAtRest(): Promise<{ source: string; bytes: Buffer }[]> {
  if (POSTGRES_URL) {
    const dump = spawnSync("pg_dump", ["--data-only", POSTGRES_URL], { maxBuffer: 512 * 1024 * 1024 });
    if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.stderr.toString()}`);
    return [{ source: "pg_dump", bytes: dump.stdout }];
  }
  return Promise.all(["portcullis.db", "portcullis.db-wal"].map(async (file) => ({ source: file, bytes: await readFile(`${DATA_DIR}/${file}`).catch(() => Buffer.alloc(0)) })));
}

/**
 * Runs `action` while the server cannot use its database, so every request that reads or writes
 * fails: another connection holds SQLite's write lock (the server waits out its busy timeout), or
 * PostgreSQL's audit table is renamed away for the moment (every request appends an audit event).
 */
export async function withDatabaseBroken(action: () => Promise<void>): Promise<void> {
  if (POSTGRES_URL) {
    await sql(`ALTER TABLE "AuditEvent" RENAME TO "AuditEvent_away"`);
    try {
      await action();
    } finally {
      await sql(`ALTER TABLE "AuditEvent_away" RENAME TO "AuditEvent"`);
    }
    return;
  }
  const lock = new Database(`${DATA_DIR}/portcullis.db`);
  try {
    lock.exec("BEGIN IMMEDIATE");
    await action();
  } finally {
    lock.exec("ROLLBACK");
    lock.close();
  }
}

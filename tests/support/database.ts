// Vitest setup: every test file gets its own real SQLite database in a fresh temporary directory,
// migrated with the committed migrations, before any module that opens the database is imported.

import Database from "better-sqlite3";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(tmpdir(), "portcullis-test-"));
const file = path.join(dir, "portcullis.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.PORTCULLIS_DATA_DIR = dir;

const migrations = path.join(process.cwd(), "prisma", "migrations");
const sqlite = new Database(file);
for (const name of readdirSync(migrations).filter((n) => /^\d/.test(n)).sort()) {
  sqlite.exec(readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
}
sqlite.close();

// Tests sign up many accounts from one address; the sign-up tests set their own modes and limits.
process.env.PORTCULLIS_SIGNUP ??= "open";
process.env.PORTCULLIS_SIGNUPS_PER_HOUR ??= "100000";

// Vitest setup: every test file gets its own real, migrated database before any module that opens
// the database is imported. SQLite by default: a fresh file in a temporary directory. With
// TEST_POSTGRES_URL (a PostgreSQL server's admin URL, e.g. the throwaway cluster scripts/postgres.sh
// starts), a fresh PostgreSQL database cloned from a template that the first file to need it
// migrates: cloning takes a few milliseconds, migrating a few hundred.

import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { postgresDatabaseUrl, withPostgresClient } from "./postgres";

const dir = mkdtempSync(path.join(tmpdir(), "portcullis-test-"));
process.env.PORTCULLIS_DATA_DIR = dir;

/** The committed migrations of one provider, in the order they apply. */
function migrationScripts(folder: string): string[] {
  const migrations = path.join(process.cwd(), ...folder.split("/"));
  return readdirSync(migrations)
    .filter((n) => /^\d/.test(n))
    .sort()
    .map((name) => readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
}

async function postgresDatabase(adminUrl: string): Promise<string> {
  const scripts = migrationScripts("prisma/postgres/migrations");
  // Named by the migrations' content, so a changed migration never clones a stale template.
  const template = `portcullis_template_${createHash("sha256").update(scripts.join("\n")).digest("hex").slice(0, 12)}`;
  const database = `portcullis_test_${randomUUID().replaceAll("-", "")}`;
  await withPostgresClient(adminUrl, async (admin) => {
    // One file migrates the template while the others wait; nobody may be connected to it while it is cloned.
    await admin.query("SELECT pg_advisory_lock(7215)");
    try {
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
      if (exists.rowCount === 0) {
        await admin.query(`CREATE DATABASE "${template}"`);
        await withPostgresClient(postgresDatabaseUrl(adminUrl, template), async (client) => {
          for (const script of scripts) await client.query(script);
        });
      }
      await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
    } finally {
      await admin.query("SELECT pg_advisory_unlock(7215)");
    }
  });
  return postgresDatabaseUrl(adminUrl, database);
}

function sqliteDatabase(): string {
  const file = path.join(dir, "portcullis.db");
  const sqlite = new Database(file);
  for (const script of migrationScripts("prisma/migrations")) sqlite.exec(script);
  sqlite.close();
  return `file:${file}`;
}

const postgres = process.env.TEST_POSTGRES_URL;
process.env.DATABASE_URL = postgres ? await postgresDatabase(postgres) : sqliteDatabase();

// Tests sign up many accounts from one address; the sign-up tests set their own modes and limits.
process.env.PORTCULLIS_SIGNUP ??= "open";
process.env.PORTCULLIS_SIGNUPS_PER_HOUR ??= "100000";

// The database the instances of one test file share. PostgreSQL: a fresh, empty database on the
// server TEST_POSTGRES_URL names (an admin URL, such as the throwaway cluster scripts/postgres.sh
// starts), which the first instance's `npm start` migrates, as a first deployment would. SQLite: the
// file in an instance's data directory. The test process opens the same database (the data layer's
// own client, lib/db/client.ts) for what the API does not show: the audit log and half-written rows.

import { randomUUID } from "node:crypto";
import type pg from "pg";
import { postgresDatabaseUrl, withPostgresClient } from "../../support/postgres";

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL;

export const NO_POSTGRES =
  "Skipped: these instance tests need a PostgreSQL server. Set TEST_POSTGRES_URL to an admin URL (scripts/postgres.sh start DIR PORT prints one).";

function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withPostgresClient(POSTGRES_ADMIN_URL!, work);
}

export interface PostgresDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** A new empty database named `<prefix>_<random>` (INSTANCES_DB_PREFIX overrides the prefix). */
export async function freshPostgresDatabase(prefix = process.env.INSTANCES_DB_PREFIX ?? "portcullis_instances"): Promise<PostgresDatabase> {
  if (!POSTGRES_ADMIN_URL) throw new Error(NO_POSTGRES);
  const name = `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = postgresDatabaseUrl(POSTGRES_ADMIN_URL, name);
  return {
    name,
    url,
    // WITH (FORCE): a SIGKILLed instance's connections may linger until the server notices.
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * The data layer and the API suite's helpers, loaded only once the environment names the database
 * and the shared encryption key: lib/db/client.ts opens the database its module is first loaded with.
 */
export async function dataLayer() {
  return import("../../api/support/apiAccount");
}

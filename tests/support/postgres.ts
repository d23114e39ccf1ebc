// Small helpers for tests and benchmarks that make their own PostgreSQL databases on a server they
// are given an admin URL for (TEST_POSTGRES_URL, BENCH_POSTGRES_URL; scripts/postgres.sh prints one).

import pg from "pg";

/** Runs `work` on a connection of its own to `url`, closed afterwards. */
export async function withPostgresClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The same server's URL for another database. */
export function postgresDatabaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

// The Prisma client, one per process, over the driver adapter DATABASE_URL selects: PostgreSQL for a
// postgresql:// URL, SQLite (the embedded default) otherwise. Both generated clients are built from
// one model (prisma/schema.prisma; the PostgreSQL schema is generated from it), so one build serves
// either database and the choice is made at start. Only lib/iam, lib/auth and lib/db import this;
// app/ and components/ go through operations (lint-enforced). server-only keeps it out of client
// bundles; scripts outside React (npm start, demo) run with Node's react-server condition, under
// which that import is empty.

import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/prisma-pg/client";
import { databaseProvider, databaseUrl } from "./url";

export type Db = PrismaClient;
/** A transaction client: what operations receive, so their writes and audit event commit together. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export const provider = databaseProvider();

/**
 * Limits for every interactive transaction. SQLite has one writer and the adapter runs one transaction
 * at a time per process, so a write queues behind the others; Prisma's defaults (2 s to start, 5 s to
 * finish) turned a queue on a busy two-core machine into a failed request. A transaction that waits
 * its turn is not an error; one still waiting after these is.
 *
 * PostgreSQL runs every write transaction SERIALIZABLE, which SQLite's single writer already is: a
 * check an operation reads and the write it then makes (a quota, "is this name free", "is the
 * default still v3") cannot interleave with another instance's, whatever the operation. PostgreSQL
 * refuses the loser of a conflict with a serialization failure instead; lib/db/transaction.ts retries it.
 */
export const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000, isolationLevel: "Serializable" } as const;

const globalForPrisma = globalThis as unknown as { portcullisDb?: PrismaClient };

// Write-ahead logging lets readers proceed during a write, and with synchronous=NORMAL a commit no
// longer waits for an fsync (measured: COMMIT went from ~10 ms to well under 1 ms). A crash can lose
// the last commits but never corrupts the database. busy_timeout makes a second process wait for
// the write lock instead of failing at once.
const PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;";

let statements = 0;

/**
 * How many SQL statements this process has sent so far: the measure the page-work test and the
 * console benchmark use to show that a page's database work does not grow with the rows it shows.
 */
export function executedStatements(): number {
  return statements;
}

interface Queryable {
  queryRaw(query: never): Promise<unknown>;
  executeRaw(query: never): Promise<unknown>;
}

function counted<Q extends Queryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = ((query: never) => (statements++, queryRaw(query))) as Q["queryRaw"];
  queryable.executeRaw = ((query: never) => (statements++, executeRaw(query))) as Q["executeRaw"];
  return queryable;
}

/** Counts statements inside transactions too: they go through the transaction's own connection object. */
function countedWithTransactions<A extends Queryable & { startTransaction(isolationLevel?: never): Promise<Queryable> }>(adapter: A): A {
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = (async (isolationLevel?: never) => counted(await startTransaction(isolationLevel))) as A["startTransaction"];
  return counted(adapter);
}

class TunedSQLite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(PRAGMAS);
    return countedWithTransactions(adapter);
  }
}

class CountedPostgres extends PrismaPg {
  override async connect() {
    return countedWithTransactions(await super.connect());
  }
}

/** The pool's size per instance: a few connections serve a console instance; PostgreSQL's default limit is 100 for all of them. */
const POOL_SIZE = Number(process.env.PORTCULLIS_DB_POOL_SIZE ?? 10);

function connect(): PrismaClient {
  const url = databaseUrl();
  if (provider === "postgresql") {
    // The two generated clients have the same models and methods; they differ in the SQL they write.
    return new PostgresPrismaClient({ adapter: new CountedPostgres({ connectionString: url, max: POOL_SIZE }) }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: new TunedSQLite({ url }) });
}

// Next.js reloads modules in development; keep one client (and one connection pool) per process
// there. Elsewhere a module is loaded once anyway, and tests must not share one file's database.
export const db: PrismaClient = globalForPrisma.portcullisDb ?? connect();
if (process.env.NODE_ENV === "development") globalForPrisma.portcullisDb = db;

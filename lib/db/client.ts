// The Prisma client, one per process, over the driver adapter for DATABASE_URL (SQLite by default).
// Only lib/iam and lib/auth import this; app/ and components/ go through operations (lint-enforced).
// server-only keeps it out of client bundles; scripts outside React (npm start, demo) run with Node's
// react-server condition, under which that import is empty.

import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl } from "./url";

export type Db = PrismaClient;
/** A transaction client: what operations receive, so their writes and audit event commit together. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Limits for every interactive transaction. SQLite has one writer and the adapter runs one transaction
 * at a time per process, so a write queues behind the others; Prisma's defaults (2 s to start, 5 s to
 * finish) turned a queue on a busy two-core machine into a failed request. A transaction that waits
 * its turn is not an error; one still waiting after these is.
 */
export const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

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

type Queryable = Pick<Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>, "queryRaw" | "executeRaw">;

function counted<Q extends Queryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = (query) => (statements++, queryRaw(query));
  queryable.executeRaw = (query) => (statements++, executeRaw(query));
  return queryable;
}

class TunedSQLite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = counted(await super.connect());
    await adapter.executeScript(PRAGMAS);
    // Statements inside a transaction go through the transaction's own connection object.
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => counted(await startTransaction(isolationLevel));
    return adapter;
  }
}

function connect(): PrismaClient {
  return new PrismaClient({ adapter: new TunedSQLite({ url: databaseUrl() }) });
}

// Next.js reloads modules in development; keep one client (and one SQLite connection) per process
// there. Elsewhere a module is loaded once anyway, and tests must not share one file's database.
export const db: PrismaClient = globalForPrisma.portcullisDb ?? connect();
if (process.env.NODE_ENV === "development") globalForPrisma.portcullisDb = db;

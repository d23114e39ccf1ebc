// The Prisma client, one per process, over the driver adapter for DATABASE_URL (SQLite by default).
// Only lib/iam and lib/auth import this; app/ and components/ go through operations (lint-enforced).

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl } from "./url";

export type Db = PrismaClient;
/** A transaction client: what operations receive, so their writes and audit event commit together. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForPrisma = globalThis as unknown as { portcullisDb?: PrismaClient };

function connect(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl() }) });
}

// Next.js reloads modules in development; keep one client (and one SQLite connection) per process
// there. Elsewhere a module is loaded once anyway, and tests must not share one file's database.
export const db: PrismaClient = globalForPrisma.portcullisDb ?? connect();
if (process.env.NODE_ENV === "development") globalForPrisma.portcullisDb = db;

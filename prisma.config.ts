import path from "node:path";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseProvider, databaseUrl, requireSqliteDirectory } from "./lib/db/url";

// With a config file the Prisma CLI does not read .env itself; Node >= 20.12 can.
try {
  process.loadEnvFile();
} catch {
  // no .env: the defaults apply
}

// Workaround: Prisma 6.19.3's JS schema engine replays migrations on the shadow database through
// executeRaw(), which better-sqlite3 rejects for multi-statement SQL. Send argument-less statements
// through executeScript() instead (only `prisma migrate dev` uses a shadow database).
function withShadowScriptFix(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connectShadow = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const adapter = await connectShadow();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length === 0) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return adapter;
  };
  return factory;
}

// Workaround (prisma/orm#27403): adapter-pg 6.19.3 cannot read the `name` and `"char"` column types
// (OIDs 19 and 18) that the schema engine's catalogue queries return, so even `migrate deploy` fails
// with "Column type 'name' could not be deserialized". Report them as text; this touches only the
// CLI process that loads this file, never the server.
function readCatalogueTypesAsText(): void {
  type ResultPrototype = { addFields(fields: { dataTypeID: number }[]): void };
  const prototype = pg.Result.prototype as unknown as ResultPrototype;
  const addFields = prototype.addFields;
  prototype.addFields = function (fields) {
    for (const field of fields) {
      if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
      else if (field.dataTypeID === 1002 || field.dataTypeID === 1003) field.dataTypeID = 1009;
    }
    return addFields.call(this, fields);
  };
}

// Workaround: PrismaPg 6.19.3's shadow database (used by `migrate dev` and `migrate diff
// --from-migrations`, which tests/unit/lint/schemaDrift.test.ts runs) is the main database itself:
// pg lets the connection string override the database it is given. Create a scratch database of
// our own instead, and drop it once its pool has closed. Needs a role with CREATEDB.
function withPgShadowFix(factory: PrismaPg, connectionString: string): PrismaPg {
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  factory.connectToShadowDb = async () => {
    const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await admin(`CREATE DATABASE "${name}"`);
    const shadowUrl = new URL(connectionString);
    shadowUrl.pathname = `/${name}`;
    const adapter = await new PrismaPg({ connectionString: shadowUrl.toString() }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await admin(`DROP DATABASE IF EXISTS "${name}"`);
    };
    return adapter;
  };
  return factory;
}

const url = databaseUrl();
const postgres = databaseProvider(url) === "postgresql";
if (postgres) readCatalogueTypesAsText();

// Each database has its own schema file (the PostgreSQL one generated from the SQLite one:
// scripts/postgresSchema.ts) and its own migrations, applied at start by `prisma migrate deploy`.
const home = postgres ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  schema: path.join(home, "schema.prisma"),
  migrations: { path: path.join(home, "migrations") },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    // SQLite cannot create its file in a directory that does not exist, and says only "External error id#0".
    if (!postgres) requireSqliteDirectory(url);
    // A short idle timeout: the CLI holds its migration lock until its pooled connection closes (pg's default: 10 s).
    return postgres ? withPgShadowFix(new PrismaPg({ connectionString: url, idleTimeoutMillis: 100 }), url) : withShadowScriptFix(new PrismaBetterSQLite3({ url }));
  },
});

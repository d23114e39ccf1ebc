import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "./lib/db/url";

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

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => withShadowScriptFix(new PrismaBetterSQLite3({ url: databaseUrl() })),
});

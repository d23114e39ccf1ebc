// One model, two databases: prisma/schema.prisma (SQLite) is the source of truth, the PostgreSQL
// schema is generated from it, and each provider's committed migrations must build exactly its schema.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, postgresSchema, SQLITE_SCHEMA } from "@/scripts/postgresSchema";

/** `prisma migrate diff` from a provider's migrations to its schema: exit 0 when they agree, 2 when they differ. */
function migrationsDrift(databaseUrl: string, migrations: string, schema: string) {
  return spawnSync("npx", ["prisma", "migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", schema, "--exit-code"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
}

describe("the PostgreSQL schema", () => {
  it("is what scripts/postgresSchema.ts makes of the SQLite schema (run `npm run db:schema` after editing prisma/schema.prisma)", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("differs from the SQLite schema only in the datasource and the client's output", () => {
    const sqlite = readFileSync(SQLITE_SCHEMA, "utf8").split("\n");
    const postgres = readFileSync(POSTGRES_SCHEMA, "utf8").split("\n").slice(2);
    expect(postgres).toHaveLength(sqlite.length);
    const changed = sqlite.flatMap((line, i) => (line === postgres[i] ? [] : [line.trim().split(/\s+/)[0]]));
    expect(changed).toEqual(["output", "provider", "url"]);
  });
});

describe("the migrations", () => {
  // Each run checks the provider it runs on: the SQLite run the SQLite folder, the PostgreSQL run
  // (TEST_POSTGRES_URL, on a server that lets it create a scratch database) the PostgreSQL one.
  const postgres = process.env.TEST_POSTGRES_URL;
  it.runIf(!postgres)("build exactly prisma/schema.prisma on SQLite", () => {
    const diff = migrationsDrift(process.env.DATABASE_URL!, "prisma/migrations", SQLITE_SCHEMA);
    expect(diff.stdout + diff.stderr).toContain("No difference detected");
    expect(diff.status).toBe(0);
  });
  it.runIf(postgres)("build exactly prisma/postgres/schema.prisma on PostgreSQL", () => {
    const diff = migrationsDrift(process.env.DATABASE_URL!, "prisma/postgres/migrations", POSTGRES_SCHEMA);
    expect(diff.stdout + diff.stderr).toContain("No difference detected");
    expect(diff.status).toBe(0);
  });
});

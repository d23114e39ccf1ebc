// Where the embedded database lives (lib/db/url.ts): PORTCULLIS_DATA_DIR absolute (a container's
// /var/lib/portcullis) or relative (the default ./data), DATABASE_URL over both, and a plain
// sentence instead of the driver's "External error id#0" when the directory does not exist.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { dataDir: process.env.PORTCULLIS_DATA_DIR, url: process.env.DATABASE_URL };
afterEach(() => {
  for (const [name, value] of [["PORTCULLIS_DATA_DIR", saved.dataDir], ["DATABASE_URL", saved.url]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  vi.resetModules();
});

/** lib/db/url.ts as a fresh start with this environment sees it (DATA_DIR is read once, at load). */
async function urlModule(env: { PORTCULLIS_DATA_DIR?: string; DATABASE_URL?: string }) {
  for (const name of ["PORTCULLIS_DATA_DIR", "DATABASE_URL"] as const) {
    if (env[name] === undefined) delete process.env[name];
    else process.env[name] = env[name];
  }
  vi.resetModules();
  return import("@/lib/db/url");
}

describe("databaseUrl()", () => {
  it("uses an absolute data directory as it is", async () => {
    const url = await urlModule({ PORTCULLIS_DATA_DIR: "/var/lib/portcullis" });
    expect(url.databaseUrl()).toBe("file:/var/lib/portcullis/portcullis.db");
    expect(url.sqliteFile()).toBe("/var/lib/portcullis/portcullis.db");
    expect(url.databaseProvider()).toBe("sqlite");
  });

  it("keeps a relative data directory relative to where the server starts, ./data by default", async () => {
    expect((await urlModule({})).databaseUrl()).toBe("file:./data/portcullis.db");
    expect((await urlModule({ PORTCULLIS_DATA_DIR: "data/demo" })).databaseUrl()).toBe("file:./data/demo/portcullis.db");
  });

  it("lets DATABASE_URL override the data directory, and a postgresql:// URL select PostgreSQL", async () => {
    const url = await urlModule({ PORTCULLIS_DATA_DIR: "/var/lib/portcullis", DATABASE_URL: "postgresql://portcullis:pw@db:5432/portcullis" });
    expect(url.databaseUrl()).toBe("postgresql://portcullis:pw@db:5432/portcullis");
    expect(url.databaseProvider()).toBe("postgresql");
    expect(url.sqliteFile()).toBeUndefined();
    expect(() => url.requireSqliteDirectory()).not.toThrow();
  });

  it("says plainly when the directory of the SQLite file does not exist", async () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), "portcullis-url-")), "not", "yet");
    const url = await urlModule({ PORTCULLIS_DATA_DIR: missing });
    expect(() => url.requireSqliteDirectory()).toThrow(`The SQLite database's directory ${missing} does not exist: create it, or run \`npm start\` once`);
    const present = await urlModule({ PORTCULLIS_DATA_DIR: path.dirname(path.dirname(missing)) });
    expect(() => present.requireSqliteDirectory()).not.toThrow();
  });
});

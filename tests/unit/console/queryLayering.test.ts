import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// lib/query is the Query protocol's wire format: pure, below the API door in app/, beside the
// operations rather than under them. eslint.config.js draws those arrows; these tests keep them drawn.
const eslint = new ESLint({ cwd: process.cwd() });
const RULES = new Set(["no-restricted-imports", "portcullis/layers"]);

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  return result!.messages.filter((m) => m.fatal || RULES.has(m.ruleId ?? "")).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("lib/query's layer", () => {
  it.each([
    'import { execute } from "@/lib/iam/core/operation";',
    'import type { Caller } from "@/lib/auth/caller";',
    'import { db } from "../db/client";',
    'import type { ServiceCatalog } from "lib/catalog/serviceCatalog";',
    'import { UserTable } from "@/components/users/UserTable";',
    'import { evaluate } from "@/lib/policy";',
  ])("lib/query rejects %s", async (code) => {
    const found = await violations("lib/query/example.ts", code);
    expect(found.length, code).toBeGreaterThanOrEqual(1);
    expect(found.join("\n")).toMatch(/lib\/query is the Query protocol's wire format|lib\/ is below app\//);
  });

  it.each(['import { readFile } from "node:fs/promises";', 'import { headers } from "next/headers";', 'import type { PrismaClient } from "@prisma/client";'])(
    "lib/query stays pure: rejects %s",
    async (code) => {
      expect((await violations("lib/query/example.ts", code)).join("\n")).toMatch(/lib\/query must stay pure TypeScript/);
    },
  );

  it("lib/query may use itself and lib/policy's types", async () => {
    expect(await violations("lib/query/example.ts", 'import type { Explanation } from "@/lib/policy";\nimport { escapeXml } from "./xml";')).toEqual([]);
    expect(await violations("lib/query/example.ts", 'import { type Explanation } from "../policy/explain";')).toEqual([]);
  });

  it.each([
    ["lib/iam/users/users.ts", /lib\/query is for the API door/],
    ["lib/auth/session.ts", /lib\/query is for the API door/],
    ["lib/catalog/serviceCatalog.ts", /lib\/query is for the API door/],
    // lib/db and lib/policy import only themselves: their own arrow is the one reported.
    ["lib/db/client.ts", /lib\/db is the Prisma client/],
    ["lib/policy/example.ts", /lib\/policy is a library in its own right/],
  ])("%s may not import lib/query", async (filePath, expected) => {
    expect((await violations(filePath, 'import { queryResponse } from "@/lib/query/xml";')).join("\n")).toMatch(expected);
  });

  it("the door in app/ may import lib/query", async () => {
    expect(await violations("app/api/iam/route.ts", 'import { queryResponse } from "@/lib/query/xml";')).toEqual([]);
  });
});

import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// DESIGN.md, "Layers": app/ and components/ never import lib/db or @prisma/client (only lib/iam and
// lib/auth may), and lib/policy stays pure TypeScript. The lint rules enforce it; these tests make
// sure the rules still fire.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layering lint rules", () => {
  it.each([
    ["app/users/page.tsx", 'import { db } from "@/lib/db/client";'],
    ["app/users/page.tsx", 'import { PrismaClient } from "@prisma/client";'],
    ["components/users/UserTable.tsx", 'import { PrismaClient } from "@/generated/prisma/client";'],
    ["components/users/UserTable.tsx", 'import { db } from "../../lib/db/client";'],
  ])("rejects a database import in %s (%s)", async (filePath, code) => {
    const messages = await restrictedImportMessages(filePath, `${code}\nexport const x = 1;\n`);
    expect(messages.join("\n")).toMatch(/must not touch the database/);
  });

  it("allows app/ to call operations", async () => {
    const messages = await restrictedImportMessages("app/users/page.tsx", 'import { execute } from "@/lib/iam/core/operation";\nexport const x = execute;\n');
    expect(messages).toEqual([]);
  });

  it.each([
    'import { readFileSync } from "node:fs";',
    'import { PrismaClient } from "@prisma/client";',
    'import { useState } from "react";',
    'import { authorize } from "@cloud-copilot/iam-simulate";',
  ])("keeps lib/policy pure: rejects %s", async (code) => {
    const messages = await restrictedImportMessages("lib/policy/example.ts", `${code}\nexport const x = 1;\n`);
    expect(messages.length).toBeGreaterThan(0);
  });
});

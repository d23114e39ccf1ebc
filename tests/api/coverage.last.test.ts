// Runs after every other file of the API suite (vitest.config.ts): the suite must
// have called every operation the door serves at least once through the real SDK, successfully.
// The server's own audit log says which it did, so a new operation without an API test fails here,
// named. Only a whole-suite run checks this (npm test sets API_REQUIRE_COVERAGE=1): one file run
// alone covers only itself.

import { expect, it } from "vitest";
import { OPERATIONS } from "@/lib/iam/registry";
import { CONSOLE_ONLY_OPERATIONS } from "@/lib/query/consoleOnly";
import { db } from "./support/apiAccount";

it.runIf(process.env.API_REQUIRE_COVERAGE === "1")("the suite called every operation the API serves, through the SDK, with success", async () => {
  const events = await db.auditEvent.findMany({ where: { door: "api", result: "Allowed", userAgent: { contains: "aws-sdk-js" } }, distinct: ["action"], select: { action: true } });
  const called = new Set(events.map((event) => event.action));
  const missing = OPERATIONS.filter((op) => !CONSOLE_ONLY_OPERATIONS.has(op.name) && !called.has(op.action)).map((op) => op.name);
  expect(missing, "operations no API test called successfully").toEqual([]);
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "@/lib/iam/registry";
import { CONSOLE_ONLY_OPERATIONS } from "@/lib/query/consoleOnly";
import { apiCoverageTable, awsOperations, README_MARKERS } from "@/scripts/apiCoverage";

// README.md's table of AWS's IAM and STS operations is generated (scripts/apiCoverage.ts) and must
// stay what the generator prints: an operation added to the registry, or made console-only, or an
// SDK upgrade that brings new AWS operations, fails here until the README is regenerated.

const { start: START, end: END } = README_MARKERS;
const REGENERATE = "README.md's API coverage table is out of date: run `npx tsx --conditions=react-server scripts/apiCoverage.ts --write`";

function readmeTable(): string {
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  expect(start, "README.md has the api-coverage start marker").toBeGreaterThanOrEqual(0);
  expect(end, "README.md has the api-coverage end marker after the start marker").toBeGreaterThan(start);
  return readme.slice(start + START.length, end).trim();
}

describe("README's table of API operations", () => {
  it("is exactly what scripts/apiCoverage.ts generates", () => {
    expect(readmeTable(), REGENERATE).toBe(apiCoverageTable());
  });

  it("lists every operation AWS's SDKs have, about 170 for IAM", () => {
    const rows = apiCoverageTable().split("\n").filter((line) => /^\| (IAM|STS) \|/.test(line));
    expect(rows.length).toBe(awsOperations("iam").length + awsOperations("sts").length);
    expect(awsOperations("iam").length).toBeGreaterThan(160);
    expect(awsOperations("sts")).toContain("AssumeRole");
  });

  it("marks every operation the door serves as Supported, and nothing else", () => {
    const table = apiCoverageTable();
    const served = OPERATIONS.filter((op) => !CONSOLE_ONLY_OPERATIONS.has(op.name)).map((op) => `| ${op.action.split(":")[0]!.toUpperCase()} | \`${op.name}\` | Supported |`);
    for (const row of served) expect(table, `${row} is in the table`).toContain(row);
    expect(table.split("\n").filter((line) => line.includes("| Supported |"))).toHaveLength(served.length);
    for (const name of CONSOLE_ONLY_OPERATIONS) expect(table).not.toContain(`\`${name}\` | Supported`);
  });
});

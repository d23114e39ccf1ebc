// Evaluation cases written from the AWS IAM User Guide, one JSON table per topic in
// cases/evaluation/. Each case is the engine's outside contract (what `npm run --silent policy --
// evaluate FILE` reads) plus `rule` (the documented rule it checks) and `expect` (the decision the
// documentation implies, or "error" for a malformed case).

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateCase } from "@/lib/policy";

type Expectation = "Allow" | "ExplicitDeny" | "ImplicitDeny" | "error";

interface TableCase {
  readonly id: string;
  readonly rule: string;
  readonly expect: Expectation;
  readonly [field: string]: unknown;
}

interface CaseTable {
  readonly file: string;
  readonly topic: string;
  readonly reference: string;
  readonly cases: readonly TableCase[];
}

interface CliResult {
  readonly id?: unknown;
  readonly decision?: string;
  readonly error?: string;
}

const EXPECTATIONS: readonly string[] = ["Allow", "ExplicitDeny", "ImplicitDeny", "error"];
const CASES_DIR = fileURLToPath(new URL("./cases/evaluation/", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The table the CLI test sends through the real command: it mixes all three decisions and an error. */
const CLI_TABLE = "explicit-deny.json";

const tables: CaseTable[] = readdirSync(CASES_DIR)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(readFileSync(join(CASES_DIR, file), "utf8")) as Omit<CaseTable, "file">) }));

/** The case as the engine sees it: the table's bookkeeping fields removed. */
function engineCase(testCase: TableCase): Record<string, unknown> {
  const { rule: _rule, expect: _expect, ...rest } = testCase;
  return rest;
}

function checkOutcome(result: CliResult, testCase: TableCase): void {
  expect(result.id).toBe(testCase.id);
  if (testCase.expect === "error") {
    expect(result.error, `expected an error, got ${JSON.stringify(result)}`).toEqual(expect.any(String));
    expect(result.decision).toBeUndefined();
  } else {
    expect(result.error, `unexpected error: ${result.error}`).toBeUndefined();
    expect(result.decision).toBe(testCase.expect);
  }
}

describe("evaluation case tables", () => {
  it("are well formed: a topic, a reference, and cases with unique ids, a rule and a known expectation", () => {
    expect(tables.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const table of tables) {
      expect(table.topic, table.file).toEqual(expect.any(String));
      expect(table.reference, table.file).toMatch(/\S/);
      expect(table.cases.length, table.file).toBeGreaterThan(0);
      for (const testCase of table.cases) {
        expect(testCase.id, table.file).toMatch(/^[a-z0-9-]+$/);
        expect(seen.has(testCase.id), `duplicate id ${testCase.id}`).toBe(false);
        seen.add(testCase.id);
        expect(testCase.rule, testCase.id).toMatch(/\S/);
        expect(EXPECTATIONS, testCase.id).toContain(testCase.expect);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(320);
  });
});

for (const table of tables) {
  describe(table.file, () => {
    for (const testCase of table.cases) {
      it(`${table.topic}: ${testCase.rule} [${testCase.id}]`, () => {
        checkOutcome(evaluateCase(engineCase(testCase)) as CliResult, testCase);
      });
    }
  });
}

describe("the policy CLI on a case table", () => {
  it(`evaluates ${CLI_TABLE} with the same decisions, in order, printing only JSON`, () => {
    const table = tables.find((t) => t.file === CLI_TABLE);
    if (!table) throw new Error(`${CLI_TABLE} is missing from ${CASES_DIR}`);
    const dir = mkdtempSync(join(tmpdir(), "portcullis-cases-"));
    try {
      const file = join(dir, "cases.json");
      writeFileSync(file, JSON.stringify(table.cases.map(engineCase)));
      const run = spawnSync("npm", ["run", "--silent", "policy", "--", "evaluate", file], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      let results: CliResult[];
      try {
        results = JSON.parse(run.stdout) as CliResult[];
      } catch (error) {
        throw new Error(`stdout is not pure JSON (${(error as Error).message}); stderr: ${run.stderr}`);
      }
      expect(Array.isArray(results)).toBe(true);
      expect(results.map((r) => r.id)).toEqual(table.cases.map((c) => c.id));
      results.forEach((result, i) => checkOutcome(result, table.cases[i]!));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Evaluation cases written from the AWS IAM User Guide, one JSON table per topic in
// cases/evaluation/. Each case is the engine's outside contract (what `npm run --silent policy --
// evaluate FILE` reads) plus `rule` (the documented rule it checks) and `expect` (the decision the
// documentation implies, or "error" for a malformed case). Optionally `expectReason` pins the
// DecisionReason code (which documented step decided: a case must not pass for the wrong reason),
// and `expectError` is text the refusal must contain (case-insensitive).

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
  readonly expectReason?: string;
  readonly expectError?: string;
  /** The case result's warnings, as `{ path, value }`; a decided case without it must have none. */
  readonly expectWarnings?: readonly { readonly path: string; readonly value: string }[];
  /** Evaluate with `strict: true` (the CLI's `--strict`). */
  readonly strict?: boolean;
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
  /** The explanation's `reason` is the DecisionReason code. */
  readonly explanation?: { readonly reason?: string };
  readonly warnings?: readonly { readonly path: string; readonly value: string; readonly message: string }[];
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
  const { rule: _rule, expect: _expect, expectReason: _reason, expectError: _error, expectWarnings: _warnings, strict: _strict, ...rest } = testCase;
  return rest;
}

function checkOutcome(result: CliResult, testCase: TableCase): void {
  expect(result.id).toBe(testCase.id);
  if (testCase.expect === "error") {
    expect(result.error, `expected an error, got ${JSON.stringify(result)}`).toEqual(expect.any(String));
    expect(result.decision).toBeUndefined();
    if (testCase.expectError !== undefined) expect(result.error!.toLowerCase()).toContain(testCase.expectError.toLowerCase());
  } else {
    expect(result.error, `unexpected error: ${result.error}`).toBeUndefined();
    expect(result.decision).toBe(testCase.expect);
    if (testCase.expectReason !== undefined) expect(result.explanation?.reason).toBe(testCase.expectReason);
    expect(result.warnings?.map(({ path, value }) => ({ path, value })), "warnings").toEqual(testCase.expectWarnings ?? []);
    for (const warning of result.warnings ?? []) expect(warning.message, "each warning says why").toContain(warning.value);
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
        if (testCase.expectReason !== undefined) expect(testCase.expect, testCase.id).not.toBe("error");
        if (testCase.expectError !== undefined) expect(testCase.expect, testCase.id).toBe("error");
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(320);
  });
});

for (const table of tables) {
  describe(table.file, () => {
    for (const testCase of table.cases) {
      it(`${table.topic}: ${testCase.rule} [${testCase.id}]`, () => {
        checkOutcome(evaluateCase(engineCase(testCase), { strict: testCase.strict === true }) as CliResult, testCase);
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

// Runs the validation case tables in cases/validation/*.json. Each case names the IAM rule it
// checks, the policy (a JSON value, or text when positions or syntax matter) and the findings a
// user must see — or must not see.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Finding, PolicyKind } from "@/lib/policy/types";
import { validatePolicy, type PolicyContainer } from "@/lib/policy/validate";

interface ValidationCase {
  readonly rule: string;
  readonly kind?: PolicyKind;
  readonly container?: PolicyContainer;
  readonly policy: unknown;
  readonly expect: readonly Partial<Finding>[];
  readonly noErrors?: boolean;
  readonly absent?: readonly string[];
}

const dir = join(import.meta.dirname, "cases", "validation");
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const tables = files.map((file) => ({
  file,
  cases: JSON.parse(readFileSync(join(dir, file), "utf8")) as ValidationCase[],
}));

describe("validation case tables", () => {
  it("hold at least 80 cases, each asserting something", () => {
    const all = tables.flatMap((t) => t.cases);
    expect(all.length).toBeGreaterThanOrEqual(80);
    for (const c of all) {
      expect(c.rule.length, "every case names its rule").toBeGreaterThan(10);
      expect(c.expect.length > 0 || c.noErrors === true || (c.absent?.length ?? 0) > 0, c.rule).toBe(true);
    }
  });
});

for (const { file, cases } of tables) {
  describe(file, () => {
    for (const c of cases) {
      it(c.rule, () => {
        const findings = validatePolicy(c.policy, { kind: c.kind, container: c.container });
        const summary = findings.map((f) => `${f.severity} ${f.code} ${f.path} ${f.line ?? ""}:${f.column ?? ""}`);
        for (const wanted of c.expect) {
          expect(findings, summary.join("\n")).toContainEqual(expect.objectContaining(wanted));
        }
        if (c.noErrors) expect(findings.filter((f) => f.severity === "error"), summary.join("\n")).toEqual([]);
        for (const code of c.absent ?? []) {
          expect(findings.map((f) => f.code), summary.join("\n")).not.toContain(code);
        }
      });
    }
  });
}

import { describe, expect, it } from "vitest";
import { validatePolicy } from "@/lib/policy";
import { findingDiagnostics } from "@/components/policyEditor/findingDiagnostics";
import { findingRange, offsetOf } from "@/components/policyEditor/findingRange";

const TEXT = ['{', '  "Version": "2012-10-17",', '  "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }]', '}'].join("\n");

describe("offsetOf", () => {
  it("maps 1-based line and column to a document offset", () => {
    expect(offsetOf(TEXT, 1, 1)).toBe(0);
    expect(TEXT.slice(offsetOf(TEXT, 2, 3))).toMatch(/^"Version"/);
    expect(TEXT.slice(offsetOf(TEXT, 3, 3))).toMatch(/^"Statement"/);
  });

  it("clamps positions past the end of a line or of the text", () => {
    expect(offsetOf(TEXT, 2, 500)).toBe(TEXT.indexOf("\n", 2));
    expect(offsetOf(TEXT, 99, 1)).toBe(TEXT.length);
    expect(offsetOf(TEXT, undefined, undefined)).toBe(0);
  });
});

describe("findingRange", () => {
  it("underlines a whole quoted string, including escaped quotes", () => {
    const text = '{"Sid": "a\\"b", "x": 1}';
    const range = findingRange(text, 1, 9);
    expect(text.slice(range.from, range.to)).toBe('"a\\"b"');
  });

  it("underlines a number or word, and a single bracket", () => {
    expect(findingRange('{"a": 1234}', 1, 7)).toEqual({ from: 6, to: 10 });
    expect(findingRange('{"a": true}', 1, 7)).toEqual({ from: 6, to: 10 });
    expect(findingRange('{"a": {}}', 1, 7)).toEqual({ from: 6, to: 7 });
  });

  it("underlines the first character when a finding has no position", () => {
    expect(findingRange(TEXT, undefined, undefined)).toEqual({ from: 0, to: 1 });
  });

  it("marks the last character for an unexpected end of input", () => {
    const text = '{"Version": "2012-10-17",';
    const [finding] = validatePolicy(text);
    expect(finding?.code).toBe("JSON_SYNTAX_ERROR");
    const range = findingRange(text, finding?.line, finding?.column);
    expect(range).toEqual({ from: text.length - 1, to: text.length });
  });

  it("is empty only for empty text", () => {
    expect(findingRange("", 1, 1)).toEqual({ from: 0, to: 0 });
  });
});

describe("findingDiagnostics", () => {
  it("turns validator findings into positioned diagnostics with a class per severity", () => {
    const findings = validatePolicy(TEXT, { container: "managed" });
    const diagnostics = findingDiagnostics(TEXT, findings);
    expect(diagnostics).toHaveLength(findings.length);
    const security = diagnostics.find((d) => d.source === "ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES");
    expect(security).toMatchObject({ severity: "warning", markClass: "cm-finding-security-warning" });
    for (const d of diagnostics) {
      expect(d.from).toBeGreaterThanOrEqual(0);
      expect(d.to).toBeGreaterThan(d.from);
      expect(d.to).toBeLessThanOrEqual(TEXT.length);
    }
  });

  it("maps suggestions to CodeMirror's info severity and errors to error", () => {
    const [error] = findingDiagnostics("{}", [{ severity: "error", code: "X", message: "m", path: "" }]);
    const [suggestion] = findingDiagnostics("{}", [{ severity: "suggestion", code: "Y", message: "m", path: "", line: 1, column: 2 }]);
    expect(error).toMatchObject({ severity: "error", from: 0, to: 1 });
    expect(suggestion).toMatchObject({ severity: "info", from: 1, to: 2, markClass: "cm-finding-suggestion" });
  });
});

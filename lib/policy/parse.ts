// Parsing a policy: JSON text (or an already-parsed value) → a normalised PolicyDocument, with
// findings positioned at the offending key or value so the policy editor can underline them.

import { readDocument } from "./grammar/document";
import { draft, toFinding } from "./grammar/draft";
import { finishDocument, type PolicyReading } from "./grammar/reading";
import { parseJson, type JsonDocument } from "./json";
import { jsonSyntaxProblem } from "./jsonSyntaxSentence";
import type { Finding, PolicyDocument } from "./types";

export type ParseResult =
  | { readonly ok: true; readonly document: PolicyDocument; readonly findings: Finding[] }
  | { readonly ok: false; readonly findings: Finding[] };

/** The grammar applied to text: the reading (when the text is JSON) and the text-only findings. */
export interface PolicyText {
  readonly reading?: PolicyReading;
  readonly json?: JsonDocument;
  /** Findings that only exist for text: JSON syntax errors and duplicate keys. */
  readonly textFindings: Finding[];
}

export function readPolicyText(text: string): PolicyText {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { message, line, column } = jsonSyntaxProblem(text, parsed.error);
    return {
      textFindings: [
        {
          severity: "error",
          code: "JSON_SYNTAX_ERROR",
          message,
          path: "",
          line,
          column,
        },
      ],
    };
  }
  const { json } = parsed;
  // JSON.parse would silently keep the last duplicate; IAM rejects the document instead.
  const textFindings = json.duplicateKeys.map(({ path, key, position }): Finding => ({
    ...toFinding(draft("error", "DUPLICATE_KEY", `"${key}" appears more than once in the same object. Remove or merge the duplicates: IAM rejects a policy with duplicate keys.`, path, "key")),
    line: position.line,
    column: position.column,
  }));
  return { reading: readDocument(json.value), json, textFindings };
}

function hasError(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/** The policy grammar applied to a JS value (no positions). `document` is present iff there are no errors. */
export function readPolicy(value: unknown): { document?: PolicyDocument; findings: Finding[] } {
  const reading = readDocument(value);
  const findings = reading.findings.map((d) => toFinding(d));
  return hasError(findings) ? { findings } : { document: finishDocument(reading.document), findings };
}

/** Parses policy JSON text; findings carry line/column. */
export function parsePolicy(text: string): ParseResult {
  const { reading, json, textFindings } = readPolicyText(text);
  const findings = [...textFindings, ...(reading?.findings.map((d) => toFinding(d, json)) ?? [])];
  if (!reading || hasError(findings)) return { ok: false, findings };
  return { ok: true, document: finishDocument(reading.document), findings };
}

// Findings while they are being collected: the path is kept as segments (so keys containing dots
// or brackets stay unambiguous when locating them in the text) and says whether the finding is
// about a member's key or its value. They become public `Finding`s at the edge of the engine.

import type { Finding, Severity } from "../types";
import type { JsonDocument, JsonPathSegment } from "../json";

export type PathSegment = JsonPathSegment;

export interface DraftFinding {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly path: readonly PathSegment[];
  /** Which part of the node the editor should point at: the member's key or its value. */
  readonly target: "key" | "value";
}

export function draft(
  severity: Severity,
  code: string,
  message: string,
  path: readonly PathSegment[],
  target: "key" | "value" = "value",
): DraftFinding {
  return { severity, code, message, path, target };
}

/** `["Statement", 0, "Condition", "StringEquals", "aws:username"]` → `Statement[0].Condition.StringEquals.aws:username`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out;
}

/**
 * Turns a draft into a Finding, with line/column when the policy came from text. A node that does
 * not exist (a missing element) is located at its nearest existing ancestor.
 */
export function toFinding(d: DraftFinding, json?: JsonDocument): Finding {
  const base = { severity: d.severity, code: d.code, message: d.message, path: formatPath(d.path) };
  if (!json) return base;
  for (let length = d.path.length; length >= 0; length--) {
    const location = json.locate(d.path.slice(0, length));
    if (!location) continue;
    const exact = length === d.path.length;
    const position = exact && d.target === "key" && location.key ? location.key : location.value;
    return { ...base, line: position.line, column: position.column };
  }
  return base;
}

/** Describes a JSON value's type the way a policy author would name it. */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return "a boolean";
  return typeof value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

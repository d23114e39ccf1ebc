// How one policy value of a condition is compared with one request value, per operator family (IAM
// User Guide, "Condition operators"). Each test is in the operator's positive sense (StringNotEquals
// is built on the StringEquals test and negated by the caller). Policy values are parsed once here.

import type { BaseOperator } from "./conditionOperator";
import { parseArn } from "./arn";
import { ipInBlock, parseIpAddress, parseIpBlock } from "./ipAddress";
import { type ContextLookup, type Template, partsToText, resolveTemplate, templateFor } from "./variables";
import { compileParts, type PatternPart } from "./wildcard";

const noContext: ContextLookup = () => undefined;

/**
 * Compares a request value with the condition's policy values: true when any policy value matches,
 * false when none does, undefined when the request value is not of the operator's type (not a
 * number, date, boolean, IP address, base64 or ARN): such a value satisfies neither the operator
 * nor its negation. A policy value whose variable has no value matches nothing ("inverted condition
 * operators like StringNotEquals … do match against a null value").
 */
export type ValuesTest = (requestValue: string, lookup: ContextLookup) => boolean | undefined;

export function compileValuesTest(base: BaseOperator, values: readonly string[], variables: boolean): ValuesTest {
  switch (base.family) {
    case "String":
      return stringTest(base.name, values.map((v) => templateFor(v, variables)));
    case "Arn":
      return arnTest(values.map((v) => templateFor(v, variables)));
    case "Numeric":
      return staticTest(values, parseNumber, numericComparator(base.name));
    case "Date":
      return staticTest(values, parseDate, numericComparator(base.name.replace("Date", "Numeric")));
    case "Bool":
      return staticTest(values, parseBool, (a, b) => a === b);
    case "Binary":
      return staticTest(values, parseBase64, (a, b) => a === b);
    case "Ip": {
      const blocks = values.map(parseIpBlock).filter((b) => b !== undefined);
      return (requestValue) => {
        const address = parseIpAddress(requestValue);
        return address === undefined ? undefined : blocks.some((block) => ipInBlock(address, block));
      };
    }
    case "Null":
      // Null compares key presence, not values; condition.ts handles it before calling a test.
      return () => false;
  }
}

function stringTest(name: string, templates: readonly Template[]): ValuesTest {
  const op = name.replace("Not", "");
  if (op === "StringEquals" && templates.every((t) => !t.dynamic)) {
    // The most common condition of all: exact values, no variables: one set lookup.
    const exact = new Set(templates.map((t) => partsToText(resolveTemplate(t, noContext)!)));
    return (value) => exact.has(value);
  }
  if (op === "StringLike") {
    return anyTemplate(templates, (parts) => compileParts(parts), (m, value) => m(value));
  }
  if (op === "StringEqualsIgnoreCase") {
    return anyTemplate(templates, (parts) => partsToText(parts).toLowerCase(), (t, value) => t === value.toLowerCase());
  }
  return anyTemplate(templates, partsToText, (t, value) => t === value);
}

/** ArnEquals and ArnLike both match wildcards, segment by segment; the request value must be an ARN. */
function arnTest(templates: readonly Template[]): ValuesTest {
  const test = anyTemplate(templates, (parts) => compileParts(parts, "arn"), (m, value) => m(value));
  return (requestValue, lookup) => (parseArn(requestValue) ? test(requestValue, lookup) : undefined);
}

/**
 * Builds a test over templated policy values: static values are prepared once; values with policy
 * variables are prepared per request, after substitution.
 */
function anyTemplate<P>(
  templates: readonly Template[],
  prepare: (parts: PatternPart[]) => P,
  matches: (prepared: P, value: string) => boolean,
): ValuesTest {
  const fixed: P[] = [];
  const dynamic: Template[] = [];
  for (const t of templates) {
    if (t.dynamic) dynamic.push(t);
    else fixed.push(prepare(resolveTemplate(t, noContext)!));
  }
  if (dynamic.length === 0) {
    return (value) => {
      for (let i = 0; i < fixed.length; i++) if (matches(fixed[i]!, value)) return true;
      return false;
    };
  }
  return (value, lookup) => {
    if (fixed.some((p) => matches(p, value))) return true;
    for (const t of dynamic) {
      const parts = resolveTemplate(t, lookup);
      if (parts && matches(prepare(parts), value)) return true;
    }
    return false;
  };
}

/** Families without variables: parse policy values once, parse the request value per test. */
function staticTest<T>(
  values: readonly string[],
  parse: (text: string) => T | undefined,
  equal: (request: T, policy: T) => boolean,
): ValuesTest {
  const parsed = values.map(parse).filter((v): v is T => v !== undefined);
  return (requestValue) => {
    const value = parse(requestValue);
    return value === undefined ? undefined : parsed.some((p) => equal(value, p));
  };
}

function numericComparator(name: string): (request: number, policy: number) => boolean {
  switch (name.replace("Not", "")) {
    case "NumericLessThan":
      return (a, b) => a < b;
    case "NumericLessThanEquals":
      return (a, b) => a <= b;
    case "NumericGreaterThan":
      return (a, b) => a > b;
    case "NumericGreaterThanEquals":
      return (a, b) => a >= b;
    default:
      return (a, b) => a === b;
  }
}

export function parseNumber(text: string): number | undefined {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Milliseconds since the epoch from ISO 8601 text or epoch seconds; undefined if neither. */
export function parseDate(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const m = ISO_DATE.exec(trimmed);
  if (!m) return undefined;
  const zone = m[8] ?? "Z";
  const iso =
    `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? "00"}:${m[5] ?? "00"}:${m[6] ?? "00"}${m[7] ?? ""}` +
    (zone.toUpperCase() === "Z" ? "Z" : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone);
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

export function parseBool(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === "true" ? true : lower === "false" ? false : undefined;
}

export function parseBase64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
  try {
    return atob(text);
  } catch {
    return undefined;
  }
}

// Reading one statement: its elements, their types, and the combinations IAM's grammar forbids.

import { readCondition } from "./condition";
import { draft, isPlainObject, jsonType, type DraftFinding, type PathSegment } from "./draft";
import { readActions, readPrincipal, readResources } from "./elements";
import type { DraftStatement, StatementSource } from "./reading";

const STATEMENT_ELEMENTS = [
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
] as const;
type StatementElement = (typeof STATEMENT_ELEMENTS)[number];

const KNOWN = new Set<string>(STATEMENT_ELEMENTS);

/** Edit distance between two short names, for suggesting what a mistyped element was meant to be. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The element a mistyped name was probably meant to be (`action`, `Acton` → `Action`), for the message. */
export function closestElement(name: string, elements: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const element of elements) {
    const distance = editDistance(lower, element.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [element, distance];
  }
  return best;
}

const EXCLUSIVE_PAIRS: readonly (readonly [StatementElement, StatementElement])[] = [
  ["Action", "NotAction"],
  ["Resource", "NotResource"],
  ["Principal", "NotPrincipal"],
];

function readEffect(value: unknown, path: readonly PathSegment[], findings: DraftFinding[]): DraftStatement["Effect"] {
  if (typeof value !== "string") {
    findings.push(draft("error", "DATA_TYPE_MISMATCH", `Effect must be the string "Allow" or "Deny", not ${jsonType(value)}.`, path));
    return undefined;
  }
  if (value === "Allow" || value === "Deny") return value;
  findings.push(
    draft("error", "INVALID_EFFECT", `Effect "${value}" is not valid: use "Allow" or "Deny" (case-sensitive).`, path),
  );
  return undefined;
}

function readSid(value: unknown, path: readonly PathSegment[], findings: DraftFinding[]): string | undefined {
  if (typeof value !== "string") {
    findings.push(draft("error", "DATA_TYPE_MISMATCH", `Sid must be a string, not ${jsonType(value)}.`, path));
    return undefined;
  }
  if (value === "") {
    findings.push(draft("suggestion", "EMPTY_SID_VALUE", "Sid is an empty string. Give the statement an ID or remove the Sid element.", path));
  }
  return value;
}

export function readStatement(
  value: unknown,
  path: readonly PathSegment[],
  findings: DraftFinding[],
): { statement: DraftStatement; source: StatementSource } {
  const source: StatementSource = { path, arrays: new Set(), conditionArrays: [] };
  const statement: DraftStatement = {};
  if (!isPlainObject(value)) {
    findings.push(draft("error", "DATA_TYPE_MISMATCH", `A statement must be an object, not ${jsonType(value)}.`, path));
    return { statement, source };
  }
  source.present = new Set(Object.keys(value));
  for (const name of Object.keys(value)) {
    if (KNOWN.has(name)) continue;
    const meant = closestElement(name, STATEMENT_ELEMENTS);
    const hint = meant ? ` Did you mean "${meant}"? Element names are case-sensitive.` : ` A statement may contain only ${STATEMENT_ELEMENTS.join(", ")}.`;
    findings.push(draft("error", "INVALID_POLICY_ELEMENT", `"${name}" is not a statement element.${hint}`, [...path, name], "key"));
  }
  const at = (element: string) => [...path, element];
  if ("Sid" in value) statement.Sid = readSid(value.Sid, at("Sid"), findings);
  if ("Effect" in value) statement.Effect = readEffect(value.Effect, at("Effect"), findings);
  else findings.push(draft("error", "MISSING_EFFECT", 'Add an "Effect" element with "Allow" or "Deny" to this statement.', path));
  for (const element of ["Principal", "NotPrincipal"] as const) {
    if (element in value) statement[element] = readPrincipal(value[element], at(element), element, source, findings);
  }
  for (const element of ["Action", "NotAction"] as const) {
    if (element in value) statement[element] = readActions(value[element], at(element), element, source, findings);
  }
  for (const element of ["Resource", "NotResource"] as const) {
    if (element in value) statement[element] = readResources(value[element], at(element), element, source, findings);
  }
  if ("Condition" in value) statement.Condition = readCondition(value.Condition, at("Condition"), source, findings);

  for (const [element, negated] of EXCLUSIVE_PAIRS) {
    if (element in value && negated in value) {
      findings.push(
        draft("error", "UNSUPPORTED_ELEMENT_COMBINATION", `A statement cannot contain both ${element} and ${negated}. Keep one of them.`, at(negated), "key"),
      );
    }
  }
  if (!("Action" in value) && !("NotAction" in value)) {
    findings.push(draft("error", "MISSING_ACTION", 'Add an "Action" or "NotAction" element to this statement.', path));
  }
  return { statement, source };
}

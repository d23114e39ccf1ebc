// Reading the string-or-array elements of a statement (Action, Resource and their Not* forms) and
// the Principal block. Each reader normalises to arrays and reports shapes IAM would reject.

import type { PrincipalBlock } from "../types";
import { draft, isPlainObject, jsonType, type DraftFinding, type PathSegment } from "./draft";
import type { StatementSource } from "./reading";

/** Reads a string or an array of strings; records in `source.arrays` which form was written. */
export function readStringList(
  value: unknown,
  path: readonly PathSegment[],
  element: string,
  source: StatementSource,
  findings: DraftFinding[],
): string[] | undefined {
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) {
    findings.push(
      draft("error", "DATA_TYPE_MISMATCH", `${element} must be a string or an array of strings, not ${jsonType(value)}.`, path),
    );
    return undefined;
  }
  source.arrays.add(element);
  const items: string[] = [];
  value.forEach((item, i) => {
    if (typeof item === "string") items.push(item);
    else {
      findings.push(
        draft("error", "DATA_TYPE_MISMATCH", `Each item of ${element} must be a string, not ${jsonType(item)}.`, [...path, i]),
      );
    }
  });
  return items;
}

// A service prefix is lower-case letters, digits and hyphens (`s3`, `execute-api`); IAM matches it
// case-insensitively, so upper case is accepted here too.
function isServicePrefix(text: string, end: number): boolean {
  if (end === 0) return false;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
    if (!ok) return false;
  }
  return true;
}

// An action name is letters, digits, `_` and `-`, plus the * and ? wildcards.
function isActionName(text: string, from: number): boolean {
  if (from >= text.length) return false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 42 || c === 63;
    if (!ok) return false;
  }
  return true;
}

/**
 * True when an Action/NotAction value has a valid service prefix but a name no action can have
 * (`"s3:GetObject,PutObject"`, `"s3:"`, `"s3:   GetBucket"`). IAM no longer saves such a value, but
 * stored policies can hold one ("You might have existing policies that are not valid because they
 * were created or last saved before the latest updates to the policy engine"), and there it means
 * nothing: "Invalid actions do not affect the permissions granted by the policy". The one test for
 * that meaning: the grammar reports these with INVALID_ACTION_NAME, the case reader turns them into
 * warnings, and a compiled statement leaves them out (statement.ts).
 */
export function isInvalidActionName(action: string): boolean {
  const colon = action.indexOf(":");
  // Policy variables are never allowed in actions; the validator reports that more precisely.
  return colon > 0 && isServicePrefix(action, colon) && !isActionName(action, colon + 1) && !action.includes("${");
}

/** The grammar's code for a value that `isInvalidActionName` describes. */
export const INVALID_ACTION_NAME = "INVALID_ACTION_NAME";

/** Why an Action/NotAction item is malformed, or undefined when it has the `service:action` shape. */
export function actionProblem(action: string): { code: string; message: string } | undefined {
  if (action === "*") return undefined;
  const colon = action.indexOf(":");
  // Checked without slicing: this runs for every action of every policy read.
  if (colon > 0 && isServicePrefix(action, colon) && isActionName(action, colon + 1)) return undefined;
  if (action.includes("${")) return undefined;
  if (isInvalidActionName(action)) {
    return {
      code: INVALID_ACTION_NAME,
      message: `The action name in "${action}" is not valid: use an action name such as "GetObject", optionally with * or ? wildcards.`,
    };
  }
  if (colon < 0) {
    return { code: "INVALID_ACTION", message: `The action "${action}" has no service prefix. Write it as "service:Action" (for example "s3:GetObject"), or "*" for every action.` };
  }
  const service = action.slice(0, colon);
  if (service.includes("*") || service.includes("?")) {
    return {
      code: "INVALID_ACTION",
      message: `The service prefix "${service}" in "${action}" contains a wildcard. Wildcards are allowed only in the action name; use "*" alone for every action of every service.`,
    };
  }
  return { code: "INVALID_ACTION", message: `The service prefix "${service}" in "${action}" is not valid: use letters, digits and hyphens, as in "s3" or "execute-api".` };
}

/** Action or NotAction: a string-or-array of `service:action` patterns. */
export function readActions(
  value: unknown,
  path: readonly PathSegment[],
  element: "Action" | "NotAction",
  source: StatementSource,
  findings: DraftFinding[],
): string[] | undefined {
  const actions = readStringList(value, path, element, source, findings);
  if (!actions) return undefined;
  if (actions.length === 0 && Array.isArray(value)) {
    findings.push(
      draft("suggestion", "EMPTY_ARRAY_ACTION", `This statement's ${element} is an empty array, so the statement has no effect. Add actions or remove the statement.`, path),
    );
  }
  actions.forEach((action, i) => {
    const problem = actionProblem(action);
    if (problem) findings.push(draft("error", problem.code, problem.message, source.arrays.has(element) ? [...path, i] : path));
  });
  return actions;
}

/** Resource or NotResource; ARN shapes are the validator's concern, this only reads the JSON shape. */
export function readResources(
  value: unknown,
  path: readonly PathSegment[],
  element: "Resource" | "NotResource",
  source: StatementSource,
  findings: DraftFinding[],
): string[] | undefined {
  const resources = readStringList(value, path, element, source, findings);
  if (resources && resources.length === 0 && Array.isArray(value)) {
    findings.push(
      draft("suggestion", "EMPTY_ARRAY_RESOURCE", `This statement's ${element} is an empty array, so the statement has no effect. Add resources or remove the statement.`, path),
    );
  }
  return resources;
}

const PRINCIPAL_TYPES = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);

/** Principal or NotPrincipal: `"*"`, or principal type → identifier(s). */
export function readPrincipal(
  value: unknown,
  path: readonly PathSegment[],
  element: "Principal" | "NotPrincipal",
  source: StatementSource,
  findings: DraftFinding[],
): PrincipalBlock | undefined {
  if (value === "*") return "*";
  if (typeof value === "string") {
    findings.push(
      draft("error", "INVALID_PRINCIPAL_FORMAT", `${element} "${value}" is not valid: use "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}.`, path),
    );
    return undefined;
  }
  if (!isPlainObject(value)) {
    findings.push(draft("error", "DATA_TYPE_MISMATCH", `${element} must be "*" or an object, not ${jsonType(value)}.`, path));
    return undefined;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) {
    findings.push(
      draft("suggestion", "EMPTY_OBJECT_PRINCIPAL", `${element} is an empty object, so it names no principal. Add a principal type such as "AWS" or "Service".`, path),
    );
  }
  const block: Record<string, string[]> = {};
  for (const key of keys) {
    const keyPath = [...path, key];
    if (!PRINCIPAL_TYPES.has(key)) {
      findings.push(
        draft("error", "INVALID_PRINCIPAL_KEY", `"${key}" is not a principal type. Use "AWS", "Service", "Federated" or "CanonicalUser".`, keyPath, "key"),
      );
      continue;
    }
    const ids = readStringList(value[key], keyPath, `${element}.${key}`, source, findings);
    if (!ids) continue;
    if (ids.length === 0 && Array.isArray(value[key])) {
      findings.push(
        draft("suggestion", "EMPTY_ARRAY_PRINCIPAL", `${element}.${key} is an empty array, so it names no principal. Add principals or remove it.`, keyPath),
      );
    }
    const written = `${element}.${key}`;
    ids.forEach((id, i) => {
      if (!isPartialWildcard(id)) return;
      findings.push(
        draft("error", "UNSUPPORTED_WILDCARD_IN_PRINCIPAL", `"${id}" uses a wildcard to match part of a principal, which IAM does not support ("You cannot use a wildcard to match part of a principal name or ARN"). Name each principal, or write "*" with a condition on aws:PrincipalArn (ArnLike) instead.`, source.arrays.has(written) ? [...keyPath, i] : keyPath),
      );
    });
    block[key] = ids;
  }
  return block;
}

/**
 * A principal identifier with `*` or `?` that is not `"*"` alone. `"*"` alone means every principal
 * (`{"AWS": "*"}`: "For anonymous users, the following elements are equivalent: "Principal": "*"
 * and "Principal" : { "AWS" : "*" }"); in anything longer IAM does not treat the character as a
 * wildcard, and refuses the policy ("Wildcards (*, ?) are not supported with the principal key").
 */
function isPartialWildcard(id: string): boolean {
  return id !== "*" && (id.includes("*") || id.includes("?"));
}

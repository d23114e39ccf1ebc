// Where each statement of a policy sits in its text, from its opening brace to its closing one, as
// IAM's simulator reports a matched statement (StartPosition/EndPosition). The position-aware parser
// records where a value starts; its end is found by scanning the value once, minding strings.

import { parseJson } from "./json";
import { LineIndex, type SourcePosition } from "./sourcePosition";

export interface StatementSpan {
  readonly start: SourcePosition;
  /** The value's last character (its closing brace). */
  readonly end: SourcePosition;
}

/** Offset of the last character of the JSON value that starts at `start` (already known to parse). */
function valueEnd(text: string, start: number): number {
  const first = text[start];
  if (first === '"') {
    let i = start + 1;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    return i;
  }
  if (first !== "{" && first !== "[") {
    let i = start;
    while (i + 1 < text.length && !/[\s,\]}]/.test(text[i + 1]!)) i++;
    return i;
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return text.length - 1;
}

/**
 * The span of each statement in the policy text, by statement index (a single-statement policy
 * written as an object has one). Empty when the text is not JSON or has no Statement.
 */
export function statementSpans(text: string): StatementSpan[] {
  const parsed = parseJson(text);
  if (!parsed.ok) return [];
  const { json } = parsed;
  const statement = (json.value as { Statement?: unknown } | null)?.Statement;
  const lines = new LineIndex(text);
  const span = (path: (string | number)[]): StatementSpan | undefined => {
    const location = json.locate(path);
    if (!location) return undefined;
    return { start: location.value, end: lines.position(valueEnd(text, location.value.offset)) };
  };
  if (Array.isArray(statement)) return statement.map((_, i) => span(["Statement", i])).filter((s): s is StatementSpan => s !== undefined);
  const single = statement && typeof statement === "object" ? span(["Statement"]) : undefined;
  return single ? [single] : [];
}

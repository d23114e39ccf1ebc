// Where a finding sits in the editor's text. Findings carry 1-based line/column pointing at the
// start of the offending key or value; the editor underlines that whole token (a quoted string, a
// number or word, or a single bracket) so the mark is visible. A finding without a position is
// about the policy as a whole and underlines the first character.

export interface TextRange {
  readonly from: number;
  readonly to: number;
}

/** The document offset of a 1-based line and column, clamped into the text. */
export function offsetOf(text: string, line: number | undefined, column: number | undefined): number {
  if (line === undefined || line < 1) return 0;
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf("\n", offset);
  const end = lineEnd === -1 ? text.length : lineEnd;
  return Math.min(offset + Math.max((column ?? 1) - 1, 0), end);
}

function stringEnd(text: string, from: number): number {
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === '"') return i + 1;
    else if (c === "\n") return i;
  }
  return text.length;
}

function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && /[\w.+-]/.test(text[i] ?? "")) i++;
  return i;
}

/** The range to underline for a finding at `line`/`column` in `text`; never empty unless the text is. */
export function findingRange(text: string, line: number | undefined, column: number | undefined): TextRange {
  if (text.length === 0) return { from: 0, to: 0 };
  let from = offsetOf(text, line, column);
  // A position at the very end (an unexpected end of input) marks the last character instead.
  if (from >= text.length) from = text.length - 1;
  const c = text[from];
  let to = from + 1;
  if (c === '"') to = stringEnd(text, from);
  else if (c !== undefined && /[\w.+-]/.test(c)) to = wordEnd(text, from);
  return { from, to: Math.max(to, from + 1) };
}

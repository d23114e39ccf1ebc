// A matched statement's place in its policy's text, as offsets: AWS's StartPosition and EndPosition
// are 1-based lines and columns, the end being the statement's closing brace itself.

import type { Position } from "@/lib/iam/policies/simulation";

export interface Span {
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
}

function offsetOf(text: string, position: Position): number | undefined {
  let lineStart = 0;
  for (let line = 1; line < position.Line; line++) {
    const next = text.indexOf("\n", lineStart);
    if (next < 0) return undefined;
    lineStart = next + 1;
  }
  const offset = lineStart + position.Column - 1;
  return offset < text.length ? offset : undefined;
}

/** The statement's span in the text, or undefined when the positions do not fit it. */
export function statementSpan(text: string, start: Position | undefined, end: Position | undefined): Span | undefined {
  if (!start || !end) return undefined;
  const from = offsetOf(text, start);
  const last = offsetOf(text, end);
  if (from === undefined || last === undefined || last < from) return undefined;
  return { from, to: last + 1 };
}

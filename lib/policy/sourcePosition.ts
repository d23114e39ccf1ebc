// Line/column positions for text, computed from offsets on demand: a parser that runs on every
// keystroke records only offsets, and most of them are never shown to anyone.

/** A place in the text: 1-based line and column (UTF-16 code units), 0-based offset. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** Converts offsets to line/column with a line-start table built on first use. */
export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  position(offset: number): SourcePosition {
    const starts = (this.starts ??= this.build());
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
  }

  private build(): number[] {
    const starts = [0];
    let i = this.text.indexOf("\n");
    while (i >= 0) {
      starts.push(i + 1);
      i = this.text.indexOf("\n", i + 1);
    }
    return starts;
  }
}

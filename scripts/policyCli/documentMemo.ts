// The policy texts the CLI has already seen, so that a file of cases asking many questions of the
// same policies scans and parses each policy once. Scanning a case character by character and
// JSON.parse of its policies were most of the CLI's time per case; comparing a known text in
// place and reusing its parsed value is many times cheaper.
//
// A known text matched where an object starts *is* that object: the known text is a complete,
// balanced object, and an object's extent is decided by its own characters.

// Bounded, so that a file whose policies are all different cannot grow it without limit: past the
// bound it starts again empty.
const MAX_CHARS = 16 * 1024 * 1024;
// Texts are found by their first characters; many policies share a long opening
// (`{"Version":"2012-10-17","Statement":[{"Sid":"`), so each opening keeps a few candidates.
const PREFIX_CHARS = 48;
const MAX_CANDIDATES = 32;

const UNPARSED = Symbol("unparsed");

// Remembering costs a copy and a hash of every policy text. A file whose policies never repeat
// (each case its own documents) pays that for nothing, which made it three times slower than a
// plain JSON.parse of each case: after this many texts without a single repeat the memo stops.
const GIVE_UP_AFTER = 2000;

export class DocumentMemo {
  private readonly byPrefix = new Map<string, string[]>();
  private readonly values = new Map<string, unknown>();
  private chars = 0;
  private remembered = 0;
  private hits = 0;
  /** False once the input has shown that its policies do not repeat: then callers parse each case whole. */
  enabled = true;

  /** The known text that `chunk` holds at `at`, if any (the caller knows an object starts there). */
  match(chunk: string, at: number): string | undefined {
    if (!this.enabled) return undefined;
    const candidates = this.byPrefix.get(chunk.slice(at, at + PREFIX_CHARS));
    if (candidates === undefined) return undefined;
    // String equality compares the characters directly; startsWith was several times slower.
    for (const text of candidates) {
      if (chunk.slice(at, at + text.length) === text) {
        this.hits++;
        return text;
      }
    }
    return undefined;
  }

  /** Remembers a complete object's text (a slice of the input), as a copy of its own. */
  remember(slice: string): void {
    if (!this.enabled || slice.length < PREFIX_CHARS) return;
    if (++this.remembered >= GIVE_UP_AFTER && this.hits === 0) {
      this.enabled = false;
      this.byPrefix.clear();
      this.values.clear();
      return;
    }
    const prefix = slice.slice(0, PREFIX_CHARS);
    let candidates = this.byPrefix.get(prefix);
    if (candidates && candidates.length >= MAX_CANDIDATES) return;
    if (this.chars + slice.length > MAX_CHARS) {
      this.byPrefix.clear();
      this.values.clear();
      this.chars = 0;
      candidates = undefined;
    }
    // A copy: a slice would keep the whole input chunk it came from alive.
    const text = Buffer.from(slice, "utf8").toString("utf8");
    if (!candidates) this.byPrefix.set(Buffer.from(prefix, "utf8").toString("utf8"), (candidates = []));
    candidates.push(text);
    this.values.set(text, UNPARSED);
    this.chars += text.length;
  }

  /** The text's value, parsed once for a known text; throws JSON.parse's SyntaxError if it is not JSON. */
  value(text: string): unknown {
    const known = this.values.get(text);
    if (known === undefined) return JSON.parse(text);
    if (known !== UNPARSED) return known;
    const value: unknown = JSON.parse(text);
    this.values.set(text, value);
    return value;
  }
}

// A position-aware JSON parser for the policy editor. JSON.parse cannot say where a value sits in
// the text, and it silently keeps the last of two identical keys where IAM rejects the document,
// so policies are parsed here instead: one pass over the string, no regular expressions, offsets
// recorded per node and turned into line/column only when someone asks.

import { LineIndex, type SourcePosition } from "./sourcePosition";

export type { SourcePosition } from "./sourcePosition";

export type JsonPathSegment = string | number;

/** Where a node sits: its key (object members only) and the first character of its value. */
export interface JsonNodeLocation {
  readonly key?: SourcePosition;
  readonly value: SourcePosition;
}

/** A key that appears twice in one object; `path` names the member, `position` its second key. */
export interface DuplicateJsonKey {
  readonly path: readonly JsonPathSegment[];
  readonly key: string;
  readonly position: SourcePosition;
}

/** What kind of mistake stopped the parser, so the editor can say it as a person would (jsonSyntaxSentence.ts). */
export type JsonSyntaxErrorKind =
  | "empty"
  | "after-end"
  | "expected-value"
  | "expected-key"
  | "expected-colon"
  | "expected-comma"
  | "trailing-comma"
  | "unterminated-string"
  | "control-character"
  | "invalid-escape"
  | "invalid-number"
  | "too-deep";

export interface JsonSyntaxError extends SourcePosition {
  readonly message: string;
  readonly kind: JsonSyntaxErrorKind;
}

export interface JsonDocument {
  /** The parsed value; for duplicate keys the last one wins, as with JSON.parse. */
  readonly value: unknown;
  readonly duplicateKeys: readonly DuplicateJsonKey[];
  locate(path: readonly JsonPathSegment[]): JsonNodeLocation | undefined;
}

export type JsonParseResult =
  | { readonly ok: true; readonly json: JsonDocument }
  | { readonly ok: false; readonly error: JsonSyntaxError };

interface Node {
  readonly start: number;
  keyStart: number;
  members?: Map<string, Node>;
  items?: Node[];
}

// Deeper documents are not policies; the limit keeps a hostile input from overflowing the stack.
const MAX_DEPTH = 512;

class SyntaxFailure {
  constructor(
    readonly kind: JsonSyntaxErrorKind,
    readonly message: string,
    readonly offset: number,
  ) {}
}

class Parser {
  pos = 0;
  value: unknown = undefined;
  readonly path: JsonPathSegment[] = [];
  readonly duplicates: { path: JsonPathSegment[]; key: string; offset: number }[] = [];

  constructor(private readonly text: string) {}

  parseDocument(): Node {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipWhitespace();
    if (this.pos >= this.text.length) this.fail("empty", "The policy is empty: expected a JSON object");
    const root = this.parseValue(0);
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      this.fail("after-end", `Unexpected ${this.describe(this.pos)} after the end of the JSON value`);
    }
    return root;
  }

  private parseValue(depth: number): Node {
    const start = this.pos;
    const c = this.text.charCodeAt(start);
    if (c === 123 /* { */) return this.parseObject(depth + 1);
    if (c === 91 /* [ */) return this.parseArray(depth + 1);
    if (c === 34 /* " */) this.value = this.parseString();
    else if (c === 45 /* - */ || (c >= 48 && c <= 57)) this.value = this.parseNumber();
    else if (this.text.startsWith("true", start)) this.literal(true, 4);
    else if (this.text.startsWith("false", start)) this.literal(false, 5);
    else if (this.text.startsWith("null", start)) this.literal(null, 4);
    else this.fail("expected-value", `Unexpected ${this.describe(start)}: expected a value`);
    return { start, keyStart: -1 };
  }

  private literal(value: boolean | null, length: number): void {
    this.value = value;
    this.pos += length;
  }

  private parseObject(depth: number): Node {
    if (depth > MAX_DEPTH) this.fail("too-deep", `The JSON is nested more than ${MAX_DEPTH} levels deep`);
    const node: Node = { start: this.pos, keyStart: -1, members: new Map() };
    const result: Record<string, unknown> = {};
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 125 /* } */) {
      this.pos++;
      this.value = result;
      return node;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 34) {
        const trailing = this.text.charCodeAt(this.pos) === 125 && node.members!.size > 0;
        this.fail(
          trailing ? "trailing-comma" : "expected-key",
          trailing
            ? 'Unexpected "}" after ",": remove the trailing comma'
            : `Unexpected ${this.describe(this.pos)}: expected a property name in double quotes`,
        );
      }
      const keyStart = this.pos;
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 58 /* : */) {
        this.fail("expected-colon", `Unexpected ${this.describe(this.pos)}: expected ":" after property name "${key}"`);
      }
      this.pos++;
      this.skipWhitespace();
      this.path.push(key);
      const child = this.parseValue(depth);
      child.keyStart = keyStart;
      if (node.members!.has(key)) this.duplicates.push({ path: [...this.path], key, offset: keyStart });
      this.path.pop();
      node.members!.set(key, child);
      // A "__proto__" key must become an own property, as JSON.parse makes it, not a prototype.
      if (key === "__proto__") {
        Object.defineProperty(result, key, { value: this.value, enumerable: true, writable: true, configurable: true });
      } else {
        result[key] = this.value;
      }
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44 /* , */) {
        this.pos++;
        this.skipWhitespace();
        continue;
      }
      if (c === 125) {
        this.pos++;
        this.value = result;
        return node;
      }
      this.fail("expected-comma", `Unexpected ${this.describe(this.pos)}: expected "," or "}" after a property value`);
    }
  }

  private parseArray(depth: number): Node {
    if (depth > MAX_DEPTH) this.fail("too-deep", `The JSON is nested more than ${MAX_DEPTH} levels deep`);
    const node: Node = { start: this.pos, keyStart: -1, items: [] };
    const result: unknown[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 93 /* ] */) {
      this.pos++;
      this.value = result;
      return node;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) === 93 && result.length > 0) {
        this.fail("trailing-comma", 'Unexpected "]" after ",": remove the trailing comma');
      }
      this.path.push(result.length);
      node.items!.push(this.parseValue(depth));
      this.path.pop();
      result.push(this.value);
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        this.skipWhitespace();
        continue;
      }
      if (c === 93) {
        this.pos++;
        this.value = result;
        return node;
      }
      this.fail("expected-comma", `Unexpected ${this.describe(this.pos)}: expected "," or "]" after an array element`);
    }
  }

  private parseString(): string {
    const text = this.text;
    const open = this.pos;
    let i = open + 1;
    let chunkStart = i;
    let built: string | undefined;
    for (;;) {
      if (i >= text.length) this.fail("unterminated-string", "Unterminated string: expected a closing double quote", text.length);
      const c = text.charCodeAt(i);
      if (c === 34) {
        this.pos = i + 1;
        const tail = text.slice(chunkStart, i);
        return built === undefined ? tail : built + tail;
      }
      if (c < 0x20) this.fail("control-character", "Control characters must be escaped inside a string", i);
      if (c !== 92 /* \ */) {
        i++;
        continue;
      }
      built = (built ?? "") + text.slice(chunkStart, i) + this.parseEscape(i);
      i += text.charCodeAt(i + 1) === 117 /* u */ ? 6 : 2;
      chunkStart = i;
    }
  }

  private parseEscape(backslash: number): string {
    const e = this.text.charCodeAt(backslash + 1);
    switch (e) {
      case 34: return '"';
      case 92: return "\\";
      case 47: return "/";
      case 98: return "\b";
      case 102: return "\f";
      case 110: return "\n";
      case 114: return "\r";
      case 116: return "\t";
      case 117: {
        let code = 0;
        for (let k = backslash + 2; k < backslash + 6; k++) {
          const h = hexValue(this.text.charCodeAt(k));
          if (h < 0) this.fail("invalid-escape", "Invalid \\u escape: expected four hexadecimal digits", k);
          code = code * 16 + h;
        }
        return String.fromCharCode(code);
      }
      default:
        if (Number.isNaN(e)) this.fail("unterminated-string", "Unterminated string: expected a closing double quote", this.text.length);
        return this.fail("invalid-escape", `Invalid escape "\\${this.text[backslash + 1]}" in a string`, backslash);
    }
  }

  private parseNumber(): number {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === 45) i++;
    const first = text.charCodeAt(i);
    if (first === 48) i++;
    else if (first >= 49 && first <= 57) i = this.digits(i);
    else this.fail("invalid-number", "Invalid number: expected a digit after the minus sign", i);
    if (text.charCodeAt(i) === 46 /* . */) {
      const afterDot = this.digits(i + 1);
      if (afterDot === i + 1) this.fail("invalid-number", "Invalid number: expected a digit after the decimal point", i + 1);
      i = afterDot;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69 /* e E */) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      const afterExponent = this.digits(i);
      if (afterExponent === i) this.fail("invalid-number", "Invalid number: expected a digit in the exponent", i);
      i = afterExponent;
    }
    this.pos = i;
    return Number(text.slice(start, i));
  }

  private digits(from: number): number {
    let i = from;
    for (let c = this.text.charCodeAt(i); c >= 48 && c <= 57; c = this.text.charCodeAt(i)) i++;
    return i;
  }

  private skipWhitespace(): void {
    const text = this.text;
    let i = this.pos;
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(i)) i++;
    this.pos = i;
  }

  private describe(offset: number): string {
    if (offset >= this.text.length) return "end of input";
    return `character ${JSON.stringify(this.text[offset])}`;
  }

  fail(kind: JsonSyntaxErrorKind, message: string, offset = this.pos): never {
    throw new SyntaxFailure(kind, message, offset);
  }
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Parses JSON text, keeping where every key and value is and which keys repeat. */
export function parseJson(text: string): JsonParseResult {
  const parser = new Parser(text);
  const lines = new LineIndex(text);
  let root: Node;
  try {
    root = parser.parseDocument();
  } catch (thrown) {
    if (!(thrown instanceof SyntaxFailure)) throw thrown;
    return { ok: false, error: { message: thrown.message, kind: thrown.kind, ...lines.position(thrown.offset) } };
  }
  const duplicateKeys = parser.duplicates.map((d) => ({ path: d.path, key: d.key, position: lines.position(d.offset) }));
  return {
    ok: true,
    json: {
      value: parser.value,
      duplicateKeys,
      locate(path) {
        let node: Node | undefined = root;
        for (const segment of path) {
          node = typeof segment === "number" ? node.items?.[segment] : node.members?.get(segment);
          if (!node) return undefined;
        }
        const value = lines.position(node.start);
        return node.keyStart >= 0 ? { key: lines.position(node.keyStart), value } : { value };
      },
    },
  };
}

// A JSON syntax error said as a person would: "Line 1: the JSON ends before the statement list is
// closed — add `]}`." The parser (json.ts) says what it expected at an offset; this re-reads the text
// up to that offset to learn what was still open (the policy, the statement list, statement 2, the
// Condition block), what came just before, and so where the fix goes and what to type. It runs only
// when the text does not parse, so the extra pass costs nothing while the policy is valid.

import type { JsonSyntaxError } from "./json";
import { LineIndex } from "./sourcePosition";

export interface JsonSyntaxProblem {
  readonly message: string;
  /** Where the fix goes: the token to change, or the last character before what is missing. */
  readonly line: number;
  readonly column: number;
}

interface Open {
  readonly closer: "}" | "]";
  /** The member name this object or array is the value of. */
  readonly key?: string;
  /** Its place in the array that holds it. */
  readonly index?: number;
  items: number;
}

interface Token {
  readonly start: number;
  readonly text: string;
}

/** What the text up to `end` left open, and the last token, key and comma before it. */
interface Scan {
  readonly open: Open[];
  /** The string being read when the scan stopped, if any. */
  readonly stringStart?: number;
  readonly lastToken?: Token;
  /** The last key read (a string followed by a colon). */
  readonly lastKey?: string;
  readonly lastComma?: number;
  /** The last character that is not white space. */
  readonly lastSignificant?: number;
}

const WORD = /[\w.+-]/;
const MAX_SHOWN = 40;

function scan(text: string, end: number): Scan {
  const open: Open[] = [];
  let stringStart: number | undefined;
  let lastToken: Token | undefined;
  let lastString: string | undefined;
  let lastKey: string | undefined;
  let pendingKey: string | undefined;
  let lastComma: number | undefined;
  let lastSignificant: number | undefined;
  for (let i = 0; i < end; i++) {
    const c = text[i]!;
    if (stringStart !== undefined) {
      if (c === "\\") i++;
      else if (c === '"') {
        lastToken = { start: stringStart, text: text.slice(stringStart, i + 1) };
        lastString = text.slice(stringStart + 1, i);
        stringStart = undefined;
      }
      lastSignificant = i;
      continue;
    }
    if (c === " " || c === "\n" || c === "\r" || c === "\t") continue;
    lastSignificant = i;
    const top = open.at(-1);
    if (c === '"') stringStart = i;
    else if (c === ":") {
      pendingKey = lastString;
      lastKey = lastString;
    } else if (c === ",") {
      lastComma = i;
      if (top) top.items++;
      pendingKey = undefined;
    } else if (c === "{" || c === "[") {
      open.push({ closer: c === "{" ? "}" : "]", key: top?.closer === "}" ? pendingKey : undefined, index: top?.closer === "]" ? top.items : undefined, items: 0 });
      pendingKey = undefined;
    } else if (c === "}" || c === "]") {
      open.pop();
      lastToken = { start: i, text: c };
    } else if (WORD.test(c)) {
      let j = i;
      while (j < end && WORD.test(text[j]!)) j++;
      lastToken = { start: i, text: text.slice(i, j) };
      lastSignificant = j - 1;
      i = j - 1;
    }
  }
  return { open, stringStart, lastToken, lastKey, lastComma, lastSignificant };
}

const shorten = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text);
const code = (text: string) => `\`${shorten(text)}\``;

/** "the policy", "the statement list", "statement 2", "the Condition block", … */
function describe(open: readonly Open[], depth = open.length - 1): string {
  const entry = open[depth];
  if (!entry) return "the policy";
  const parent = open[depth - 1];
  const key = entry.key === undefined ? undefined : shorten(entry.key);
  if (depth === 0) return entry.closer === "}" ? "the policy" : "the list";
  if (entry.closer === "]") {
    if (entry.key === "Statement") return "the statement list";
    return key === undefined ? "the list" : `the ${key} list`;
  }
  if (parent?.closer === "]" && parent.key === "Statement" && entry.index !== undefined) return `statement ${entry.index + 1}`;
  if (entry.key === "Statement") return "the statement";
  if (entry.key === "Condition") return "the Condition block";
  if (parent?.key === "Condition" && key !== undefined) return `the ${key} condition`;
  return key === undefined ? "the object" : `the ${key} element`;
}

const closers = (open: readonly Open[]) => open.map((o) => o.closer).reverse().join("");

/** The token that starts at `offset`: a quoted string (to the end of its line), a word, or one character. */
function tokenAt(text: string, offset: number): string {
  const c = text[offset];
  if (c === undefined) return "";
  if (c === '"' || c === "'") {
    const close = text.indexOf(c, offset + 1);
    const lineEnd = text.indexOf("\n", offset);
    const stop = close === -1 || (lineEnd !== -1 && lineEnd < close) ? (lineEnd === -1 ? text.length : lineEnd) : close + 1;
    return text.slice(offset, stop).trimEnd();
  }
  if (WORD.test(c)) {
    let j = offset;
    while (j < text.length && WORD.test(text[j]!)) j++;
    return text.slice(offset, j);
  }
  return c;
}

export function jsonSyntaxProblem(text: string, error: JsonSyntaxError): JsonSyntaxProblem {
  const lines = new LineIndex(text);
  const at = (offset: number, message: string): JsonSyntaxProblem => {
    const { line, column } = lines.position(Math.max(0, Math.min(offset, text.length)));
    return { message: `Line ${line}: ${message}`, line, column };
  };
  if (error.kind === "empty") {
    return { message: 'The policy is empty: write a JSON object, such as {"Version": "2012-10-17", "Statement": []}.', line: error.line, column: error.column };
  }
  const s = scan(text, Math.min(error.offset, text.length));
  const where = describe(s.open);
  const token = tokenAt(text, error.offset);

  if (s.stringStart !== undefined && (error.kind === "unterminated-string" || error.kind === "control-character")) {
    const started = tokenAt(text, s.stringStart);
    const c = text[error.offset];
    if (c === "\t") return at(error.offset, "a tab inside a string must be written `\\t`.");
    if (error.kind === "control-character" && c !== "\n" && c !== "\r") return at(error.offset, "a control character inside a string must be written as an escape such as `\\u0001`.");
    return at(s.stringStart, `the string ${code(started)} is not closed — add a closing \`"\`.`);
  }

  if (error.offset >= text.length) {
    const last = s.lastSignificant ?? 0;
    const add = closers(s.open);
    if (text[last] === ",") return at(last, `the JSON ends after a comma — remove the comma, then add ${code(add)} to close ${where}.`);
    if (text[last] === ":" && s.lastKey !== undefined) return at(last, `the JSON ends before the value of ${code(`"${s.lastKey}"`)} — add a value, then ${code(add)}.`);
    return at(last, `the JSON ends before ${where} is closed — add ${code(add)}.`);
  }

  const quoted = (word: string) => code(`"${word.replace(/^'|'$/g, "")}"`);
  switch (error.kind) {
    case "trailing-comma":
      return at(s.lastComma ?? error.offset, `remove the comma before ${code(token)} — nothing may follow the last item of ${where}.`);
    case "expected-comma": {
      const top = s.open.at(-1);
      if ((token === "}" || token === "]") && top && top.closer !== token) {
        return at(error.offset, `${code(token)} cannot close ${where} — close it with ${code(top.closer)} first.`);
      }
      const previous = s.lastToken;
      if (!previous) return at(error.offset, `a comma is missing before ${code(token)}.`);
      if (/^-?0$/.test(previous.text) && /^\d/.test(token)) return at(previous.start, `a number cannot start with 0: write ${code(previous.text.replace("0", "") + token)}, not ${code(previous.text + token)}.`);
      return at(previous.start, `a comma is missing between ${code(previous.text)} and ${code(token)} — add \`,\` after ${code(previous.text)}.`);
    }
    case "expected-key":
      if (token.startsWith("'")) return at(error.offset, `JSON needs double quotes: write ${quoted(token)} instead of ${code(token)}.`);
      if (WORD.test(token[0] ?? "")) return at(error.offset, `put the key ${code(token)} in double quotes: ${quoted(token)}.`);
      return at(error.offset, `${where} needs a key in double quotes here, not ${code(token)}.`);
    case "expected-colon":
      return at(error.offset, `add a colon after the key ${code(`"${tokenBefore(s)}"`)}.`);
    case "expected-value": {
      if (token.startsWith("'")) return at(error.offset, `JSON needs double quotes: write ${quoted(token)} instead of ${code(token)}.`);
      const lower = token.toLowerCase();
      if (lower === "true" || lower === "false" || lower === "null") return at(error.offset, `write ${code(lower)} in lower case.`);
      if (/^[a-z_]/i.test(token)) return at(error.offset, `put ${code(token)} in double quotes: ${quoted(token)} (only true, false and null are written without them).`);
      if ((token === "," || token === "}" || token === "]") && text[s.lastSignificant ?? -1] === ":" && s.lastKey !== undefined) {
        return at(error.offset, `${code(`"${s.lastKey}"`)} has no value — write one after its colon.`);
      }
      if (token === ",") return at(error.offset, "there is a comma with nothing before it — remove it.");
      return at(error.offset, `${code(token)} cannot start a value — a value is a string in double quotes, a number, true, false, null, an object {…} or a list […].`);
    }
    case "after-end":
      if (token === "}" || token === "]") return at(error.offset, `there is an extra ${code(token)} after the end of the policy — remove it.`);
      return at(error.offset, `more text follows the end of the policy (${code(token)}) — remove it, or move it inside the policy's braces.`);
    case "invalid-escape":
      return at(error.offset, `${code(text.slice(error.offset, error.offset + 2))} is not an escape JSON knows — write \`\\\\\` for a backslash.`);
    case "invalid-number":
      return at(error.offset, `this number is not one JSON can read: ${error.message.replace(/^Invalid number: /, "")}.`);
    case "too-deep":
      return at(error.offset, "the JSON is nested far deeper than a policy needs — check for brackets opened by mistake.");
    default:
      return at(error.offset, `${error.message}.`);
  }
}

/** The key just read before a missing colon: the last complete string. */
function tokenBefore(s: Scan): string {
  const text = s.lastToken?.text ?? "";
  return text.startsWith('"') ? text.slice(1, -1) : text;
}

// Wildcard matching as IAM does it: `*` matches any run of characters (including `/` and `:`), `?`
// matches exactly one, and nothing else has a special meaning (`.`, `+`, `[` are literal). Patterns
// are compiled once into the cheapest test that decides them, because statement matching is the
// engine's hot path.

/** A pattern piece: text whose `*`/`?` are wildcards, or text that must match literally. */
export interface PatternPart {
  readonly text: string;
  readonly literal: boolean;
}

export type Matcher = (value: string) => boolean;

const STAR = 1;
const ONE = 2;
// In the first five segments of an ARN pattern a wildcard stays inside its segment: IAM compares
// the six colon-separated parts one by one, so `*` and `?` there never consume a `:`.
const STAR_IN_SEGMENT = 3;
const ONE_IN_SEGMENT = 4;
const COLON = 58;

/** A compiled pattern: the characters, and which of them are wildcards. */
interface GlobProgram {
  readonly chars: string;
  readonly kinds: Uint8Array;
}

/**
 * How a pattern is compared: as plain text; as an ARN (the ARN condition operators: "each of the six
 * colon-delimited components of the ARN is checked separately"); or as the Resource element's ARN,
 * where a final `*` may also run past colons.
 */
export type PatternKind = "text" | "arn" | "resource-arn";

function program(parts: readonly PatternPart[], kind: PatternKind): GlobProgram {
  let chars = "";
  for (const part of parts) chars += part.text;
  const kinds = new Uint8Array(chars.length);
  const bounded = kind !== "text" && chars.startsWith("arn:");
  let colons = 0;
  let at = 0;
  for (const part of parts) {
    // Code units, not code points: the matcher walks the value with charCodeAt.
    for (let i = 0; i < part.text.length; i++, at++) {
      const code = part.text.charCodeAt(i);
      const inSegment = bounded && colons < 5;
      if (code === COLON) colons++;
      if (part.literal) continue;
      // IAM: "If the * wildcard is the last character of a resource ARN segment, it can expand to
      // match beyond the colon boundaries" — so a pattern's final `*` is never segment-bound.
      const last = kind === "resource-arn" && at === chars.length - 1;
      if (code === 42) kinds[at] = inSegment && !last ? STAR_IN_SEGMENT : STAR;
      else if (code === 63) kinds[at] = inSegment ? ONE_IN_SEGMENT : ONE;
    }
  }
  return { chars, kinds };
}

/** Linear-time glob match with single-star backtracking (the classic two-pointer algorithm). */
function runGlob({ chars, kinds }: GlobProgram, value: string): boolean {
  const plen = chars.length;
  const vlen = value.length;
  let p = 0;
  let v = 0;
  let starP = -1;
  let starV = 0;
  while (v < vlen) {
    if (p < plen) {
      const kind = kinds[p];
      if (kind === STAR || kind === STAR_IN_SEGMENT) {
        starP = p++;
        starV = v;
        continue;
      }
      const code = value.charCodeAt(v);
      if (kind === ONE || (kind === ONE_IN_SEGMENT && code !== COLON) || (kind === 0 && chars.charCodeAt(p) === code)) {
        p++;
        v++;
        continue;
      }
    }
    if (starP < 0) return false;
    // A segment-bound star cannot grow past a colon, and no earlier star can help: they are bound too.
    if (kinds[starP] === STAR_IN_SEGMENT && value.charCodeAt(starV) === COLON) return false;
    p = starP + 1;
    v = ++starV;
  }
  while (p < plen && (kinds[p] === STAR || kinds[p] === STAR_IN_SEGMENT)) p++;
  return p === plen;
}

/**
 * `value.startsWith(prefix)`, comparing from the prefix's end: ARN patterns in one account share
 * long heads (`arn:aws:iam::123456789012:user/`) and differ near the end, so mismatches show early.
 */
function startsWithFromEnd(value: string, prefix: string): boolean {
  if (value.length < prefix.length) return false;
  for (let i = prefix.length - 1; i >= 0; i--) if (value.charCodeAt(i) !== prefix.charCodeAt(i)) return false;
  return true;
}

/** True when the pattern text (read as a wildcard pattern) contains `*` or `?`. */
export function hasWildcard(text: string): boolean {
  return text.includes("*") || text.includes("?");
}

/**
 * Compiles a pattern made of parts; the fast paths cover the shapes real policies use.
 */
export function compileParts(parts: readonly PatternPart[], kind: PatternKind = "text"): Matcher {
  const prog = program(parts, kind);
  const { chars, kinds } = prog;
  let stars = 0;
  let others = 0; // `?` and segment-bound wildcards: the prefix/suffix shortcuts below do not apply
  for (const k of kinds) {
    if (k === STAR) stars++;
    else if (k !== 0) others++;
  }
  if (stars === 0 && others === 0) return (value) => value === chars;
  if (others === 0 && stars === 1) {
    if (chars.length === 1) return () => true;
    if (kinds[chars.length - 1] === STAR) {
      const prefix = chars.slice(0, -1);
      return (value) => startsWithFromEnd(value, prefix);
    }
    if (kinds[0] === STAR) {
      const suffix = chars.slice(1);
      return (value) => value.endsWith(suffix);
    }
  }
  // Most patterns that need the full algorithm still start and end with literal text; checking
  // those first rejects the typical non-matching ARN without walking it.
  let head = 0;
  while (head < kinds.length && kinds[head] === 0) head++;
  let tail = kinds.length;
  while (tail > head && kinds[tail - 1] === 0) tail--;
  const prefix = chars.slice(0, head);
  const suffix = chars.slice(tail);
  const minLength = prefix.length + suffix.length;
  return (value) => value.length >= minLength && value.endsWith(suffix) && startsWithFromEnd(value, prefix) && runGlob(prog, value);
}

/**
 * Case-insensitive wildcard match of a raw pattern against an already lower-cased value, without
 * compiling or allocating: action patterns are matched once per (policy set, action) and then
 * cached, so a compiled matcher would cost more than it saves. ASCII letters are folded, which is
 * all IAM action names contain.
 */
export function matchesFolded(pattern: string, lowerValue: string): boolean {
  const plen = pattern.length;
  const vlen = lowerValue.length;
  let p = 0;
  let v = 0;
  let starP = -1;
  let starV = 0;
  while (v < vlen) {
    if (p < plen) {
      let code = pattern.charCodeAt(p);
      if (code === 42) {
        starP = p++;
        starV = v;
        continue;
      }
      if (code >= 65 && code <= 90) code += 32;
      if (code === 63 || code === lowerValue.charCodeAt(v)) {
        p++;
        v++;
        continue;
      }
    }
    if (starP < 0) return false;
    p = starP + 1;
    v = ++starV;
  }
  while (p < plen && pattern.charCodeAt(p) === 42) p++;
  return p === plen;
}

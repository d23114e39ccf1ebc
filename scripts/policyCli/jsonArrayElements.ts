// Splits a JSON array arriving in chunks into the text of its top-level elements, so the CLI can
// parse, evaluate and print one case at a time: a file of a million cases never sits in memory.
// The scanner only tracks what decides where an element ends (strings with their escapes, and the
// nesting of arrays and objects); each element's own syntax is left to JSON.parse.
//
// On the way it notes where each element's documents are: the objects reached from the element
// through arrays only (a case's policies: `identityPolicies[i]`, `resourcePolicy`,
// `serviceControlPolicies[i][j]`, …). Cases usually repeat the same policies: a document whose
// text the memo already knows is skipped over in one comparison, and parsed once (caseReader.ts).

import type { DocumentMemo } from "./documentMemo";

/** The input is not a JSON array (or stops being JSON between elements). */
export class ArrayInputError extends Error {}

export interface ArrayElement {
  readonly text: string;
  /**
   * Start and end offsets (in `text`, end exclusive), in pairs, of the element's documents at least
   * DOCUMENT_MIN_CHARS long: objects nested in the element with only arrays between them and it.
   */
  readonly documents: readonly number[];
  /** Each document's text, when it lay within one input chunk (else the reader cuts it from `text`). */
  readonly documentTexts: readonly (string | undefined)[];
}

/** Smaller objects (a request context, a tiny policy) are cheaper to parse in place than to look up. */
export const DOCUMENT_MIN_CHARS = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

// Where the scanner is: before the opening bracket, between elements (expecting an element or the
// closing bracket), inside an element, after an element (expecting a comma or the closing bracket),
// or past the closing bracket (only whitespace may follow).
const enum Where {
  Start,
  BeforeElement,
  InElement,
  AfterElement,
  End,
}

/**
 * Yields each top-level element of the JSON array read from `chunks`. Throws ArrayInputError when
 * the input is not an array or its structure between elements is broken; an element that is not
 * valid JSON is yielded as it is, for the caller's JSON.parse to reject.
 */
export async function* jsonArrayElements(chunks: AsyncIterable<string>, memo: DocumentMemo): AsyncGenerator<ArrayElement> {
  let where = Where.Start as Where; // (as: assigned inside the loop, which TypeScript does not follow)
  let afterComma = false;
  // Inside the current element: its nesting depth (1 inside its own brackets), whether in a
  // string, whether the last character was a backslash in one.
  let depth = 0;
  let inString = false;
  let escaped = false;
  let pieces: string[] = []; // the current element's text from earlier chunks
  let base = 0; // the current element's characters in earlier chunks
  let documents: number[] = [];
  let documentTexts: (string | undefined)[] = [];
  let documentChunkStart = -1; // where the document being scanned starts in this chunk (-1: an earlier one)
  let documentStart = -1; // offset in the element of the document being scanned, if any
  let documentDepth = 0; // the depth its opening brace raised the nesting to
  let offset = 0; // characters consumed before the current chunk, for messages

  const syntax = (at: number, what: string) => new ArrayInputError(`the input is not JSON: ${what} at character ${at + 1}.`);

  for await (const chunk of chunks) {
    let start = 0; // where the current element starts in this chunk
    let nextSlash = -2; // the next backslash at or after i (-1: none left in this chunk; -2: not looked for)
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (where === Where.InElement) {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) inString = false;
          else {
            // Most of a case is string contents: jump to the next quote or backslash.
            if (nextSlash !== -1 && nextSlash < i) nextSlash = chunk.indexOf("\\", i);
            const quote = chunk.indexOf('"', i);
            const next = quote < 0 ? nextSlash : nextSlash < 0 ? quote : Math.min(quote, nextSlash);
            i = (next < 0 ? chunk.length : next) - 1;
          }
          continue;
        }
        if (c === QUOTE) inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          // Outside a document only arrays lie between the element and this point, so an object
          // opening below the element's own level starts a document.
          if (c === OPEN_BRACE && depth >= 1 && documentStart < 0) {
            const known = memo.match(chunk, i);
            if (known !== undefined) {
              documents.push(base + i - start, base + i - start + known.length);
              documentTexts.push(known);
              i += known.length - 1;
              continue;
            }
            documentStart = base + i - start;
            documentChunkStart = i;
            documentDepth = depth + 1;
          }
          depth++;
        } else if (depth > 0 && (c === CLOSE_BRACE || c === CLOSE_BRACKET)) {
          if (depth === documentDepth && documentStart >= 0) {
            const end = base + i - start + 1;
            if (end - documentStart >= DOCUMENT_MIN_CHARS) {
              documents.push(documentStart, end);
              const text = documentChunkStart >= 0 ? chunk.slice(documentChunkStart, i + 1) : undefined;
              documentTexts.push(text);
              if (text !== undefined) memo.remember(text);
            }
            documentStart = -1;
          }
          depth--;
        } else if (depth === 0 && (c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE || isSpace(c))) {
          pieces.push(chunk.slice(start, i));
          const text = pieces.length === 1 ? pieces[0]! : pieces.join("");
          const element: ArrayElement = { text, documents, documentTexts };
          pieces = [];
          documents = [];
          documentTexts = [];
          where = Where.AfterElement;
          yield element;
          i--; // look at the delimiter again as the character after the element
        }
        continue;
      }
      if (isSpace(c)) continue;
      switch (where) {
        case Where.Start:
          if (c !== OPEN_BRACKET) {
            // Anything JSON can start with is JSON, just not an array of cases.
            const json = c === OPEN_BRACE || c === QUOTE || c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e;
            throw json ? new ArrayInputError("the input must be a JSON array of cases.") : syntax(offset + i, "unexpected character");
          }
          where = Where.BeforeElement;
          break;
        case Where.BeforeElement:
          if (c === CLOSE_BRACKET && !afterComma) where = Where.End;
          else if (c === COMMA || c === CLOSE_BRACKET) throw syntax(offset + i, `unexpected "${chunk[i]}"`);
          else {
            where = Where.InElement;
            start = i;
            base = 0;
            depth = 0;
            documentStart = -1;
            documentDepth = 0;
            i--; // the element's first character is scanned as part of it
          }
          break;
        case Where.AfterElement:
          if (c === COMMA) {
            where = Where.BeforeElement;
            afterComma = true;
          } else if (c === CLOSE_BRACKET) where = Where.End;
          else throw syntax(offset + i, `expected "," or "]" after an element`);
          break;
        case Where.End:
          throw syntax(offset + i, "text after the closing bracket");
      }
    }
    documentChunkStart = -1; // a document still open continues into the next chunk
    if (where === Where.InElement) {
      const rest = start === 0 ? chunk : chunk.slice(start);
      pieces.push(rest);
      base += rest.length;
    }
    offset += chunk.length;
  }
  if (where === Where.Start) throw syntax(offset, "no input");
  if (where !== Where.End) throw syntax(offset, "the array is not closed");
}

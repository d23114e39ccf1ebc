// Decoding a Query request's `application/x-www-form-urlencoded` body into ordered key/value
// pairs. The two clients encode differently and both must work: the AWS CLI writes spaces as `+`
// and sends `; charset=utf-8`, the JS SDK writes `%20` and sends no charset. Decoding is strict:
// a malformed escape or bytes that are not UTF-8 refuse the request instead of guessing, because
// the body is also what the signature covers and a lenient decoder would act on other bytes than
// the ones the client meant.

import { QueryError } from "./errors";

export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

/** A body that is not a well-formed form encoding. AWS answers it with MalformedQueryString. */
export class FormBodyError extends QueryError {
  constructor(
    message: string,
    /** Where in the body (a character offset) the problem is. */
    readonly offset: number,
  ) {
    super("MalformedQueryString", message);
  }
}

export interface FormPair {
  readonly key: string;
  readonly value: string;
}

/**
 * Whether a Content-Type header names a form body Portcullis can read: the media type, with no
 * charset or a UTF-8 one (the only charset either client sends, and the only one AWS reads).
 */
export function isFormContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [mediaType, ...params] = contentType.split(";").map((part) => part.trim());
  if (mediaType!.toLowerCase() !== FORM_CONTENT_TYPE) return false;
  return params.every((param) => {
    const eq = param.indexOf("=");
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== "charset") return true;
    const charset = param.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1").toLowerCase();
    return charset === "utf-8" || charset === "utf8";
  });
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

const HEX = /^[0-9A-Fa-f]{2}$/;

/** One key or value: `+` is a space, `%XX` a byte; the bytes must be UTF-8. */
function decodeComponent(text: string, offset: number): string {
  if (!text.includes("%") && !text.includes("+")) return text;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "+") {
      bytes.push(0x20);
    } else if (c === "%") {
      const hex = text.slice(i + 1, i + 3);
      if (!HEX.test(hex)) throw new FormBodyError(`Malformed percent-encoding at offset ${offset + i}: "%${hex}" is not a %XX escape.`, offset + i);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      // Characters a client should have escaped but did not: take them as their UTF-8 bytes.
      const code = text.codePointAt(i)!;
      const char = String.fromCodePoint(code);
      for (const b of encoder.encode(char)) bytes.push(b);
      i += char.length - 1;
    }
  }
  try {
    return UTF8.decode(Uint8Array.from(bytes));
  } catch {
    throw new FormBodyError(`Malformed percent-encoding at offset ${offset}: the escapes are not UTF-8.`, offset);
  }
}

/**
 * The body's pairs in the order they were sent. Empty segments (`a=1&&b=2`, a trailing `&`) are
 * skipped, as form decoders do; a segment without `=` is a key with an empty value. Duplicates are
 * kept: the member reader decides what they mean.
 */
export function decodeFormBody(body: string | Uint8Array): FormPair[] {
  let text: string;
  if (typeof body === "string") {
    text = body;
  } else {
    try {
      text = UTF8.decode(body);
    } catch {
      throw new FormBodyError("The request body is not UTF-8.", 0);
    }
  }
  const pairs: FormPair[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("&", start);
    if (end < 0) end = text.length;
    if (end > start) {
      const segment = text.slice(start, end);
      const eq = segment.indexOf("=");
      const rawKey = eq < 0 ? segment : segment.slice(0, eq);
      const rawValue = eq < 0 ? "" : segment.slice(eq + 1);
      pairs.push({ key: decodeComponent(rawKey, start), value: decodeComponent(rawValue, start + eq + 1) });
    }
    start = end + 1;
  }
  return pairs;
}

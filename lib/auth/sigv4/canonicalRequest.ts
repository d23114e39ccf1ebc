// The arithmetic of Signature Version 4, on the verifying side: rebuild the client's canonical request
// from what arrived, the string to sign, the signing key and the signature, then compare. Pure
// (node:crypto only, no database), so it is tested against the SDK's own signer without a server.
//
// What is rebuilt from the request and what is taken from the client's Authorization header matters:
// the headers are the ones the client names in its own SignedHeaders (the CLI signs
// content-type;host;x-amz-date, the JS SDK nearly every header it sends), and the payload hash is
// always ours, of the body exactly as received. A client's x-amz-content-sha256 claim is never
// believed: if it differs from the body, the canonical request differs and the signature fails.

import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";
/** The last element of every credential scope. */
export const SCOPE_TERMINATOR = "aws4_request";

/** Headers as the server received them: a fetch Headers, or Node's lower-cased header object. */
export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The parts of an HTTP request a signature covers, exactly as they arrived. */
export interface SignableRequest {
  readonly method: string;
  /** The request path as sent, still percent-encoded ("/", "/sts/"). */
  readonly path: string;
  /** The raw query string, without "?" ("" when there is none). */
  readonly query: string;
  readonly headers: HeaderSource;
  /** The body's bytes as received (a string is taken as its UTF-8 bytes). */
  readonly body: Uint8Array | string;
}

/** The credential scope: DATE/REGION/SERVICE/aws4_request. */
export interface CredentialScope {
  /** YYYYMMDD */
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

export function scopeString(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}/${SCOPE_TERMINATOR}`;
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** One header's values, joined by commas as SigV4 canonicalises repeated headers; undefined when absent. */
export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === "string" ? value : value.join(",");
  }
  return undefined;
}

/**
 * RFC 3986 percent-encoding as SigV4 specifies it: every byte except the unreserved characters
 * A-Z a-z 0-9 - _ . ~ becomes %XX with upper-case hex (so a space is %20, never +).
 */
export function uriEncode(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Percent-decoding that never throws: a malformed escape stays as it was sent. */
function decodeLoosely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The canonical URI: the path normalised as RFC 3986 does (empty, "." and ".." segments removed) and
 * then URI-encoded once more. Every service but S3 encodes twice, so "%20" as sent becomes "%2520".
 */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailingSlash = segments.length > 0 && path.endsWith("/");
  return `/${segments.map(uriEncode).join("/")}${trailingSlash ? "/" : ""}`;
}

/**
 * The canonical query string: each name and value decoded from what was sent, encoded again the
 * SigV4 way, sorted by name then value, and joined with "&". A parameter without "=" counts as an
 * empty value. A "+" is read as a space, as form decoding reads it (SigV4 clients never send one).
 */
export function canonicalQuery(query: string): string {
  if (query === "") return "";
  const pairs = query
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      const [name, value] = eq === -1 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
      const decode = (text: string) => decodeLoosely(text.replace(/\+/g, " "));
      return [uriEncode(decode(name)), uriEncode(decode(value))] as const;
    });
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join("&");
}

/** A header value as SigV4 canonicalises it: trimmed, with each run of spaces collapsed to one. */
export function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/ +/g, " ");
}

/**
 * The canonical headers block: one "name:value\n" line per signed header, in the order the client
 * listed them (its SignedHeaders, lower-case and sorted as SigV4 requires). A header the client
 * signed but the request lacks counts as empty, so the signature simply fails to match.
 */
export function canonicalHeaders(headers: HeaderSource, signedHeaders: readonly string[]): string {
  return signedHeaders.map((name) => `${name}:${canonicalHeaderValue(headerValue(headers, name) ?? "")}\n`).join("");
}

/** The canonical request, from the request as received and the client's own SignedHeaders list. */
export function canonicalRequest(request: SignableRequest, signedHeaders: readonly string[]): string {
  return [
    request.method.toUpperCase(),
    canonicalUri(request.path),
    canonicalQuery(request.query),
    canonicalHeaders(request.headers, signedHeaders),
    signedHeaders.join(";"),
    sha256Hex(request.body),
  ].join("\n");
}

/** The string to sign: algorithm, the request's timestamp (YYYYMMDDTHHMMSSZ), scope, hash of the canonical request. */
export function stringToSign(amzDate: string, scope: CredentialScope, canonical: string): string {
  return [SIGV4_ALGORITHM, amzDate, scopeString(scope), sha256Hex(canonical)].join("\n");
}

const hmac = (key: Uint8Array | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** The signing key: HMAC chain from "AWS4" + secret through date, region and service to "aws4_request". */
export function signingKey(secretAccessKey: string, scope: CredentialScope): Buffer {
  const dateKey = hmac(`AWS4${secretAccessKey}`, scope.date);
  const regionKey = hmac(dateKey, scope.region);
  const serviceKey = hmac(regionKey, scope.service);
  return hmac(serviceKey, SCOPE_TERMINATOR);
}

/** The signature: lower-case hex HMAC-SHA256 of the string to sign under the signing key. */
export function signature(key: Uint8Array, toSign: string): string {
  return createHmac("sha256", key).update(toSign, "utf8").digest("hex");
}

/**
 * Whether the client's signature equals ours, in time that does not depend on where they differ
 * (only on the length, which is public: every SigV4 signature is 64 hex characters).
 */
export function signaturesMatch(expected: string, provided: string): boolean {
  const [a, b] = [Buffer.from(expected, "utf8"), Buffer.from(provided, "utf8")];
  return a.length === b.length && timingSafeEqual(a, b);
}

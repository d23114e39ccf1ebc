// The facts about an HTTP request that the audit log and policy conditions use: the client's IP
// address (aws:SourceIp), its user agent (aws:UserAgent) and whether it arrived over TLS
// (aws:SecureTransport). The App Router shows us headers only, and every header a client sends is
// its own choice, so the address and protocol come from the server `npm start` runs
// (scripts/server): it takes them from the socket (or a trusted proxy), removes any client-sent
// copies, and hands them over in internal headers with a token known only to this process. Without
// the token (a plain `next start`, or a client guessing the header names) they are unknown: no
// address and not secure, which conditions such as NotIpAddress and Bool aws:SecureTransport treat
// as the strictest answer.

import { randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Imported when first used: the server imports this module's header contract before Next has set up
 * the request storage that next/headers needs at load time.
 */
async function requestHeaders(): Promise<Headers> {
  const { headers } = await import("next/headers");
  return headers();
}

export interface RequestInfo {
  readonly sourceIp?: string;
  readonly userAgent?: string;
  readonly secureTransport?: boolean;
}

/** The headers the server sets on every request it passes to Next. */
export const VOUCHED_HEADERS = {
  token: "x-portcullis-request-token",
  sourceIp: "x-portcullis-source-ip",
  secureTransport: "x-portcullis-secure-transport",
  /** The path as the client sent it, when the server normalised it for routing (the API's `/sts/`). */
  originalPath: "x-portcullis-original-path",
} as const;

/** Every header under this prefix is the server's: it drops whatever a client sent under it. */
export const VOUCHED_HEADER_PREFIX = "x-portcullis-";

// The server and the app's bundled modules are separate module instances in one process, so the
// token lives on the process-wide symbol registry rather than in a module variable.
const TOKEN = Symbol.for("portcullis.requestToken");
const holder = globalThis as { [TOKEN]?: string };

/** The token the server's internal headers carry; created on the first call, then the same for the process. */
export function requestToken(): string {
  holder[TOKEN] ??= randomBytes(32).toString("base64url");
  return holder[TOKEN];
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name];
  return Array.isArray(value) ? value[0] : value;
}

function vouched(source: HeaderSource): boolean {
  const expected = holder[TOKEN];
  const sent = header(source, VOUCHED_HEADERS.token);
  if (expected === undefined || sent === undefined) return false;
  const [a, b] = [Buffer.from(sent), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

export function requestInfoFrom(source: HeaderSource): RequestInfo {
  const userAgent = header(source, "user-agent") || undefined;
  if (!vouched(source)) return { sourceIp: undefined, userAgent, secureTransport: false };
  const sourceIp = header(source, VOUCHED_HEADERS.sourceIp) || undefined;
  return { sourceIp, userAgent, secureTransport: header(source, VOUCHED_HEADERS.secureTransport) === "true" };
}

/**
 * The path the client sent, which a SigV4 signature covers: the server hands Next `/sts` for a
 * client's `/sts/` (Next would redirect it) and vouches for the original here.
 */
export function requestPathFrom(source: HeaderSource, routed: string): string {
  return (vouched(source) && header(source, VOUCHED_HEADERS.originalPath)) || routed;
}

/** The current request's info, inside a server component, route handler or server action. */
export async function currentRequestInfo(): Promise<RequestInfo> {
  return requestInfoFrom(await requestHeaders());
}

/**
 * The origin people reach this console at, for links they copy elsewhere (the IAM-user sign-in URL):
 * the configured public URL. Only without one (a plain `next start`) the Host the browser used.
 */
export async function currentOrigin(): Promise<string> {
  const configured = process.env.NEXTAUTH_URL;
  if (configured && URL.canParse(configured)) return new URL(configured).origin;
  const list = await requestHeaders();
  return `${requestInfoFrom(list).secureTransport ? "https" : "http"}://${list.get("host") ?? "localhost"}`;
}

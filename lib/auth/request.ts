// The facts about an HTTP request that the audit log and policy conditions use: the client's IP
// address (aws:SourceIp), its user agent (aws:UserAgent) and whether it arrived over TLS
// (aws:SecureTransport). Read from headers, because that is all the App Router gives us.

import { headers } from "next/headers";

export interface RequestInfo {
  readonly sourceIp?: string;
  readonly userAgent?: string;
  readonly secureTransport?: boolean;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The client is the first hop of X-Forwarded-For. Next's server fills that header with the socket's
 * remote address when no proxy set it, so it also covers direct connections. Behind a proxy the
 * proxy must overwrite (not append to) a client-sent X-Forwarded-For, or the first hop is spoofable.
 */
export function requestInfoFrom(source: HeaderSource): RequestInfo {
  const forwardedFor = header(source, "x-forwarded-for")?.split(",")[0]?.trim();
  const sourceIp = forwardedFor || header(source, "x-real-ip")?.trim() || undefined;
  const userAgent = header(source, "user-agent") || undefined;
  const proto = header(source, "x-forwarded-proto")?.split(",")[0]?.trim();
  return { sourceIp: sourceIp?.replace(/^::ffff:/, ""), userAgent, secureTransport: proto === "https" };
}

/** The current request's info, inside a server component, route handler or server action. */
export async function currentRequestInfo(): Promise<RequestInfo> {
  return requestInfoFrom(await headers());
}

/** The origin people reach this console at, for links they copy elsewhere (the IAM-user sign-in URL). */
export async function currentOrigin(): Promise<string> {
  const list = await headers();
  const host = list.get("x-forwarded-host")?.split(",")[0]?.trim() || list.get("host") || "localhost";
  const proto = list.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${host}`;
}

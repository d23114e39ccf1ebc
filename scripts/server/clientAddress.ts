// Who is on the other end of a request: the client's address and whether it reached us over TLS.
// By default both come from the socket, so a client cannot choose them. Behind reverse proxies
// (PORTCULLIS_TRUSTED_PROXIES), X-Forwarded-For and X-Forwarded-Proto count only on a connection
// from one of those proxies, and the client is the right-most hop that is not itself a trusted
// proxy: every hop to its left was written by the client (or by an untrusted hop) and proves nothing.

import { ipInBlock, parseIpAddress, parseIpBlock, type IpBlock } from "@/lib/policy/ipAddress";

export interface Connection {
  /** The socket's peer, as Node reports it ("::ffff:127.0.0.1", "::1", …); undefined once the socket is gone. */
  readonly remoteAddress: string | undefined;
  /** Whether the socket itself is TLS. */
  readonly encrypted: boolean;
  readonly forwardedFor: string | undefined;
  readonly forwardedProto: string | undefined;
}

export interface Client {
  /** The client's address; IPv4-mapped IPv6 addresses are written as IPv4. */
  readonly address: string | undefined;
  readonly secure: boolean;
  /** Whether the address and protocol came from a trusted proxy's headers. */
  readonly viaProxy: boolean;
}

/** Parses PORTCULLIS_TRUSTED_PROXIES (comma-separated addresses or CIDR blocks); throws on a malformed entry. */
export function parseTrustedProxies(text: string | undefined): IpBlock[] {
  const entries = (text ?? "").split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  return entries.map((entry) => {
    const block = parseIpBlock(entry);
    if (!block) throw new Error(`PORTCULLIS_TRUSTED_PROXIES: "${entry}" is not an IPv4 or IPv6 address or CIDR block (such as 10.0.0.0/8 or fd00::/8).`);
    return block;
  });
}

/**
 * An address in one spelling (IPv4 dotted, IPv6 as RFC 5952 writes it), so that the throttle counts
 * one client once however a proxy wrote it; undefined when the text is not an IP address.
 */
function normalized(text: string): string | undefined {
  // Node reports link-local peers with their zone ("fe80::1%eth0"); the zone is not part of the address.
  const bytes = parseIpAddress(text.replace(/%[\w.-]+$/, ""));
  if (!bytes) return undefined;
  return bytes.length === 4 ? bytes.join(".") : formatIpv6(bytes);
}

/** RFC 5952: lower-case hex, no leading zeros, the longest run of two or more zero groups as "::". */
function formatIpv6(bytes: Uint8Array): string {
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[i * 2]! << 8) | bytes[i * 2 + 1]!);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

function isTrusted(address: string, trusted: readonly IpBlock[]): boolean {
  const bytes = parseIpAddress(address);
  if (!bytes) return false;
  // A trusted IPv4 proxy may reach a dual-stack socket as ::ffff:a.b.c.d; parseIpAddress already
  // unwrapped it, and an IPv4 block may be configured as an IPv4-mapped IPv6 block.
  return trusted.some((block) => ipInBlock(bytes, block) || (bytes.length === 4 && ipInBlock(mapped(bytes), block)));
}

function mapped(v4: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(16);
  bytes[10] = 0xff;
  bytes[11] = 0xff;
  bytes.set(v4, 12);
  return bytes;
}

function protocolIsHttps(value: string | undefined): boolean | undefined {
  const text = value?.trim().toLowerCase();
  return text === "https" ? true : text === "http" ? false : undefined;
}

export function resolveClient(connection: Connection, trusted: readonly IpBlock[]): Client {
  const socket = connection.remoteAddress === undefined ? undefined : normalized(connection.remoteAddress);
  const direct: Client = { address: socket, secure: connection.encrypted, viaProxy: false };
  if (socket === undefined || !isTrusted(socket, trusted)) return direct;

  const hops = (connection.forwardedFor ?? "").split(",").map((hop) => hop.trim()).filter((hop) => hop !== "");
  if (hops.length === 0) return direct;
  // Walk from the right: the socket's proxy appended the last hop, each trusted hop the one before it.
  let client = socket;
  let steps = 0;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalized(hops[i]!);
    // A malformed hop proves nothing about who is behind it: the nearest proxy is all we know.
    if (hop === undefined) break;
    client = hop;
    steps++;
    if (!isTrusted(hop, trusted)) break;
  }
  return { address: client, secure: forwardedSecure(connection.forwardedProto, steps) ?? connection.encrypted, viaProxy: true };
}

/**
 * X-Forwarded-Proto from the proxies. One value is the edge proxy's (later proxies pass it on); a
 * list has one value per proxy, appended like X-Forwarded-For, so the client's is as many places
 * from the right as its hop was. A value that is missing or neither http nor https counts as no answer.
 */
function forwardedSecure(header: string | undefined, steps: number): boolean | undefined {
  const values = (header ?? "").split(",").map((value) => value.trim()).filter((value) => value !== "");
  if (values.length === 0) return undefined;
  if (values.length === 1) return protocolIsHttps(values[0]);
  return protocolIsHttps(values[values.length - steps]);
}

import { describe, expect, it } from "vitest";
import { parseTrustedProxies, resolveClient, type Connection } from "@/scripts/server/clientAddress";

const none = parseTrustedProxies(undefined);
const proxies = parseTrustedProxies("10.0.0.0/8, 192.0.2.10, fd00::/8");

function connection(remoteAddress: string | undefined, forwardedFor?: string, forwardedProto?: string, encrypted = false): Connection {
  return { remoteAddress, encrypted, forwardedFor, forwardedProto };
}

describe("the client of a direct connection", () => {
  it("is the socket's peer, whatever X-Forwarded-* say", () => {
    expect(resolveClient(connection("198.51.100.4", "203.0.113.7", "https"), none)).toEqual({ address: "198.51.100.4", secure: false, viaProxy: false });
    expect(resolveClient(connection("::1", "203.0.113.7"), none)).toEqual({ address: "::1", secure: false, viaProxy: false });
    expect(resolveClient(connection("198.51.100.4", undefined, undefined, true), none)).toMatchObject({ secure: true });
  });

  it("writes IPv4-mapped IPv6 peers as IPv4 and IPv6 in one spelling", () => {
    expect(resolveClient(connection("::ffff:127.0.0.1"), none).address).toBe("127.0.0.1");
    expect(resolveClient(connection("2001:DB8:0:0:0:0:0:1"), none).address).toBe("2001:db8::1");
    expect(resolveClient(connection("fe80::1%eth0"), none).address).toBe("fe80::1");
  });

  it("ignores the headers when the peer is not a trusted proxy, even with proxies configured", () => {
    expect(resolveClient(connection("198.51.100.4", "203.0.113.7", "https"), proxies)).toEqual({ address: "198.51.100.4", secure: false, viaProxy: false });
    // A trusted proxy's own address as the first hop does not make the sender one.
    expect(resolveClient(connection("198.51.100.4", "10.0.0.1"), proxies).address).toBe("198.51.100.4");
  });

  it("has no address once the socket is gone", () => {
    expect(resolveClient(connection(undefined, "203.0.113.7"), proxies)).toEqual({ address: undefined, secure: false, viaProxy: false });
  });
});

describe("the client behind trusted proxies", () => {
  it("is the right-most hop that is not a trusted proxy", () => {
    expect(resolveClient(connection("10.0.0.2", "198.51.100.4"), proxies)).toMatchObject({ address: "198.51.100.4", viaProxy: true });
    // nginx's $proxy_add_x_forwarded_for appends the peer to what the client sent: the left-most hops are the client's.
    expect(resolveClient(connection("10.0.0.2", "203.0.113.7, 198.51.100.4"), proxies).address).toBe("198.51.100.4");
    expect(resolveClient(connection("10.0.0.2", "203.0.113.7, 1.2.3.4, 198.51.100.4, 10.1.1.1, 192.0.2.10"), proxies).address).toBe("198.51.100.4");
  });

  it("takes IPv6 and IPv4-mapped hops and proxies", () => {
    expect(resolveClient(connection("::ffff:10.0.0.2", "2001:db8::7"), proxies).address).toBe("2001:db8::7");
    expect(resolveClient(connection("fd00::2", "::ffff:198.51.100.4, fd00::3"), proxies).address).toBe("198.51.100.4");
    // An IPv4 proxy block also matches the proxy's IPv4-mapped address, and the reverse.
    expect(resolveClient(connection("::ffff:192.0.2.10", "198.51.100.4"), parseTrustedProxies("::ffff:192.0.2.0/120")).address).toBe("198.51.100.4");
  });

  it("is the left-most hop when every hop is a trusted proxy, and the proxy when there are no hops", () => {
    expect(resolveClient(connection("10.0.0.2", "10.0.0.9, 10.0.0.3"), proxies).address).toBe("10.0.0.9");
    expect(resolveClient(connection("10.0.0.2"), proxies)).toEqual({ address: "10.0.0.2", secure: false, viaProxy: false });
  });

  it("stops at a malformed hop: the nearest proxy is all that is known", () => {
    expect(resolveClient(connection("10.0.0.2", "203.0.113.7, not-an-ip"), proxies).address).toBe("10.0.0.2");
    expect(resolveClient(connection("10.0.0.2", "198.51.100.4, [2001:db8::1]:443, 10.0.0.5"), proxies).address).toBe("10.0.0.5");
    expect(resolveClient(connection("10.0.0.2", "203.0.113.7:80"), proxies).address).toBe("10.0.0.2");
    expect(resolveClient(connection("10.0.0.2", " , ,198.51.100.4,"), proxies).address).toBe("198.51.100.4");
  });

  it("reads the protocol the client used from X-Forwarded-Proto", () => {
    expect(resolveClient(connection("10.0.0.2", "198.51.100.4", "https"), proxies).secure).toBe(true);
    expect(resolveClient(connection("10.0.0.2", "198.51.100.4", "HTTP"), proxies).secure).toBe(false);
    // One value per proxy, appended: the client's is as far from the right as its hop.
    expect(resolveClient(connection("10.0.0.2", "198.51.100.4, 10.0.0.3", "https, http"), proxies).secure).toBe(true);
    expect(resolveClient(connection("10.0.0.2", "198.51.100.4, 10.0.0.3", "http, https"), proxies).secure).toBe(false);
    // A value that is neither, or a list too short to reach the client's hop, is no answer: the socket's protocol.
    expect(resolveClient(connection("10.0.0.2", "198.51.100.4", "ftp"), proxies).secure).toBe(false);
    expect(resolveClient(connection("10.0.0.2", "198.51.100.4, 10.0.0.3, 10.0.0.4", "https, https"), proxies).secure).toBe(false);
  });
});

describe("PORTCULLIS_TRUSTED_PROXIES", () => {
  it("takes addresses and CIDR blocks of both families, and refuses anything else by name", () => {
    expect(parseTrustedProxies(" 10.0.0.0/8 ,::1,  ")).toHaveLength(2);
    expect(parseTrustedProxies("")).toEqual([]);
    expect(() => parseTrustedProxies("10.0.0.0/8, 10.0.0.0/33")).toThrow(/"10\.0\.0\.0\/33" is not an IPv4 or IPv6 address or CIDR block/);
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/"proxy\.internal"/);
  });
});

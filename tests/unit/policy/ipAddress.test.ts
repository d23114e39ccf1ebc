import { describe, expect, it } from "vitest";
import { ipInBlock, parseIpAddress, parseIpBlock } from "@/lib/policy/ipAddress";

const inBlock = (ip: string, cidr: string) => ipInBlock(parseIpAddress(ip)!, parseIpBlock(cidr)!);

// IAM User Guide, "Condition operators › IP address condition operators": values in the standard
// CIDR format (RFC 4632); IPv4 and IPv6 both supported.
describe("IP addresses and CIDR blocks", () => {
  it.each([
    ["203.0.113.7", "203.0.113.0/24", true],
    ["203.0.114.7", "203.0.113.0/24", false],
    ["10.1.2.3", "10.0.0.0/8", true],
    ["10.1.2.3", "0.0.0.0/0", true],
    ["192.0.2.1", "192.0.2.1", true],
    ["192.0.2.2", "192.0.2.1/32", false],
    ["192.0.2.130", "192.0.2.128/25", true],
    ["192.0.2.127", "192.0.2.128/25", false],
    ["2001:db8::1", "2001:db8::/32", true],
    ["2001:db9::1", "2001:db8::/32", false],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1/128", true],
    ["::ffff:203.0.113.7", "203.0.113.0/24", true],
    ["2001:db8::1", "203.0.113.0/24", false],
    ["203.0.113.7", "2001:db8::/32", false],
  ])("%s in %s: %s", (ip, cidr, expected) => {
    expect(inBlock(ip, cidr)).toBe(expected);
  });

  it.each(["256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4x", "2001:db8:::1", "1:2:3:4:5:6:7:8:9", "", "abc"])(
    "rejects malformed address %s",
    (text) => expect(parseIpAddress(text)).toBeUndefined(),
  );

  it.each(["10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/x"])("rejects malformed block %s", (text) =>
    expect(parseIpBlock(text)).toBeUndefined(),
  );
});

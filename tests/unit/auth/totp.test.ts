import { createHmac } from "node:crypto";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { generateTotpSecret, timeStepAt, totpCodeAt, totpUri, verifyConsecutiveTotp, verifyTotp } from "@/lib/auth/totp";

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890", 8-digit codes.
const RFC_SEED = "12345678901234567890";
const RFC_SHA1_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];
// The same seed in Base32, the form Portcullis stores and authenticator apps are given.
const RFC_SEED_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/** RFC 4226 HOTP written out directly, as an independent check of otplib. */
function hotp(key: Buffer, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

const at = (step: number, offsetSeconds = 0) => new Date((step * 30 + offsetSeconds) * 1000);

describe("TOTP (RFC 6238, SHA-1, 30 s)", () => {
  it.each(RFC_SHA1_VECTORS)("matches the RFC 6238 appendix B SHA-1 vector at T=%i", async (time, expected) => {
    const step = Math.floor(time / 30);
    expect(hotp(Buffer.from(RFC_SEED), step, 8)).toBe(expected);
    expect(await generate({ secret: new TextEncoder().encode(RFC_SEED), epoch: time, digits: 8 })).toBe(expected);
    // Portcullis's 6-digit codes are the same values' last 6 digits.
    expect(await totpCodeAt(RFC_SEED_BASE32, step)).toBe(expected.slice(2));
    expect(await verifyTotp(RFC_SEED_BASE32, expected.slice(2), { now: new Date(time * 1000) })).toBe(step);
  });

  it("generates 160-bit Base32 seeds and an otpauth URI apps understand", () => {
    const seed = generateTotpSecret();
    expect(seed).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(seed);
    const uri = new URL(totpUri(seed, "acme", "alice"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Portcullis:acme:alice");
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret: seed, issuer: "Portcullis" });
    expect(timeStepAt(at(1000, 29))).toBe(1000);
  });

  it("accepts a code one step either side of now, and refuses two steps away", async () => {
    const seed = generateTotpSecret();
    const code = await totpCodeAt(seed, 1000);
    for (const offset of [0, 29]) {
      expect(await verifyTotp(seed, code, { now: at(999, offset) })).toBe(1000);
      expect(await verifyTotp(seed, code, { now: at(1000, offset) })).toBe(1000);
      expect(await verifyTotp(seed, code, { now: at(1001, offset) })).toBe(1000);
      expect(await verifyTotp(seed, code, { now: at(998, offset) })).toBeUndefined();
      expect(await verifyTotp(seed, code, { now: at(1002, offset) })).toBeUndefined();
    }
  });

  it("refuses a replay: a code from the last used step or earlier", async () => {
    const seed = generateTotpSecret();
    const code = await totpCodeAt(seed, 1000);
    expect(await verifyTotp(seed, code, { now: at(1000), lastUsedTimeStep: 999 })).toBe(1000);
    expect(await verifyTotp(seed, code, { now: at(1000), lastUsedTimeStep: 1000 })).toBeUndefined();
    expect(await verifyTotp(seed, code, { now: at(1001), lastUsedTimeStep: 1001 })).toBeUndefined();
  });

  it("refuses malformed codes", async () => {
    const seed = generateTotpSecret();
    const code = await totpCodeAt(seed, 1000);
    for (const bad of ["", "12345", "1234567", ` ${code}`, "abcdef", `${code.slice(0, 5)}x`]) {
      expect(await verifyTotp(seed, bad, { now: at(1000) })).toBeUndefined();
    }
  });

  describe("two consecutive codes (enrollment and resync)", () => {
    it("accepts code1 from step t and code2 from t+1, returning t+1", async () => {
      const seed = generateTotpSecret();
      const [c1, c2] = [await totpCodeAt(seed, 1000), await totpCodeAt(seed, 1001)];
      expect(await verifyConsecutiveTotp(seed, c1, c2, { now: at(1001, 10) })).toBe(1001);
      expect(await verifyConsecutiveTotp(seed, c1, c2, { now: at(1000, 10) })).toBe(1001);
      expect(await verifyConsecutiveTotp(seed, c1, c2, { now: at(1002, 10) })).toBe(1001);
      expect(await verifyConsecutiveTotp(seed, c1, c2, { now: at(1003, 10) })).toBeUndefined();
    });

    it("refuses codes that are not consecutive, swapped, or repeated", async () => {
      const seed = generateTotpSecret();
      const code = async (step: number) => totpCodeAt(seed, step);
      const now = at(1001, 10);
      expect(await verifyConsecutiveTotp(seed, await code(999), await code(1001), { now })).toBeUndefined();
      expect(await verifyConsecutiveTotp(seed, await code(1001), await code(1000), { now })).toBeUndefined();
      expect(await verifyConsecutiveTotp(seed, await code(1001), await code(1001), { now })).toBeUndefined();
      expect(await verifyConsecutiveTotp(seed, "000000", await code(1001), { now })).toBeUndefined();
    });

    it("refuses a pair whose first code is from an already used step", async () => {
      const seed = generateTotpSecret();
      const [c1, c2] = [await totpCodeAt(seed, 1000), await totpCodeAt(seed, 1001)];
      expect(await verifyConsecutiveTotp(seed, c1, c2, { now: at(1001), lastUsedTimeStep: 1000 })).toBeUndefined();
      expect(await verifyConsecutiveTotp(seed, c1, c2, { now: at(1001), lastUsedTimeStep: 999 })).toBe(1001);
    });
  });
});

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyFrom, open, seal, SealedSecretError } from "@/lib/auth/crypto";

const key = randomBytes(32);
const PURPOSE = "portcullis:test";

describe("sealing secrets at rest (AES-256-GCM)", () => {
  it("opens what it sealed, with a fresh IV each time and nothing of the plaintext visible", () => {
    const a = seal("JBSWY3DPEHPK3PXP", PURPOSE, key);
    const b = seal("JBSWY3DPEHPK3PXP", PURPOSE, key);
    expect(a).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("JBSWY3DPEHPK3PXP");
    expect(open(a, PURPOSE, key)).toBe("JBSWY3DPEHPK3PXP");
    expect(open(seal("", PURPOSE, key), PURPOSE, key)).toBe("");
    expect(open(seal("ünïcode ✓", PURPOSE, key), PURPOSE, key)).toBe("ünïcode ✓");
  });

  it("refuses a value with any part altered", () => {
    const sealed = seal("secret seed", PURPOSE, key);
    const parts = sealed.split(":");
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index]!, "base64url");
      bytes[0] = bytes[0]! ^ 0x01;
      const tampered = parts.map((part, i) => (i === index ? bytes.toString("base64url") : part)).join(":");
      expect(() => open(tampered, PURPOSE, key)).toThrow(SealedSecretError);
    }
    expect(() => open(sealed.replace(/^v1/, "v2"), PURPOSE, key)).toThrow(/format/);
    expect(() => open("not sealed", PURPOSE, key)).toThrow(SealedSecretError);
  });

  it("refuses the wrong key and a value sealed for another purpose", () => {
    const sealed = seal("secret seed", PURPOSE, key);
    expect(() => open(sealed, PURPOSE, randomBytes(32))).toThrow(/different key/);
    expect(() => open(sealed, "portcullis:other", key)).toThrow(SealedSecretError);
  });

  it("uses the configured key by default, and rejects a key that is not 32 bytes", () => {
    expect(open(seal("x", PURPOSE), PURPOSE)).toBe("x");
    expect(() => keyFrom(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});

// Secrets that must be recoverable (TOTP seeds, access-key secrets) are kept encrypted at rest with
// AES-256-GCM under the key from secrets().encryptionKey. GCM authenticates as well as encrypts, so a
// changed byte, a value moved from another purpose, or a different key fails loudly instead of
// decrypting to garbage.
//
// Text format: "v1:<iv>:<tag>:<ciphertext>", each part base64url. The version prefix lets a future
// algorithm change read old values.
//
// Key rotation (lib/auth/secretKeyRotation.ts) re-encrypts every value under a new key. While
// instances move to the new key one at a time, open() also accepts the previous key
// (PORTCULLIS_PREVIOUS_SECRET_KEY); seal() always uses the current one.

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { secrets } from "./secrets";

const VERSION = "v1";
const IV_BYTES = 12; // NIST SP 800-38D: 96-bit IVs for GCM
const TAG_BYTES = 16;

export class SealedSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealedSecretError";
  }
}

function defaultKey(): Buffer {
  return keyFrom(secrets().encryptionKey);
}

/** The keys open() tries when given none: the current one, then the previous one if there is one. */
function openingKeys(): Buffer[] {
  const { encryptionKey, previousEncryptionKey } = secrets();
  return previousEncryptionKey === undefined ? [keyFrom(encryptionKey)] : [keyFrom(encryptionKey), keyFrom(previousEncryptionKey, "PORTCULLIS_PREVIOUS_SECRET_KEY")];
}

/** The 32-byte AES key from its base64 text (PORTCULLIS_SECRET_KEY or data/secrets.json). */
export function keyFrom(base64: string, name = "PORTCULLIS_SECRET_KEY"): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new SealedSecretError(`The encryption key must be 32 bytes, base64-encoded (${name}).`);
  return key;
}

/**
 * Encrypts `plaintext`. `purpose` (such as "mfa-seed") is bound in as associated data, so a value
 * sealed for one purpose cannot be opened as another.
 */
export function seal(plaintext: string, purpose: string, key: Buffer = defaultKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(":");
}

/**
 * Decrypts a value from seal(); throws SealedSecretError if it was altered, sealed for another
 * purpose, or under another key. Without `key`: the current key, then the previous one.
 */
export function open(sealed: string, purpose: string, key?: Buffer): string {
  const parts = sealed.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SealedSecretError("Not a sealed secret in a format this version understands.");
  const [, iv, tag, ciphertext] = parts.map((part) => Buffer.from(part, "base64url")) as [Buffer, Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealedSecretError("The sealed secret is malformed.");
  for (const candidate of key ? [key] : openingKeys()) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", candidate, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(purpose, "utf8"));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
    } catch {
      // Not under this key (or altered): try the next. Never the underlying message: it says
      // nothing useful and the caller only needs "not authentic".
    }
  }
  throw new SealedSecretError("The sealed secret could not be authenticated: it was altered, or sealed under a different key.");
}

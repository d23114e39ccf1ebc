// Identifiers shaped like AWS's: 12-digit account IDs, and unique IDs made of a type prefix and
// random base32 characters (AIDA user, AGPA group, AROA role, ANPA policy, AKIA access key, ASIA
// temporary access key).

import { randomBytes, randomInt } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += BASE32[bytes[i]! & 31];
  return out;
}

export type UniqueIdPrefix = "AIDA" | "AGPA" | "AROA" | "ANPA";

/** 21 characters like AWS's unique IDs: the prefix and 17 random base32 characters. */
export function uniqueId(prefix: UniqueIdPrefix): string {
  return prefix + randomBase32(17);
}

/** An access key ID: AKIA and 16 random base32 characters, 20 in all, as AWS's are. */
export function accessKeyId(): string {
  return "AKIA" + randomBase32(16);
}

/** A role session's temporary access key ID: ASIA and 16 random base32 characters. */
export function temporaryAccessKeyId(): string {
  return "ASIA" + randomBase32(16);
}

/** AWS's secret access keys: 40 characters of base64 (30 random bytes). */
export function newSecretAccessKey(): string {
  return randomBytes(30).toString("base64");
}

/** A role session's token: opaque to clients, 96 random bytes of base64 like AWS's long tokens. */
export function newSessionToken(): string {
  return randomBytes(96).toString("base64");
}

/** A random 12-digit account ID that does not start with 0. */
export function newAccountId(): string {
  let id = String(randomInt(1, 10));
  for (let i = 0; i < 11; i++) id += String(randomInt(0, 10));
  return id;
}

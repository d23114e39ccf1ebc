// The secrets the console needs: the session-signing key (next-auth) and the encryption key for
// secrets kept at rest (TOTP seeds, access-key secrets). Taken from the environment in production
// (several instances must share them); generated into the data directory on a first start otherwise.

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATA_DIR } from "@/lib/db/url";

interface Secrets {
  readonly sessionSecret: string;
  /** 32 bytes, base64: the AES-256-GCM key. */
  readonly encryptionKey: string;
}

let loaded: Secrets | undefined;

function readOrCreateFile(): Secrets {
  const file = path.join(DATA_DIR, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Secrets;
  mkdirSync(DATA_DIR, { recursive: true });
  const secrets: Secrets = {
    sessionSecret: randomBytes(32).toString("base64url"),
    encryptionKey: randomBytes(32).toString("base64"),
  };
  // "wx": if another process created it first, fail and read theirs instead of overwriting it.
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { flag: "wx", mode: 0o600 });
    return secrets;
  } catch {
    return JSON.parse(readFileSync(file, "utf8")) as Secrets;
  }
}

export function secrets(): Secrets {
  if (loaded) return loaded;
  const fromEnv = { sessionSecret: process.env.NEXTAUTH_SECRET, encryptionKey: process.env.PORTCULLIS_SECRET_KEY };
  const fromFile = fromEnv.sessionSecret && fromEnv.encryptionKey ? undefined : readOrCreateFile();
  loaded = {
    sessionSecret: fromEnv.sessionSecret ?? fromFile!.sessionSecret,
    encryptionKey: fromEnv.encryptionKey ?? fromFile!.encryptionKey,
  };
  return loaded;
}

// The secrets the console needs: the session-signing key (next-auth) and the encryption key for
// secrets kept at rest (TOTP seeds, access-key secrets). Taken from the environment in production
// (several instances must share them); generated into the data directory on a first start otherwise.
// This file is the one place keys are loaded from; lib/auth/crypto.ts and the key rotation
// (lib/auth/secretKeyRotation.ts) ask it.

import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { DATA_DIR } from "@/lib/db/url";

interface Secrets {
  readonly sessionSecret: string;
  /** 32 bytes, base64: the AES-256-GCM key values are sealed under. */
  readonly encryptionKey: string;
  /**
   * The key before the last rotation, still accepted when opening values (never for sealing), so
   * instances can move to a new key one at a time: PORTCULLIS_PREVIOUS_SECRET_KEY.
   */
  readonly previousEncryptionKey?: string;
  /** Where encryptionKey came from: the environment, or the data directory's secrets.json. */
  readonly encryptionKeySource: "environment" | "file";
}

interface SecretsFile {
  readonly sessionSecret: string;
  readonly encryptionKey: string;
}

let loaded: Secrets | undefined;

export function secretsFilePath(): string {
  return path.join(DATA_DIR, "secrets.json");
}

/** A fresh AES-256 key, as PORTCULLIS_SECRET_KEY and secrets.json spell it. */
export function newEncryptionKey(): string {
  return randomBytes(32).toString("base64");
}

function readOrCreateFile(): SecretsFile {
  const file = secretsFilePath();
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as SecretsFile;
  mkdirSync(DATA_DIR, { recursive: true });
  const secrets: SecretsFile = { sessionSecret: randomBytes(32).toString("base64url"), encryptionKey: newEncryptionKey() };
  // "wx": if another process created it first, fail and read theirs instead of overwriting it.
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { flag: "wx", mode: 0o600 });
    return secrets;
  } catch {
    return JSON.parse(readFileSync(file, "utf8")) as SecretsFile;
  }
}

// An empty variable (a compose file's `KEY=` with nothing after it) is the same as none.
const env = (name: string) => process.env[name] || undefined;

export function secrets(): Secrets {
  if (loaded) return loaded;
  const fromEnv = { sessionSecret: env("NEXTAUTH_SECRET"), encryptionKey: env("PORTCULLIS_SECRET_KEY") };
  const fromFile = fromEnv.sessionSecret && fromEnv.encryptionKey ? undefined : readOrCreateFile();
  const previous = env("PORTCULLIS_PREVIOUS_SECRET_KEY");
  loaded = {
    sessionSecret: fromEnv.sessionSecret ?? fromFile!.sessionSecret,
    encryptionKey: fromEnv.encryptionKey ?? fromFile!.encryptionKey,
    encryptionKeySource: fromEnv.encryptionKey ? "environment" : "file",
    ...(previous ? { previousEncryptionKey: previous } : {}),
  };
  return loaded;
}

/** Forgets the loaded secrets, so the next secrets() reads the environment and secrets.json again. */
export function reloadSecrets(): void {
  loaded = undefined;
}

/**
 * Replacing the encryption key in secrets.json, in two steps around the database's commit, so the
 * new key is on disk before anything is sealed under it: stage writes the whole new file beside the
 * old one (and syncs it); after the commit, installStagedSecretsFile renames it over secrets.json
 * (atomic: the old file or the new one, never half of either); if the rotation fails,
 * discardStagedSecretsFile removes it. The session secret is kept.
 */
export function stagedSecretsFilePath(): string {
  return `${secretsFilePath()}.rotating`;
}

export function stageSecretsFile(encryptionKey: string): string {
  const current = JSON.parse(readFileSync(secretsFilePath(), "utf8")) as SecretsFile;
  const staged = stagedSecretsFilePath();
  // "w", not "wx": a file left by a rotation that failed before its commit holds a key nothing uses.
  const fd = openSync(staged, "w", 0o600);
  try {
    writeSync(fd, JSON.stringify({ ...current, encryptionKey }, null, 2) + "\n");
    // On disk before the database commits values only this key opens.
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return staged;
}

export function installStagedSecretsFile(): void {
  renameSync(stagedSecretsFilePath(), secretsFilePath());
  reloadSecrets();
}

export function discardStagedSecretsFile(): void {
  rmSync(stagedSecretsFilePath(), { force: true });
}

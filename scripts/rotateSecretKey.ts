// `npm run rotate-secret-key`: re-encrypts every sealed value (TOTP seeds, access-key secrets) under
// a new PORTCULLIS_SECRET_KEY, all or nothing (lib/auth/secretKeyRotation.ts). Three ways in:
//
//   PORTCULLIS_NEW_SECRET_KEY=<key> npm run rotate-secret-key
//       from the current key (PORTCULLIS_SECRET_KEY, or the data directory's secrets.json) to the
//       given one; with secrets.json, the file is rewritten with the new key after the commit.
//   npm run rotate-secret-key -- --generate
//       with secrets.json: the same, to a fresh key that goes straight into the file (not printed).
//       With the key in the environment: only prints a fresh key and the steps below, changes nothing.
//   PORTCULLIS_SECRET_KEY=<new> PORTCULLIS_PREVIOUS_SECRET_KEY=<old> npm run rotate-secret-key
//       several instances, no downtime: once every instance runs with the new key and the previous
//       one, this moves what is still under the previous key; then drop the previous key.
//
// A key is never printed, except the fresh one --generate makes for the environment.

import { existsSync } from "node:fs";
import { keyFrom } from "@/lib/auth/crypto";
import { rotateSecretKey, SecretKeyRotationError, type RotationReport } from "@/lib/auth/secretKeyRotation";
import { discardStagedSecretsFile, installStagedSecretsFile, newEncryptionKey, secrets, secretsFilePath, stageSecretsFile } from "@/lib/auth/secrets";
import { db } from "@/lib/db/client";
import { sqliteFile } from "@/lib/db/url";

const USAGE = `Usage:
  PORTCULLIS_NEW_SECRET_KEY=<new key> npm run rotate-secret-key
  npm run rotate-secret-key -- --generate
  PORTCULLIS_SECRET_KEY=<new key> PORTCULLIS_PREVIOUS_SECRET_KEY=<old key> npm run rotate-secret-key`;

class Refusal extends Error {}

function summary(report: RotationReport): string {
  const { mfaDeviceSeeds, accessKeySecrets, roleSessionSecrets, sessionCredentialSecrets } = report.reencrypted;
  const total = mfaDeviceSeeds + accessKeySecrets + roleSessionSecrets + sessionCredentialSecrets;
  const accounts = report.accountIds.length;
  return (
    `Re-encrypted ${total} sealed value${total === 1 ? "" : "s"} in ${accounts} account${accounts === 1 ? "" : "s"} ` +
    `(${mfaDeviceSeeds} MFA seeds, ${accessKeySecrets} access-key secrets, ${roleSessionSecrets} role-session secrets, ${sessionCredentialSecrets} session-credential secrets); ` +
    `${report.alreadyUnderNewKey} already under the new key. Each opened under the new key before the commit; ` +
    `each affected account's audit log has a portcullis:RotateSecretKey event.`
  );
}

/** Refuses plainly when there is nothing to rotate: no database file, no key file. */
function checkPrerequisites(): void {
  const file = sqliteFile();
  if (file !== undefined && !existsSync(file)) throw new Refusal(`There is no database at ${file}: check PORTCULLIS_DATA_DIR or DATABASE_URL.`);
  if (!process.env.PORTCULLIS_SECRET_KEY && !existsSync(secretsFilePath())) {
    throw new Refusal(`PORTCULLIS_SECRET_KEY is not set and there is no ${secretsFilePath()}: there is no current key to rotate from. Check PORTCULLIS_DATA_DIR.`);
  }
}

async function main(args: readonly string[]): Promise<void> {
  if (args.includes("--help") || args.includes("-h")) return void console.log(USAGE);
  const unknown = args.filter((arg) => arg !== "--generate");
  if (unknown.length > 0) throw new Refusal(`Unknown argument ${unknown[0]}.\n${USAGE}`);
  checkPrerequisites();
  const current = secrets();
  const generate = args.includes("--generate");
  const given = process.env.PORTCULLIS_NEW_SECRET_KEY || undefined;
  const userAgent = "portcullis rotate-secret-key";

  if (generate && current.encryptionKeySource === "environment") {
    console.log(newEncryptionKey());
    console.log(`
That is a fresh key; nothing was changed. To move several instances to it without downtime:
  1. Give every instance PORTCULLIS_SECRET_KEY=<the key above> and PORTCULLIS_PREVIOUS_SECRET_KEY=<the current key>, and restart them one at a time.
  2. Run this command once with the same two variables: it re-encrypts what is still under the previous key.
  3. Remove PORTCULLIS_PREVIOUS_SECRET_KEY from every instance and restart them.`);
    return;
  }
  if (generate && given) throw new Refusal("Give either PORTCULLIS_NEW_SECRET_KEY or --generate, not both.");

  if (generate || given) {
    const to = given ?? newEncryptionKey();
    const from = keyFrom(current.encryptionKey);
    const toKey = keyFrom(to, "PORTCULLIS_NEW_SECRET_KEY");
    if (current.encryptionKeySource === "file") {
      // The new key is on disk before the database holds anything only it opens.
      const staged = stageSecretsFile(to);
      let report: RotationReport;
      try {
        report = await rotateSecretKey(from, toKey, { userAgent });
      } catch (error) {
        // A refusal is certain to have changed nothing. Anything else (a connection lost around the
        // commit) may have committed: then the staged file holds the only copy of the new key.
        if (error instanceof SecretKeyRotationError) discardStagedSecretsFile();
        else throw new Error(`The rotation failed (${error instanceof Error ? error.message : String(error)}). If it committed nonetheless, the new key is in ${staged}: keep that file until you have checked.`);
        throw error;
      }
      console.log(summary(report));
      try {
        installStagedSecretsFile();
      } catch (error) {
        throw new Error(`The database now holds values under the new key, but ${staged} could not be moved over ${secretsFilePath()} (${(error as Error).message}). Move it by hand before starting Portcullis.`);
      }
      console.log(`${secretsFilePath()} now holds the new key. Restart Portcullis so it seals and opens with it.`);
      console.log("Back up secrets.json with the database: the new key is the only way to open what the database now holds.");
      return;
    }
    const report = await rotateSecretKey(from, toKey, { userAgent });
    console.log(summary(report));
    console.log("Now set PORTCULLIS_SECRET_KEY to the new key (PORTCULLIS_NEW_SECRET_KEY's value) on every instance and restart them: until then they cannot open these values.");
    return;
  }

  if (current.previousEncryptionKey) {
    const report = await rotateSecretKey(keyFrom(current.previousEncryptionKey, "PORTCULLIS_PREVIOUS_SECRET_KEY"), keyFrom(current.encryptionKey), { userAgent });
    console.log(summary(report));
    console.log("Nothing is sealed under the previous key any more: remove PORTCULLIS_PREVIOUS_SECRET_KEY from every instance.");
    return;
  }
  throw new Refusal(`No new key: set PORTCULLIS_NEW_SECRET_KEY, pass --generate, or set PORTCULLIS_PREVIOUS_SECRET_KEY beside the new PORTCULLIS_SECRET_KEY.\n${USAGE}`);
}

main(process.argv.slice(2))
  .then(() => db.$disconnect())
  .catch(async (error: unknown) => {
    await db.$disconnect().catch(() => undefined);
    // Our own refusals and the rotation's are sentences for the operator; anything else is a failure
    // of the database or the file system, reported as it came (it never contains a key).
    const known = error instanceof Refusal || error instanceof SecretKeyRotationError;
    console.error(known ? (error as Error).message : error instanceof Error ? `The rotation failed; nothing was changed: ${error.message}` : error);
    process.exit(1);
  });

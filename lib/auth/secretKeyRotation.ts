// Rotating the encryption key (PORTCULLIS_SECRET_KEY): every sealed value (TOTP seeds, access-key,
// role-session and session-credential secrets) is opened under the old key and sealed again under
// the new one, in ONE write transaction, so the database holds either all old values or all new
// ones, never a mix that no single key opens. Before the commit each new value is read back from
// the database and opened under the new key; anything that fails aborts the whole rotation.
//
// A value that already opens under the new key is left as it is: instances that already run with
// the new key (and the old one as PORTCULLIS_PREVIOUS_SECRET_KEY) seal new values under it while
// the rotation is pending, and a rotation that is run twice is harmless. A value that opens under
// neither key means the old key given is wrong (or the value is damaged): nothing is changed.
//
// Each affected account gets one audit event, in the same transaction. Its principal is a fixed
// operator name, not the account's root ARN: the rotation is done by whoever runs the server, not by
// any principal of the account, and the log must not say the root user did something it did not.

import { Prisma } from "@/generated/prisma/client";
import { appendAuditEvents, type AuditEventInput } from "@/lib/db/audit";
import type { Tx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { open, seal, SealedSecretError } from "./crypto";
import { ACCESS_KEY_SECRET_PURPOSE, MFA_SEED_PURPOSE } from "./secretPurposes";

export const ROTATE_SECRET_KEY_ACTION = "portcullis:RotateSecretKey";
/** Who the audit log says rotated the key: the server's operator, outside every account. */
export const OPERATOR_PRINCIPAL = "portcullis-operator";

/** The associated data of MFA seeds: the same text as lib/auth/mfaCodes.ts seals them with. */

interface SealedRow {
  readonly id: string;
  readonly accountId: string;
  readonly secretCiphertext: string;
}

/** One table that holds sealed values, in its secretCiphertext column. */
interface SealedColumn {
  readonly kind: SealedKind;
  readonly purpose: string;
  /** The table and its key column, for the batched UPDATE (quoted identifiers: portable). */
  readonly table: string;
  readonly idColumn: string;
  rows(tx: Tx): Promise<SealedRow[]>;
}

export type SealedKind = "mfaDeviceSeeds" | "accessKeySecrets" | "roleSessionSecrets" | "sessionCredentialSecrets";

const byAccessKeyId = (rows: { accessKeyId: string; accountId: string; secretCiphertext: string }[]) => rows.map((r) => ({ id: r.accessKeyId, accountId: r.accountId, secretCiphertext: r.secretCiphertext }));

const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    kind: "mfaDeviceSeeds",
    purpose: MFA_SEED_PURPOSE,
    table: "MfaDevice",
    idColumn: "id",
    rows: (tx) => tx.mfaDevice.findMany({ select: { id: true, accountId: true, secretCiphertext: true }, orderBy: { id: "asc" } }),
  },
  {
    kind: "accessKeySecrets",
    purpose: ACCESS_KEY_SECRET_PURPOSE,
    table: "AccessKey",
    idColumn: "id",
    rows: (tx) => tx.accessKey.findMany({ select: { id: true, accountId: true, secretCiphertext: true }, orderBy: { id: "asc" } }),
  },
  {
    kind: "roleSessionSecrets",
    purpose: ACCESS_KEY_SECRET_PURPOSE,
    table: "RoleSession",
    idColumn: "accessKeyId",
    rows: async (tx) => byAccessKeyId(await tx.roleSession.findMany({ select: { accessKeyId: true, accountId: true, secretCiphertext: true }, orderBy: { accessKeyId: "asc" } })),
  },
  {
    kind: "sessionCredentialSecrets",
    purpose: ACCESS_KEY_SECRET_PURPOSE,
    table: "SessionCredential",
    idColumn: "accessKeyId",
    rows: async (tx) => byAccessKeyId(await tx.sessionCredential.findMany({ select: { accessKeyId: true, accountId: true, secretCiphertext: true }, orderBy: { accessKeyId: "asc" } })),
  },
];

/** Rows per UPDATE: 3 parameters each, far under SQLite's 32,766 and PostgreSQL's 65,535. */
const BATCH = 500;

/**
 * Writes the new values of one table's rows, BATCH rows per statement. One model update per row
 * cost about 8 ms here (Prisma compiles each query), so 2,000 keys took 15 s against the
 * transaction's 30-second limit. Each row's WHERE also names its old value: a row changed since
 * it was read is not overwritten, and the count shows it.
 */
async function writeBatch(tx: Tx, column: SealedColumn, changes: readonly Change[]): Promise<number> {
  const id = Prisma.raw(`"${column.idColumn}"`);
  const cases = changes.map((c) => Prisma.sql`WHEN ${c.row.id} THEN ${c.resealed}`);
  const pairs = changes.map((c) => Prisma.sql`(${id} = ${c.row.id} AND "secretCiphertext" = ${c.row.secretCiphertext})`);
  return tx.$executeRaw`UPDATE ${Prisma.raw(`"${column.table}"`)} SET "secretCiphertext" = CASE ${id} ${Prisma.join(cases, " ")} END WHERE ${Prisma.join(pairs, " OR ")}`;
}

const LABELS: Record<SealedKind, string> = {
  mfaDeviceSeeds: "MFA device",
  accessKeySecrets: "access key",
  roleSessionSecrets: "role session",
  sessionCredentialSecrets: "session credential",
};

/** The rotation was refused or failed; the database is unchanged. */
export class SecretKeyRotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyRotationError";
  }
}

export interface RotationReport {
  /** Values re-encrypted from the old key to the new one, by kind. */
  readonly reencrypted: Readonly<Record<SealedKind, number>>;
  /** Values that already opened under the new key, left as they were. */
  readonly alreadyUnderNewKey: number;
  /** The accounts whose values were re-encrypted: each got one audit event. */
  readonly accountIds: readonly string[];
}

function opens(sealed: string, purpose: string, key: Buffer): string | undefined {
  try {
    return open(sealed, purpose, key);
  } catch (error) {
    if (error instanceof SealedSecretError) return undefined;
    throw error;
  }
}

interface Change {
  readonly column: SealedColumn;
  readonly row: SealedRow;
  readonly plaintext: string;
  readonly resealed: string;
}

/**
 * Re-encrypts every sealed value from key `from` to key `to`, all or nothing. Keys are the 32-byte
 * AES keys themselves (lib/auth/crypto keyFrom); the caller decides where they come from and, after
 * this returns, makes `to` the key every instance seals with.
 */
export async function rotateSecretKey(from: Buffer, to: Buffer, options: { userAgent?: string } = {}): Promise<RotationReport> {
  if (from.equals(to)) throw new SecretKeyRotationError("The new key is the same as the current key: nothing to rotate.");
  return inTransaction(async (tx) => {
    const changes: Change[] = [];
    const unreadable: string[] = [];
    let alreadyUnderNewKey = 0;
    for (const column of SEALED_COLUMNS) {
      for (const row of await column.rows(tx)) {
        const plaintext = opens(row.secretCiphertext, column.purpose, from);
        if (plaintext === undefined) {
          if (opens(row.secretCiphertext, column.purpose, to) !== undefined) alreadyUnderNewKey++;
          else unreadable.push(`${LABELS[column.kind]} ${row.id}`);
          continue;
        }
        const resealed = seal(plaintext, column.purpose, to);
        changes.push({ column, row, plaintext, resealed });
      }
    }
    if (unreadable.length > 0) {
      throw new SecretKeyRotationError(
        `${unreadable.length} sealed value${unreadable.length === 1 ? "" : "s"} open${unreadable.length === 1 ? "s" : ""} under neither the old key nor the new one (first: ${unreadable[0]}). ` +
          "The old key given is not the one they were sealed under; nothing was changed.",
      );
    }

    for (const column of SEALED_COLUMNS) {
      const ofColumn = changes.filter((c) => c.column === column);
      for (let at = 0; at < ofColumn.length; at += BATCH) {
        const batch = ofColumn.slice(at, at + BATCH);
        if ((await writeBatch(tx, column, batch)) !== batch.length) {
          throw new SecretKeyRotationError(`A ${LABELS[column.kind]} changed during the rotation; nothing was changed. Run the rotation again.`);
        }
      }
    }

    // Read back what the transaction is about to commit: every value must open under the new key and
    // give back what it held before. A failure here rolls everything back.
    const expected = new Map(changes.map((c) => [`${c.column.kind}/${c.row.id}`, c.plaintext]));
    for (const column of SEALED_COLUMNS) {
      for (const row of await column.rows(tx)) {
        const plaintext = opens(row.secretCiphertext, column.purpose, to);
        const wanted = expected.get(`${column.kind}/${row.id}`);
        if (plaintext === undefined || (wanted !== undefined && plaintext !== wanted)) {
          throw new SecretKeyRotationError(`The ${LABELS[column.kind]} ${row.id} did not open under the new key after re-encryption; nothing was changed.`);
        }
      }
    }

    const accountIds = [...new Set(changes.map((c) => c.row.accountId))].sort();
    const events: AuditEventInput[] = accountIds.map((accountId) => ({
      accountId,
      principalArn: OPERATOR_PRINCIPAL,
      action: ROTATE_SECRET_KEY_ACTION,
      resource: `arn:aws:iam::${accountId}:root`,
      result: "Allowed",
      userAgent: options.userAgent,
    }));
    await appendAuditEvents(tx, events);

    const reencrypted = { mfaDeviceSeeds: 0, accessKeySecrets: 0, roleSessionSecrets: 0, sessionCredentialSecrets: 0 };
    for (const { column } of changes) reencrypted[column.kind]++;
    return { reencrypted, alreadyUnderNewKey, accountIds };
  });
}

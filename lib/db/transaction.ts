// Every write transaction, in one place: run it, and when the database refuses it because another
// transaction got there first, run it again from the start a few times before giving up.
//
// PostgreSQL runs write transactions SERIALIZABLE (client.ts): two that read and write the same rows
// at once cannot both commit, and the loser gets a serialization failure (40001) or, rarely, a
// deadlock (40P01). Two that insert the same unique key at once (two CreateUsers of "bob" and "Bob")
// make the loser fail on the constraint (23505) even though its own check saw the name free. Each
// is a transient conflict: run again, the transaction sees what the winner committed and answers
// accordingly (the name is taken, the quota is full, the default version moved). SQLite's single
// writer never produces them. After MAX_ATTEMPTS tries the caller gets a TransactionConflict, which the
// operation layer turns into ConcurrentModification.

import { db, TRANSACTION_OPTIONS, type Tx } from "./client";

// Each round of a pile-up lets at least one transaction commit; eight rounds with growing pauses
// (about 2.5 s in all at most) resolve a dozen requests for the same row at once.
export const MAX_ATTEMPTS = 8;

/** The database refused the transaction MAX_ATTEMPTS times because of concurrent transactions. */
export class TransactionConflict extends Error {
  constructor(readonly attempts: number, override readonly cause: unknown) {
    super(`The transaction conflicted with concurrent changes ${attempts} times.`);
    this.name = "TransactionConflict";
  }
}

// The database's codes for the conflicts: serialization failure, deadlock, unique violation.
const CONFLICT_SQLSTATES = new Set(["40001", "40P01", "23505"]);
// The driver adapter's names for them.
const CONFLICT_KINDS = new Set(["TransactionWriteConflict", "UniqueConstraintViolation"]);

/**
 * Whether `error` is a conflict with another transaction that running again can resolve. Prisma
 * reports one in several shapes: a model query's error with its own code (P2034 for 40001, P2002
 * for a unique violation), a raw statement's (P2010, with the database's code in meta), or, when
 * the conflict surfaces at COMMIT, the driver adapter's error itself (a cause with the kind and
 * the database's code).
 */
export function isTransientConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  type AdapterCause = { kind?: unknown; originalCode?: unknown };
  const { code, meta, cause, message } = error as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: AdapterCause } }; cause?: AdapterCause; message?: unknown };
  if (code === "P2034" || code === "P2002") return true;
  if (code === "P2010" && typeof meta?.code === "string" && CONFLICT_SQLSTATES.has(meta.code)) return true;
  for (const adapterCause of [cause, meta?.driverAdapterError?.cause]) {
    if (!adapterCause || typeof adapterCause !== "object") continue;
    if (typeof adapterCause.kind === "string" && CONFLICT_KINDS.has(adapterCause.kind)) return true;
    if (typeof adapterCause.originalCode === "string" && CONFLICT_SQLSTATES.has(adapterCause.originalCode)) return true;
  }
  // A deadlock has no Prisma code of its own.
  return typeof message === "string" && /\b40P01\b|deadlock detected/.test(message);
}

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt + Math.random() * 10 * 2 ** attempt));

/**
 * Runs `work` in one write transaction, again from the start after a transient conflict. `work` must
 * do nothing outside the transaction that it cannot do twice (everything inside rolls back).
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, TRANSACTION_OPTIONS);
    } catch (error) {
      if (!isTransientConflict(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new TransactionConflict(attempt, error);
      // Jittered, growing pauses, so two retrying instances do not collide again in step.
      await pause(attempt);
    }
  }
}

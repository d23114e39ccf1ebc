// Every write transaction, in one place: run it, and when the database refuses it because another
// transaction got there first, run it again from the start a few times before giving up.
//
// PostgreSQL runs write transactions SERIALIZABLE (client.ts): two that read and write the same rows
// at once cannot both commit, and the loser gets a serialization failure (40001) or, rarely, a
// deadlock (40P01). Two that insert the same unique key at once (two CreateUsers of "bob" and "Bob")
// make the loser fail on the constraint (23505) even though its own check saw the name free. Each
// is a transient conflict: run again, the transaction sees what the winner committed and answers
// accordingly (the name is taken, the quota is full, the default version moved). SQLite's single
// writer never produces them. After MAX_ATTEMPTS the caller gets a TransactionConflict, which the
// operation layer turns into ConcurrentModification.

import { db, TRANSACTION_OPTIONS, type Tx } from "./client";

export const MAX_ATTEMPTS = 5;

/** The database refused the transaction MAX_ATTEMPTS times because of concurrent transactions. */
export class TransactionConflict extends Error {
  constructor(readonly attempts: number, override readonly cause: unknown) {
    super(`The transaction conflicted with concurrent changes ${attempts} times.`);
    this.name = "TransactionConflict";
  }
}

// Prisma's codes: P2034 is its name for 40001; P2002 a unique-constraint violation; P2010 a raw
// statement's failure, carrying the database's own code.
const CONFLICT_SQLSTATES = new Set(["40001", "40P01", "23505"]);

/** Whether `error` is a conflict with another transaction that running again can resolve. */
export function isTransientConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta, message } = error as { code?: unknown; meta?: { code?: unknown }; message?: unknown };
  if (code === "P2034" || code === "P2002") return true;
  if (code === "P2010" && typeof meta?.code === "string") return CONFLICT_SQLSTATES.has(meta.code);
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

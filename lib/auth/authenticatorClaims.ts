// Claims on password and code checks, so that the throttle's count and the check it allows cannot
// be raced (throttle.ts explains how a claim counts). A check goes:
//   1. claimAuthenticatorCheck: one write transaction reads the count (failures and claims under
//      way) and either refuses (the refusal is audited just after) or records a claim. PostgreSQL runs it
//      SERIALIZABLE, so two claims for the same keys cannot both be made from one reading: the loser
//      is run again (lib/db/transaction.ts) and then sees the winner's claim. SQLite has one writer.
//   2. the check itself (an argon2 verify, a TOTP code), outside any transaction;
//   3. the outcome's own transaction (a failure event, or the success and its writes) also calls
//      releaseClaim, so the claim turns into the event that replaces it without a moment between
//      in which neither counts.
// A claim left behind counts for CLAIM_LIFETIME_MS at most: a process that dies mid-check holds its
// claim's scopes that long, and the next claim for the same keys removes it.

import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { appendAuditEvent, type AuditEventInput } from "@/lib/db/audit";
import { inTransaction, TransactionConflict } from "@/lib/db/transaction";
import { CLAIM_LIFETIME_MS, checkThrottle, describeThrottle, THROTTLED, type ThrottleDecision, type ThrottleKey } from "./throttle";

/** A check claimed and not yet over. */
export interface AuthenticatorClaim {
  readonly id: string;
}

/** What the audit log records of an attempt refused before its check; the caller supplies who and where. */
export type RefusalEvent = Omit<AuditEventInput, "result" | "errorCode" | "errorMessage">;

export type ClaimOutcome =
  | { readonly claim: AuthenticatorClaim }
  /** decision: the throttle's; none when the claim lost to simultaneous claims every time it was tried. */
  | { readonly refused: true; readonly decision?: ThrottleDecision };

/** Said in the audit log when so many checks for the same keys were claimed at once that this one never got its turn. */
export const TOO_MANY_AT_ONCE = "Refused: too many password or code checks for this principal or source IP address were under way at the same moment.";

/** A refusal's event, in a transaction of its own (on SQLite, a write outside one would join whichever transaction is open). */
async function recordRefusal(refusal: RefusalEvent, errorMessage: string): Promise<void> {
  await inTransaction((tx) => appendAuditEvent(tx, { ...refusal, result: "Failed", errorCode: THROTTLED, errorMessage }));
}

/**
 * Claims a password or code check for `key`, or refuses it (audited as SignInThrottled, which the
 * throttle does not count).
 */
export async function claimAuthenticatorCheck(key: ThrottleKey, refusal?: RefusalEvent): Promise<ClaimOutcome> {
  let outcome: ClaimOutcome;
  try {
    outcome = await inTransaction(async (tx): Promise<ClaimOutcome> => {
      const now = new Date();
      const decision = await checkThrottle(tx, key, now);
      // The refusal is recorded after this transaction, not in it: a claim that writes nothing but
      // its own row conflicts less with the others of a burst (measured on PostgreSQL: about half
      // the serialization retries).
      if (decision) return { refused: true, decision };
      const id = randomUUID();
      await tx.authenticatorAttempt.create({ data: { id, principalArn: key.principalArn ?? null, sourceIp: key.sourceIp ?? null, startedAt: now } });
      // Claims left by processes that died mid-check no longer count; removing those of the same keys
      // keeps the table as small as the checks under way.
      const scopes = [...(key.principalArn ? [{ principalArn: key.principalArn }] : []), ...(key.sourceIp ? [{ sourceIp: key.sourceIp }] : [])];
      if (scopes.length > 0) await tx.authenticatorAttempt.deleteMany({ where: { OR: scopes, startedAt: { lt: new Date(now.getTime() - CLAIM_LIFETIME_MS) } } });
      return { claim: { id } };
    });
  } catch (error) {
    if (!(error instanceof TransactionConflict)) throw error;
    // Simultaneous claims kept winning: refuse rather than check unclaimed (failing open would be the
    // very race this prevents). Only a burst gets here.
    if (refusal) await recordRefusal(refusal, TOO_MANY_AT_ONCE);
    return { refused: true };
  }
  if (refusal && "refused" in outcome && outcome.decision) await recordRefusal(refusal, describeThrottle(outcome.decision));
  return outcome;
}

/** Ends a claim inside the transaction that records its check's outcome. */
export async function releaseClaim(tx: Tx, claim: AuthenticatorClaim): Promise<void> {
  await tx.authenticatorAttempt.deleteMany({ where: { id: claim.id } });
}

/**
 * Ends a claim whose check recorded nothing (a right password with an MFA step still to come), or
 * whose outcome could not be recorded. Its own write transaction: on SQLite a statement outside one
 * would run inside whichever transaction is open on the shared connection, and roll back with it.
 */
export async function abandonClaim(claim: AuthenticatorClaim): Promise<void> {
  await inTransaction((tx) => releaseClaim(tx, claim));
}

/**
 * Runs one check under a claim: `check` records its outcome with releaseClaim in the same
 * transaction. Should it throw before doing so, the claim is ended on its way out: one that stayed
 * would count as a failure until CLAIM_LIFETIME_MS passed.
 */
export async function underClaim<T>(claim: AuthenticatorClaim, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    await abandonClaim(claim).catch(() => undefined);
    throw error;
  }
}

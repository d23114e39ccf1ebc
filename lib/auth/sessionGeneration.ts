// Ending console sessions. Sessions are stateless JWTs, so nothing can delete one; instead each
// principal has a session generation in the database, every token records the generation it was
// issued at, and the per-request principal read (session.ts) refuses a token from an older one.
// Advancing the generation therefore ends every session of that principal on every instance at once.
// Changes that end sessions (sign-out, a password change or reset, deleting the login profile, an MFA
// device enabled or deactivated, an administrator's RevokeUserSessions) call endSessions in their
// own transaction, so the sessions end exactly when the change commits.

import { db, type Tx } from "@/lib/db/client";

/** Whose sessions: the root user of an account, or an IAM user by unique ID. */
export type SessionOwner = { readonly kind: "root"; readonly accountId: string } | { readonly kind: "user"; readonly userId: string };

/** Ends every console session of this principal from its next request. */
export async function endSessions(tx: Tx, owner: SessionOwner): Promise<void> {
  const data = { sessionGeneration: { increment: 1 } };
  if (owner.kind === "root") await tx.rootUser.update({ where: { accountId: owner.accountId }, data });
  else await tx.user.update({ where: { id: owner.userId }, data });
}

/** The generation a token issued now records, or undefined when the principal no longer exists. */
export async function currentSessionGeneration(owner: SessionOwner): Promise<number | undefined> {
  const select = { sessionGeneration: true } as const;
  const row = owner.kind === "root" ? await db.rootUser.findUnique({ where: { accountId: owner.accountId }, select }) : await db.user.findUnique({ where: { id: owner.userId }, select });
  return row?.sessionGeneration;
}

/**
 * Sign-out: ends the principal's sessions only while this token is still one of them (its generation
 * is the current one), so a copied token that was already ended cannot sign its owner out again.
 */
export async function signOutEverywhere(owner: SessionOwner, generation: number): Promise<void> {
  const where = { sessionGeneration: generation };
  const data = { sessionGeneration: { increment: 1 } };
  if (owner.kind === "root") await db.rootUser.updateMany({ where: { accountId: owner.accountId, ...where }, data });
  else await db.user.updateMany({ where: { id: owner.userId, ...where }, data });
}

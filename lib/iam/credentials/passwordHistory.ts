// An IAM user's previous console passwords, kept as argon2id hashes only, for the account password
// policy's PasswordReusePrevention ("prevent reuse of the last N passwords", N from 1 to 24). The
// current password is always one of the last N, whether or not it predates the history table.

import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Tx } from "@/lib/db/client";
import { IamError } from "../core/errors";

/** AWS's largest PasswordReusePrevention: older hashes can never matter, so they are not kept. */
export const MAX_PASSWORD_HISTORY = 24;

/** Throws PasswordPolicyViolation when the password is one of the user's last `count` passwords. */
export async function requirePasswordNotReused(tx: Tx, userId: string, password: string, count: number): Promise<void> {
  if (count <= 0) return;
  const [profile, history] = await Promise.all([
    tx.loginProfile.findUnique({ where: { userId }, select: { passwordHash: true } }),
    tx.passwordHistory.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: count, select: { passwordHash: true } }),
  ]);
  const hashes = new Set(history.map((entry) => entry.passwordHash));
  if (profile && !hashes.has(profile.passwordHash)) {
    // A password set before history was kept: it is the newest, so it displaces the oldest entry.
    hashes.add(profile.passwordHash);
    if (hashes.size > count) hashes.delete(history.at(-1)!.passwordHash);
  }
  for (const hash of hashes) {
    if (await verifyPassword(hash, password)) {
      const which = count === 1 ? "your current password" : `one of your last ${count} passwords`;
      throw new IamError("PasswordPolicyViolation", `The account's password policy does not allow reusing ${which}. Choose a password you have not used before.`);
    }
  }
}

/** Appends a newly set password's hash and forgets hashes beyond the largest reuse window. */
export async function recordPasswordHistory(tx: Tx, userId: string, passwordHash: string): Promise<void> {
  await tx.passwordHistory.create({ data: { userId, passwordHash } });
  const stale = await tx.passwordHistory.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, skip: MAX_PASSWORD_HISTORY, select: { id: true } });
  if (stale.length > 0) await tx.passwordHistory.deleteMany({ where: { id: { in: stale.map((entry) => entry.id) } } });
}

/** Stores a user's new console password hash, remembering it for reuse prevention. */
export async function hashNewPassword(tx: Tx, userId: string, password: string): Promise<string> {
  const passwordHash = await hashPassword(password);
  await recordPasswordHistory(tx, userId, passwordHash);
  return passwordHash;
}

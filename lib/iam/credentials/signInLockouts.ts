// A user's sign-in lockouts, as an administrator sees and ends them. Failed passwords and codes lock
// the user out only from the address they came from, and slow them down elsewhere by a few seconds
// (lib/auth/throttle.ts). UnlockLoginProfile is the administrator's "Unlock": it needs
// iam:UpdateLoginProfile on the user (the action that administers a user's console sign-in; a
// password reset unlocks too), and its audited decision is what restarts the user's count.

import { z } from "zod";
import { principalThrottle } from "@/lib/auth/throttle";
import type { Tx } from "@/lib/db/client";
import { operation } from "../core/operation";
import { UserName } from "../core/validation";
import { actsOnUser, requireUser } from "../users/entity";

export interface SignInLockouts {
  /** Addresses this user's sign-in is locked out (or slowed) from, and until when. */
  readonly Addresses: readonly { readonly SourceIp: string; readonly Kind: "lockout" | "backoff"; readonly Until: Date }[];
  /** Sign-in from anywhere is slowed until then (never locked). */
  readonly SlowedUntil?: Date;
}

export async function signInLockouts(tx: Tx, userArn: string, now = new Date()): Promise<SignInLockouts> {
  const state = await principalThrottle(tx, userArn, now);
  return {
    Addresses: state.addresses.map((address) => ({ SourceIp: address.sourceIp, Kind: address.kind, Until: address.until })),
    ...(state.slowedUntil ? { SlowedUntil: state.slowedUntil } : {}),
  };
}

export const UnlockLoginProfile = operation({
  name: "UnlockLoginProfile",
  action: "iam:UpdateLoginProfile",
  input: z.object({ UserName }),
  ...actsOnUser,
  run: async ({ tx, input, caller }): Promise<{ Unlocked: SignInLockouts }> => {
    const user = await requireUser(tx, caller, input.UserName);
    // Nothing to write but the audit event of this decision, which the throttle reads as the reset.
    return { Unlocked: await signInLockouts(tx, user.arn) };
  },
});

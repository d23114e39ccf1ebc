// The sign-in throttle (lib/auth/throttle.ts) also guards the password and code checks inside
// operations: ChangePassword's current password, and the codes of MFA enrollment and resync. Their
// failures are counted with sign-in failures (the audit log's Failed events), so an attacker with a
// session cannot use them as an unthrottled oracle. Sign-in checks under way (claims,
// lib/auth/authenticatorClaims.ts) count here too. These checks do not claim themselves yet: they
// run inside the operation's transaction, where a claim would be seen by nobody until it commits,
// and a wrong password or code rolls it back. Claiming them needs execute() to claim before the
// operation's transaction, and to end the claim in the transaction that records the outcome.

import type { Caller } from "@/lib/auth/caller";
import { checkThrottle } from "@/lib/auth/throttle";
import type { Tx } from "@/lib/db/client";
import { IamError } from "../core/errors";

/** Throws LimitExceeded while the caller's password and code checks are throttled. */
export async function refuseWhileThrottled(tx: Tx, caller: Caller): Promise<void> {
  const decision = await checkThrottle(tx, { principalArn: caller.arn, sourceIp: caller.sourceIp });
  if (!decision) return;
  const wait = Math.max(1, Math.ceil((decision.until.getTime() - Date.now()) / 1000));
  throw new IamError(
    "LimitExceeded",
    `Too many incorrect passwords or codes were entered for ${caller.arn} recently. Wait ${wait} second${wait === 1 ? "" : "s"} and try again.`,
  );
}

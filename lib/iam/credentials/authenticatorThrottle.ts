// The sign-in throttle (lib/auth/throttle.ts) also guards the password and code checks inside
// operations: ChangePassword's current password, the codes of MFA enrollment and resync, and the MFA
// codes of AssumeRole and GetSessionToken. Their failures are counted with sign-in failures (the audit
// log's Failed events), so an attacker with a session cannot use them as an unthrottled oracle. Such
// an operation declares checksAuthenticator; execute() then claims the check before the operation's
// transaction (a claim made inside it would be seen by nobody until it committed, and a wrong
// password or code rolls it back) and ends the claim in the transaction that records the outcome.

import type { Caller } from "@/lib/auth/caller";
import { claimAuthenticatorCheck, type AuthenticatorClaim } from "@/lib/auth/authenticatorClaims";
import { IamError } from "../core/errors";

/** Claims the caller's password or code check; throws LimitExceeded while the caller's checks are throttled. */
export async function claimOrRefuse(caller: Caller): Promise<AuthenticatorClaim> {
  const outcome = await claimAuthenticatorCheck({ principalArn: caller.arn, sourceIp: caller.sourceIp });
  if ("claim" in outcome) return outcome.claim;
  const wait = outcome.decision ? Math.max(1, Math.ceil((outcome.decision.until.getTime() - Date.now()) / 1000)) : 1;
  throw new IamError(
    "LimitExceeded",
    `Too many incorrect passwords or codes were entered for ${caller.arn} recently. Wait ${wait} second${wait === 1 ? "" : "s"} and try again.`,
  );
}

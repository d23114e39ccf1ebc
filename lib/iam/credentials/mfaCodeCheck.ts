// An MFA code passed to STS (AssumeRole's and GetSessionToken's SerialNumber and TokenCode): it must
// be the current code of an enabled device of the caller's own, the IAM user's or the root user's.
// A code counts once (lib/auth/mfaCodes.ts moves the device's last used step forward), and a wrong
// one counts towards the caller's authenticator throttle like a wrong sign-in code: the
// InvalidAuthenticationCode this throws is audited as Failed under the STS action, which
// lib/auth/throttle.ts counts. So an attacker holding a user's access key cannot use STS as an
// unthrottled oracle for the user's MFA codes.

import type { Caller } from "@/lib/auth/caller";
import { consumeCode } from "@/lib/auth/mfaCodes";
import type { Tx } from "@/lib/db/client";
import { IamError } from "../core/errors";

/** AWS's message for a wrong, replayed or foreign code (STS's InvalidAuthenticationCode). */
export const INVALID_MFA_CODE_MESSAGE = "MultiFactorAuthentication failed with invalid MFA one time pass code.";

export interface MfaCode {
  readonly SerialNumber: string;
  readonly TokenCode: string;
}

/** Whether the device belongs to the caller itself: an IAM user's own, or the root user's own. */
function ownedBy(device: { userId: string | null; rootAccountId: string | null }, caller: Caller): boolean {
  if (caller.kind === "user") return caller.userId !== undefined && device.userId === caller.userId;
  if (caller.kind === "root") return caller.accountId !== undefined && device.rootAccountId === caller.accountId;
  return false;
}

/** Checks the code, once, against the caller's own enabled device with that serial number; throws otherwise. */
export async function checkMfaCode(tx: Tx, caller: Caller, { SerialNumber, TokenCode }: MfaCode): Promise<void> {
  const device = await tx.mfaDevice.findUnique({ where: { serialNumber: SerialNumber } });
  // One answer for every failure, so a caller learns nothing about other principals' devices.
  if (!device || !ownedBy(device, caller) || !device.enabledAt || !(await consumeCode(tx, device, TokenCode))) {
    throw new IamError("InvalidAuthenticationCode", INVALID_MFA_CODE_MESSAGE);
  }
}

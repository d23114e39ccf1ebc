// Checking codes against a stored MFA device. The seed is opened only here, for the moment of the
// check. A code counts once: the device's lastUsedTimeStep moves forward in the same transaction,
// with a conditional update, so two requests racing with the same code (on two app instances, say)
// cannot both succeed.

import type { Tx } from "@/lib/db/client";
import { open, seal } from "./crypto";
import { generateTotpSecret, verifyConsecutiveTotp, verifyTotp } from "./totp";
import { MFA_SEED_PURPOSE } from "./secretPurposes";

/** The associated data MFA seeds are sealed with, so no other sealed value can stand in for one. */

export interface StoredDevice {
  readonly id: string;
  readonly secretCiphertext: string;
  readonly lastUsedTimeStep: number | null;
}

/** A new seed, in the clear (shown once) and sealed (stored). */
export function newSeed(): { readonly seed: string; readonly sealed: string } {
  const seed = generateTotpSecret();
  return { seed, sealed: seal(seed, MFA_SEED_PURPOSE) };
}

/** Moves lastUsedTimeStep to `step` unless another request got there first; true when this one did. */
async function claimStep(tx: Tx, device: StoredDevice, step: number, extra: { enabledAt?: Date } = {}): Promise<boolean> {
  const { count } = await tx.mfaDevice.updateMany({
    where: { id: device.id, OR: [{ lastUsedTimeStep: null }, { lastUsedTimeStep: { lt: step } }] },
    data: { lastUsedTimeStep: step, ...extra },
  });
  return count === 1;
}

/** Sign-in: one code, ±1 step, never one from an already used step. */
export async function consumeCode(tx: Tx, device: StoredDevice, code: string, now = new Date()): Promise<boolean> {
  const step = await verifyTotp(open(device.secretCiphertext, MFA_SEED_PURPOSE), code, { now, lastUsedTimeStep: device.lastUsedTimeStep });
  return step !== undefined && claimStep(tx, device, step);
}

/** Enrollment and resync: two consecutive codes; `enable` also marks the device enabled in the same update. */
export async function consumeConsecutiveCodes(
  tx: Tx,
  device: StoredDevice,
  code1: string,
  code2: string,
  options: { now?: Date; enable?: boolean } = {},
): Promise<boolean> {
  const now = options.now ?? new Date();
  const step = await verifyConsecutiveTotp(open(device.secretCiphertext, MFA_SEED_PURPOSE), code1, code2, { now, lastUsedTimeStep: device.lastUsedTimeStep });
  return step !== undefined && claimStep(tx, device, step, options.enable ? { enabledAt: now } : {});
}

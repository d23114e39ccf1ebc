// Whose MFA devices an operation acts on. AWS's MFA APIs take an optional UserName: absent, they act
// on the caller itself, which for the root user means the root user's own devices (an IAM user can
// never name the root user, so only root manages root's MFA). The resource the engine is asked about
// is that principal's ARN, as AWS's EnableMFADevice and friends use the user resource type.

import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import { accountRootArn } from "@/lib/policy";
import { accountOf, requireUser, userResource } from "./entities";
import { IamError } from "./errors";

export type MfaOwner =
  | { readonly kind: "root"; readonly accountId: string; readonly arn: string }
  | { readonly kind: "user"; readonly accountId: string; readonly arn: string; readonly userId: string; readonly userName: string };

/** arn:aws:iam::ACCOUNT:mfa/NAME, AWS's serial number for a virtual MFA device. */
export const mfaSerialNumber = (accountId: string, deviceName: string) => `arn:aws:iam::${accountId}:mfa/${deviceName}`;

/** The ARN the engine decides on: the named user's (with its path), or the caller's own. */
export async function mfaOwnerResource(tx: Tx, caller: Caller, userName: string | undefined): Promise<string> {
  return userName ? userResource(tx, caller, userName) : caller.arn;
}

export async function resolveMfaOwner(tx: Tx, caller: Caller, userName: string | undefined): Promise<MfaOwner> {
  const accountId = accountOf(caller);
  if (userName) {
    const user = await requireUser(tx, caller, userName);
    return { kind: "user", accountId, arn: user.arn, userId: user.id, userName: user.name };
  }
  if (caller.kind === "root") return { kind: "root", accountId, arn: accountRootArn(accountId) };
  if (caller.kind === "user" && caller.userId && caller.userName) {
    return { kind: "user", accountId, arn: caller.arn, userId: caller.userId, userName: caller.userName };
  }
  throw new IamError("InvalidInput", "Name the user whose MFA devices to manage (UserName).");
}

/** The Prisma filter for devices assigned to (or being enrolled for) this principal. */
export function ownedBy(owner: MfaOwner): { userId: string } | { rootAccountId: string } {
  return owner.kind === "root" ? { rootAccountId: owner.accountId } : { userId: owner.userId };
}

export function isOwnedBy(device: { userId: string | null; rootAccountId: string | null }, owner: MfaOwner): boolean {
  return owner.kind === "root" ? device.rootAccountId === owner.accountId : device.userId === owner.userId;
}

/** Whether the caller is acting on its own devices. */
export function isSelf(caller: Caller, owner: MfaOwner): boolean {
  return owner.kind === "root" ? caller.kind === "root" && caller.accountId === owner.accountId : caller.kind === "user" && caller.userId === owner.userId;
}

/** The device a SerialNumber names, in the caller's account only. */
export async function requireDevice(tx: Tx, caller: Caller, serialNumber: string) {
  const device = await tx.mfaDevice.findUnique({ where: { serialNumber } });
  if (!device || device.accountId !== accountOf(caller)) {
    throw new IamError("NoSuchEntity", `The MFA device with serial number ${serialNumber} cannot be found.`);
  }
  return device;
}

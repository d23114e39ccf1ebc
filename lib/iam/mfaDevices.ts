// Virtual (TOTP) MFA devices, with AWS's API names, actions and shapes:
//   CreateVirtualMFADevice → the seed and QR code, returned once; the seed is stored only sealed.
//   EnableMFADevice (two consecutive codes) → the device is assigned and active.
//   ResyncMFADevice, DeactivateMFADevice, DeleteVirtualMFADevice, ListMFADevices.
// Portcullis stores a device being enrolled with the principal it is for (CreateVirtualMFADevice's
// optional UserName, default the caller), so an abandoned enrollment can be replaced rather than
// blocking the name; a deactivated device is unassigned, as in AWS, until it is deleted.

import QRCode from "qrcode";
import { z } from "zod";
import { consumeConsecutiveCodes, newSeed } from "@/lib/auth/mfaCodes";
import { totpUri } from "@/lib/auth/totp";
import { requireAllowed } from "./authorize";
import { accountOf, userTagContext } from "./entities";
import { IamError } from "./errors";
import { isOwnedBy, isSelf, mfaOwnerResource, mfaSerialNumber, ownedBy, requireDevice, resolveMfaOwner, type MfaOwner } from "./mfaOwners";
import { operation } from "./operation";
import { limitExceeded, QUOTAS } from "./quotas";
import { UserName } from "./validation";
import type { Tx } from "@/lib/db/client";

const DeviceName = z
  .string({ error: "VirtualMFADeviceName is required" })
  .min(1, "must not be empty")
  .max(226, "must be at most 226 characters")
  .regex(/^[\w+=,.@-]+$/, "may contain only letters, digits and + = , . @ _ -");
const SerialNumber = z
  .string({ error: "SerialNumber is required" })
  .min(9, "must be an MFA device ARN such as arn:aws:iam::123456789012:mfa/phone")
  .max(256, "must be at most 256 characters")
  .regex(/^[\w+=/:,.@-]+$/, "must be an MFA device ARN such as arn:aws:iam::123456789012:mfa/phone");
// The message never echoes what was typed: a code is a credential.
const AuthenticationCode = z.string({ error: "enter the 6-digit code" }).regex(/^\d{6}$/, "must be the 6 digits your authenticator app shows");

const invalidCodes = () =>
  new IamError(
    "InvalidAuthenticationCode",
    "The codes were not accepted. Enter two consecutive codes: type the code the app shows, wait for it to change, then type the next one. If it still fails, check that the device's clock is set automatically.",
  );

async function requireUnderQuota(tx: Tx, owner: MfaOwner) {
  const inUse = await tx.mfaDevice.count({ where: { ...ownedBy(owner), enabledAt: { not: null } } });
  const who = owner.kind === "root" ? "The root user" : `The user ${owner.userName}`;
  if (inUse >= QUOTAS.MFADevicesPerUser) throw limitExceeded("MFADevicesPerUser", `${who} already has ${inUse} MFA devices; remove one first.`);
}

/** The label an authenticator app shows: "<alias or account ID>:<user name or root>". */
async function appLabel(tx: Tx, owner: MfaOwner): Promise<{ account: string; principal: string }> {
  const account = await tx.account.findUnique({ where: { id: owner.accountId }, select: { alias: true } });
  return { account: account?.alias ?? owner.accountId, principal: owner.kind === "root" ? "root" : owner.userName };
}

const ownerContext = (tx: Tx, input: { UserName?: string }, caller: Parameters<typeof userTagContext>[1]) =>
  input.UserName ? userTagContext(tx, caller, input.UserName) : {};

export interface VirtualMFADevice {
  readonly SerialNumber: string;
  /** The TOTP seed, Base32: returned by CreateVirtualMFADevice only, never again. */
  readonly Base32StringSeed: string;
  /** The otpauth:// URI as a QR code: PNG bytes, base64-encoded, as AWS returns them. */
  readonly QRCodePNG: string;
}

export const CreateVirtualMFADevice = operation({
  name: "CreateVirtualMFADevice",
  action: "iam:CreateVirtualMFADevice",
  input: z.object({ VirtualMFADeviceName: DeviceName, UserName: UserName.optional() }),
  resource: (input, caller) => mfaSerialNumber(accountOf(caller), input.VirtualMFADeviceName),
  run: async (tx, input, caller): Promise<{ VirtualMFADevice: VirtualMFADevice }> => {
    const owner = await resolveMfaOwner(tx, caller, input.UserName);
    // Preparing a device for someone else is only useful to whoever may then assign it to them.
    if (!isSelf(caller, owner)) await requireAllowed(tx, caller, "iam:EnableMFADevice", owner.arn);
    await requireUnderQuota(tx, owner);
    const serialNumber = mfaSerialNumber(owner.accountId, input.VirtualMFADeviceName);
    const existing = await tx.mfaDevice.findUnique({ where: { serialNumber } });
    const abandoned = existing && !existing.enabledAt && ((!existing.userId && !existing.rootAccountId) || isOwnedBy(existing, owner));
    if (existing && !abandoned) {
      throw new IamError("EntityAlreadyExists", `An MFA device named ${input.VirtualMFADeviceName} already exists in this account. Choose another name.`);
    }
    // One enrollment at a time per principal: starting again abandons any unfinished one.
    await tx.mfaDevice.deleteMany({ where: { ...ownedBy(owner), enabledAt: null } });
    if (existing) await tx.mfaDevice.deleteMany({ where: { id: existing.id } });
    const { seed, sealed } = newSeed();
    await tx.mfaDevice.create({
      data: { accountId: owner.accountId, serialNumber, name: input.VirtualMFADeviceName, secretCiphertext: sealed, ...ownedBy(owner) },
    });
    const label = await appLabel(tx, owner);
    const dataUrl = await QRCode.toDataURL(totpUri(seed, label.account, label.principal), { errorCorrectionLevel: "M", margin: 1, width: 240 });
    return { VirtualMFADevice: { SerialNumber: serialNumber, Base32StringSeed: seed, QRCodePNG: dataUrl.replace(/^data:image\/png;base64,/, "") } };
  },
});

const CodesInput = z.object({
  UserName: UserName.optional(),
  SerialNumber,
  AuthenticationCode1: AuthenticationCode,
  AuthenticationCode2: AuthenticationCode,
});

export const EnableMFADevice = operation({
  name: "EnableMFADevice",
  action: "iam:EnableMFADevice",
  input: CodesInput,
  resource: (input, caller, tx) => mfaOwnerResource(tx, caller, input.UserName),
  context: ownerContext,
  run: async (tx, input, caller) => {
    const owner = await resolveMfaOwner(tx, caller, input.UserName);
    const device = await requireDevice(tx, caller, input.SerialNumber);
    if (device.enabledAt) throw new IamError("EntityAlreadyExists", `The MFA device ${input.SerialNumber} is already enabled. Deactivate it first to assign it again.`);
    if ((device.userId || device.rootAccountId) && !isOwnedBy(device, owner)) {
      throw new IamError("InvalidInput", `The MFA device ${input.SerialNumber} was created for another principal; create a new device for this one.`);
    }
    await requireUnderQuota(tx, owner);
    if (!(await consumeConsecutiveCodes(tx, device, input.AuthenticationCode1, input.AuthenticationCode2, { enable: true }))) throw invalidCodes();
    await tx.mfaDevice.update({ where: { id: device.id }, data: ownedBy(owner) });
    return {};
  },
});

/** An enabled device of this owner, or NoSuchEntity. */
async function requireAssignedDevice(tx: Tx, caller: Parameters<typeof requireDevice>[1], owner: MfaOwner, serialNumber: string) {
  const device = await requireDevice(tx, caller, serialNumber);
  if (!device.enabledAt || !isOwnedBy(device, owner)) {
    const who = owner.kind === "root" ? "the root user" : `the user ${owner.userName}`;
    throw new IamError("NoSuchEntity", `No enabled MFA device with serial number ${serialNumber} is assigned to ${who}.`);
  }
  return device;
}

export const ResyncMFADevice = operation({
  name: "ResyncMFADevice",
  action: "iam:ResyncMFADevice",
  input: CodesInput,
  resource: (input, caller, tx) => mfaOwnerResource(tx, caller, input.UserName),
  context: ownerContext,
  run: async (tx, input, caller) => {
    const owner = await resolveMfaOwner(tx, caller, input.UserName);
    const device = await requireAssignedDevice(tx, caller, owner, input.SerialNumber);
    if (!(await consumeConsecutiveCodes(tx, device, input.AuthenticationCode1, input.AuthenticationCode2))) throw invalidCodes();
    return {};
  },
});

export const DeactivateMFADevice = operation({
  name: "DeactivateMFADevice",
  action: "iam:DeactivateMFADevice",
  input: z.object({ UserName: UserName.optional(), SerialNumber }),
  resource: (input, caller, tx) => mfaOwnerResource(tx, caller, input.UserName),
  context: ownerContext,
  run: async (tx, input, caller) => {
    const owner = await resolveMfaOwner(tx, caller, input.UserName);
    const device = await requireAssignedDevice(tx, caller, owner, input.SerialNumber);
    // AWS leaves this to policies (aws:MultiFactorAuthPresent); Portcullis also refuses it outright,
    // so a stolen password alone can never remove the second factor it is missing.
    if (isSelf(caller, owner) && !caller.mfaAuthenticated) {
      throw new IamError(
        "AccessDenied",
        "Removing your own MFA device needs a session signed in with MFA. Sign out, sign in again with a code from this device, then remove it.",
      );
    }
    await tx.mfaDevice.update({ where: { id: device.id }, data: { enabledAt: null, userId: null, rootAccountId: null } });
    return {};
  },
});

export const DeleteVirtualMFADevice = operation({
  name: "DeleteVirtualMFADevice",
  action: "iam:DeleteVirtualMFADevice",
  input: z.object({ SerialNumber }),
  resource: (input) => input.SerialNumber,
  run: async (tx, input, caller) => {
    const device = await requireDevice(tx, caller, input.SerialNumber);
    if (device.enabledAt) throw new IamError("DeleteConflict", `The MFA device ${input.SerialNumber} is enabled. Deactivate it first.`);
    await tx.mfaDevice.delete({ where: { id: device.id } });
    return {};
  },
});

export interface MFADeviceView {
  /** Absent for the root user's devices. */
  readonly UserName?: string;
  readonly SerialNumber: string;
  readonly EnableDate: Date;
}

export const ListMFADevices = operation({
  name: "ListMFADevices",
  action: "iam:ListMFADevices",
  readOnly: true,
  input: z.object({ UserName: UserName.optional() }),
  resource: (input, caller, tx) => mfaOwnerResource(tx, caller, input.UserName),
  context: ownerContext,
  run: async (tx, input, caller): Promise<{ MFADevices: MFADeviceView[]; IsTruncated: false }> => {
    const owner = await resolveMfaOwner(tx, caller, input.UserName);
    // Never the seed: only what identifies the device and when it was enabled.
    const rows = await tx.mfaDevice.findMany({
      where: { ...ownedBy(owner), enabledAt: { not: null } },
      orderBy: { enabledAt: "asc" },
      select: { serialNumber: true, enabledAt: true },
    });
    const userName = owner.kind === "user" ? owner.userName : undefined;
    return {
      MFADevices: rows.map((row) => ({ ...(userName ? { UserName: userName } : {}), SerialNumber: row.serialNumber, EnableDate: row.enabledAt! })),
      IsTruncated: false,
    };
  },
});

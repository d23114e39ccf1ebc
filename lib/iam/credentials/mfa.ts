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
import { endSessions } from "@/lib/auth/sessionGeneration";
import { totpUri } from "@/lib/auth/totp";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import { compilePolicy, type CompiledPolicy } from "@/lib/policy";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import { operation, type Hooks } from "../core/operation";
import { PageInput, pageFields, pageWindow, toPage, type Page } from "../core/pagination";
import { limitExceeded } from "../core/quotas";
import { QUOTAS } from "../core/rules";
import { UserName } from "../core/validation";
import { userResource } from "../users/entity";
import { actsOnCredentialOwner, isOwnedBy, isSelf, ownedBy, ownerLabel, resolveCredentialOwner, type CredentialOwner } from "./owner";

/** arn:aws:iam::ACCOUNT:mfa/NAME, AWS's serial number for a virtual MFA device. */
export const mfaSerialNumber = (accountId: string, deviceName: string) => `arn:aws:iam::${accountId}:mfa/${deviceName}`;

/** The device a SerialNumber names, in the caller's account only. */
async function requireDevice(tx: Tx, caller: Caller, serialNumber: string) {
  const device = await tx.mfaDevice.findUnique({ where: { serialNumber } });
  if (!device || device.accountId !== accountOf(caller)) {
    throw new IamError("NoSuchEntity", `The MFA device with serial number ${serialNumber} cannot be found.`);
  }
  return device;
}

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

async function requireUnderQuota(tx: Tx, owner: CredentialOwner) {
  const inUse = await tx.mfaDevice.count({ where: { ...ownedBy(owner), enabledAt: { not: null } } });
  if (inUse >= QUOTAS.MFADevicesPerUser) throw limitExceeded("MFADevicesPerUser", `${ownerLabel(owner)} already has ${inUse} MFA devices; remove one first.`);
}

/** The label an authenticator app shows: "<alias or account ID>:<user name or root>". */
async function appLabel(tx: Tx, owner: CredentialOwner): Promise<{ account: string; principal: string }> {
  const account = await tx.account.findUnique({ where: { id: owner.accountId }, select: { alias: true } });
  return { account: account?.alias ?? owner.accountId, principal: owner.kind === "root" ? "root" : owner.userName };
}


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
  resource: ({ input, caller }) => mfaSerialNumber(accountOf(caller), input.VirtualMFADeviceName),
  // Preparing a device for someone else is only useful to whoever may then assign it to them.
  additionalAuthorizations: async ({ tx, input, caller }) =>
    input.UserName === undefined ? [] : [{ action: "iam:EnableMFADevice", resource: await userResource(tx, caller, input.UserName) }],
  run: async ({ tx, input, caller }): Promise<{ VirtualMFADevice: VirtualMFADevice }> => {
    const owner = await resolveCredentialOwner(tx, caller, input.UserName);
    await requireUnderQuota(tx, owner);
    const serialNumber = mfaSerialNumber(owner.accountId, input.VirtualMFADeviceName);
    const existing = await tx.mfaDevice.findUnique({ where: { serialNumber } });
    // Only this principal's own unfinished enrollment may be replaced: a name any other device uses
    // (another principal's, or one deactivated and not yet deleted) is taken, as in AWS.
    const ownUnfinished = existing && !existing.enabledAt && isOwnedBy(existing, owner);
    if (existing && !ownUnfinished) {
      throw new IamError("EntityAlreadyExists", `An MFA device named ${input.VirtualMFADeviceName} already exists in this account. Choose another name, or delete that device first.`);
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
  ...actsOnCredentialOwner,
  checksAuthenticator: () => true,
  run: async ({ tx, input, caller }) => {
    const owner = await resolveCredentialOwner(tx, caller, input.UserName);
    const device = await requireDevice(tx, caller, input.SerialNumber);
    if (device.enabledAt) throw new IamError("EntityAlreadyExists", `The MFA device ${input.SerialNumber} is already enabled. Deactivate it first to assign it again.`);
    // AWS's devices are unassigned until enabled: an administrator creates one, then enables it for a
    // user. A device being enrolled may be enabled for the principal it was created for, or by the
    // principal who created it for whomever they may enable it for (the engine decided that above).
    const createdByCaller = await resolveCredentialOwner(tx, caller, undefined).then(
      (own) => isOwnedBy(device, own),
      () => false,
    );
    if ((device.userId || device.rootAccountId) && !isOwnedBy(device, owner) && !createdByCaller) {
      throw new IamError("InvalidInput", `The MFA device ${input.SerialNumber} was created for another principal; create a new device for this one.`);
    }
    await requireUnderQuota(tx, owner);
    if (!(await consumeConsecutiveCodes(tx, device, input.AuthenticationCode1, input.AuthenticationCode2, { enable: true }))) throw invalidCodes();
    await tx.mfaDevice.update({ where: { id: device.id }, data: ownedBy(owner) });
    await endSessions(tx, owner);
    return {};
  },
});

/** An enabled device of this owner, or NoSuchEntity. */
async function requireAssignedDevice(tx: Tx, caller: Caller, owner: CredentialOwner, serialNumber: string) {
  const device = await requireDevice(tx, caller, serialNumber);
  if (!device.enabledAt || !isOwnedBy(device, owner)) {
    throw new IamError("NoSuchEntity", `No enabled MFA device with serial number ${serialNumber} is assigned to ${ownerLabel(owner).replace(/^The/, "the")}.`);
  }
  return device;
}

export const ResyncMFADevice = operation({
  name: "ResyncMFADevice",
  action: "iam:ResyncMFADevice",
  input: CodesInput,
  ...actsOnCredentialOwner,
  checksAuthenticator: () => true,
  run: async ({ tx, input, caller }) => {
    const owner = await resolveCredentialOwner(tx, caller, input.UserName);
    const device = await requireAssignedDevice(tx, caller, owner, input.SerialNumber);
    if (!(await consumeConsecutiveCodes(tx, device, input.AuthenticationCode1, input.AuthenticationCode2))) throw invalidCodes();
    return {};
  },
});

export const MFA_GUARD_RAIL = "Portcullis guard rail (removing your own MFA device needs an MFA session)";

/**
 * AWS leaves this to policies (aws:MultiFactorAuthPresent); Portcullis also denies it outright, so a
 * stolen password alone can never remove the second factor it is missing. As a built-in Deny the
 * engine decides and explains it ("sign in again with a code from this device, then remove it").
 */
async function mfaRemovalGuardRail({ tx, input, caller }: Hooks<{ UserName?: string }>): Promise<readonly CompiledPolicy[]> {
  if (caller.mfaAuthenticated || caller.kind === "anonymous") return [];
  const owner = await resolveCredentialOwner(tx, caller, input.UserName).catch(() => undefined);
  if (!owner || !isSelf(caller, owner)) return [];
  return [
    compilePolicy(
      {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "SignInWithMFAToRemoveYourOwnMFADevice",
            Effect: "Deny",
            Action: ["iam:DeactivateMFADevice"],
            Resource: [caller.arn],
            // Only ever added to a session without MFA; the condition says so in the explanation, so
            // the denial reads as "sign in again with MFA" rather than "ask an administrator".
            Condition: [{ operator: "BoolIfExists", key: "aws:MultiFactorAuthPresent", values: ["false"] }],
          },
        ],
      },
      MFA_GUARD_RAIL,
    ),
  ];
}

export const DeactivateMFADevice = operation({
  name: "DeactivateMFADevice",
  action: "iam:DeactivateMFADevice",
  input: z.object({ UserName: UserName.optional(), SerialNumber }),
  builtInPolicies: mfaRemovalGuardRail,
  ...actsOnCredentialOwner,
  run: async ({ tx, input, caller }) => {
    const owner = await resolveCredentialOwner(tx, caller, input.UserName);
    const device = await requireAssignedDevice(tx, caller, owner, input.SerialNumber);
    await tx.mfaDevice.update({ where: { id: device.id }, data: { enabledAt: null, userId: null, rootAccountId: null } });
    await endSessions(tx, owner);
    return {};
  },
});

export const DeleteVirtualMFADevice = operation({
  name: "DeleteVirtualMFADevice",
  action: "iam:DeleteVirtualMFADevice",
  input: z.object({ SerialNumber }),
  resource: ({ input }) => input.SerialNumber,
  run: async ({ tx, input, caller }) => {
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
  input: z.object({ UserName: UserName.optional(), ...PageInput }),
  ...actsOnCredentialOwner,
  run: async ({ tx, input, caller }): Promise<{ MFADevices: MFADeviceView[] } & Page> => {
    const owner = await resolveCredentialOwner(tx, caller, input.UserName);
    const { skip, take } = pageWindow(input);
    // Never the seed: only what identifies the device and when it was enabled.
    const rows = await tx.mfaDevice.findMany({
      where: { ...ownedBy(owner), enabledAt: { not: null } },
      orderBy: [{ enabledAt: "asc" }, { id: "asc" }],
      select: { serialNumber: true, enabledAt: true },
      skip,
      take,
    });
    const page = toPage(rows, input);
    const userName = owner.kind === "user" ? owner.userName : undefined;
    return {
      MFADevices: page.items.map((row) => ({ ...(userName ? { UserName: userName } : {}), SerialNumber: row.serialNumber, EnableDate: row.enabledAt! })),
      ...pageFields(page),
    };
  },
});

/**
 * "Remove" as the AWS console does it: DeactivateMFADevice, then DeleteVirtualMFADevice. A caller
 * allowed the first but not the second (AWS's self-manage policy grants only deactivation) has still
 * removed the device from the user: that denial is audited, the unassigned device is harmless, and
 * its name can be reused.
 */
export const RemoveMFADevice = operation({
  name: "RemoveMFADevice",
  action: "iam:DeactivateMFADevice",
  input: z.object({ UserName: UserName.optional(), SerialNumber }),
  ...actsOnCredentialOwner,
  builtInPolicies: mfaRemovalGuardRail,
  run: async ({ input, steps }): Promise<{ Deleted: boolean }> => {
    await steps.run(DeactivateMFADevice, input);
    const deleted = await steps.runIfAllowed(DeleteVirtualMFADevice, { SerialNumber: input.SerialNumber });
    return { Deleted: deleted.allowed };
  },
});

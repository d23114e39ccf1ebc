// The credential controls that "My security credentials" (the caller's own) and a user's Security
// credentials tab (an administrator, with userName) both show: Assign MFA device and the access-key
// buttons, and each device's Resync and Remove. Each is named by the operations its button sends, for
// the page's one pagePermissions call.

import type { Caller } from "@/lib/auth/caller";
import { accountOf } from "@/lib/iam/core/account";
import { CreateAccessKey, DeleteAccessKey, UpdateAccessKey } from "@/lib/iam/credentials/accessKeys";
import { CreateVirtualMFADevice, EnableMFADevice, mfaSerialNumber, RemoveMFADevice, ResyncMFADevice } from "@/lib/iam/credentials/mfa";
import type { PermissionCheck } from "@/lib/iam/policies/callerPermissions";

// Access-key actions are decided on the key's owner, not the key: one check stands for every row.
const ANY_KEY = "AKIAIOSFODNN7EXAMPLE";
const ANY_CODE = "000000";

/**
 * Assigning a device is two calls (create it under the typed name, then enable it with two codes); the
 * name is still to be typed, so a grant on mfa/${aws:username} reads "depends" with its note.
 */
export function credentialPermissionChecks(caller: Caller, suggestedDeviceName: string, userName?: string) {
  const owner = userName === undefined ? {} : { UserName: userName };
  return {
    createMfaDevice: { Operation: CreateVirtualMFADevice, Input: { VirtualMFADeviceName: suggestedDeviceName, ...owner }, InputVaries: true },
    enableMfaDevice: {
      Operation: EnableMFADevice,
      Input: { ...owner, SerialNumber: mfaSerialNumber(accountOf(caller), suggestedDeviceName), AuthenticationCode1: ANY_CODE, AuthenticationCode2: ANY_CODE },
    },
    // Like access keys, a device's Resync and Remove are decided on its owner: one check stands for every row.
    resyncMfaDevice: {
      Operation: ResyncMFADevice,
      Input: { ...owner, SerialNumber: mfaSerialNumber(accountOf(caller), suggestedDeviceName), AuthenticationCode1: ANY_CODE, AuthenticationCode2: ANY_CODE },
    },
    removeMfaDevice: { Operation: RemoveMFADevice, Input: { ...owner, SerialNumber: mfaSerialNumber(accountOf(caller), suggestedDeviceName) } },
    createAccessKey: { Operation: CreateAccessKey, Input: owner },
    updateAccessKey: { Operation: UpdateAccessKey, Input: { ...owner, AccessKeyId: ANY_KEY, Status: "Inactive" } },
    deleteAccessKey: { Operation: DeleteAccessKey, Input: { ...owner, AccessKeyId: ANY_KEY } },
  } satisfies Record<string, PermissionCheck>;
}

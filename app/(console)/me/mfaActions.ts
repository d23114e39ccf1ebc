"use server";

// MFA device changes from "My security credentials" (userName null: the signed-in principal's own
// devices) and from a user's Security credentials tab (an administrator acting for that user). Each
// runs the IAM operations as the signed-in caller; the seed leaves the server only in the response
// to the create step, for the enrollment dialog to show. Enabling or deactivating a device ends every
// session of its owner; when the owner is the caller, the session that made the change is kept.

import { revalidatePath } from "next/cache";
import type { Caller } from "@/lib/auth/caller";
import { requireCaller } from "@/lib/auth/session";
import { keepCurrentSession } from "@/lib/auth/sessionCookie";
import { isIamError, toErrorView } from "@/lib/iam/core/errors";
import { CreateVirtualMFADevice, EnableMFADevice, RemoveMFADevice, ResyncMFADevice } from "@/lib/iam/credentials/mfa";
import { execute } from "@/lib/iam/core/operation";
import type { Notice, NoticeKind } from "@/components/feedback/notice";
import type { ActionState } from "@/components/forms/actionState";
import type { CreateMfaDeviceState, EnableMfaDeviceState } from "@/components/me/mfaState";
import { userHref } from "@/components/users/userHref";
import { field, runMutation } from "../_server/runMutation";
import { nameInArn } from "../_server/notices";
import { boundArgument, formArgument } from "../_server/actionArguments";

function refresh(userName: string | null) {
  revalidatePath(userName ? userHref(userName) : "/me");
  // The dashboard's "Enable MFA for the root user" item reads the same devices.
  revalidatePath("/dashboard");
}

const owner = (userName: string | null) => (userName ? { UserName: userName } : {});

/** Whether the device's owner is the signed-in caller (user names are unique without regard to case). */
const ownDevice = (caller: Caller, userName: string | null) => userName === null || (caller.kind === "user" && caller.userName?.toLowerCase() === userName.toLowerCase());

/** The notice for a change to a device: "own-…" when it is the caller's own (it tells them what to do next), else naming the user. */
function deviceNotice(caller: Caller, userName: string | null, serialNumber: string, own: NoticeKind, theirs: NoticeKind): Notice {
  const object = nameInArn(serialNumber);
  return ownDevice(caller, userName) || userName === null ? { kind: own, object } : { kind: theirs, subject: userName, object };
}

export async function createMfaDevice(userName: string | null, _previous: CreateMfaDeviceState, form: FormData): Promise<CreateMfaDeviceState> {
  const invalid = boundArgument(CreateVirtualMFADevice, "UserName", userName ?? undefined) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  try {
    const { VirtualMFADevice } = await execute(CreateVirtualMFADevice, { VirtualMFADeviceName: field(form, "deviceName").trim(), ...owner(userName) }, caller);
    return { device: VirtualMFADevice };
  } catch (error) {
    if (isIamError(error)) return { error: toErrorView(error) };
    throw error;
  }
}

function codes(form: FormData) {
  return {
    SerialNumber: field(form, "serialNumber"),
    AuthenticationCode1: field(form, "code1").replace(/\s+/g, ""),
    AuthenticationCode2: field(form, "code2").replace(/\s+/g, ""),
  };
}

export async function enableMfaDevice(userName: string | null, _previous: EnableMfaDeviceState, form: FormData): Promise<EnableMfaDeviceState> {
  const invalid = boundArgument(EnableMFADevice, "UserName", userName ?? undefined) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const result = await runMutation(() => execute(EnableMFADevice, { ...codes(form), ...owner(userName) }, caller),
    deviceNotice(caller, userName, field(form, "serialNumber"), "own-mfa-device-added", "mfa-device-added"),
  );
  if (result.error) return result;
  if (ownDevice(caller, userName)) await keepCurrentSession();
  refresh(userName);
  return { enabled: true };
}

export async function resyncMfaDevice(userName: string | null, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(ResyncMFADevice, "UserName", userName ?? undefined) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const result = await runMutation(() => execute(ResyncMFADevice, { ...codes(form), ...owner(userName) }, caller), {
    kind: "mfa-device-resynced",
    object: nameInArn(field(form, "serialNumber")),
  });
  refresh(userName);
  return result;
}

/** "Remove" as the AWS console does it: RemoveMFADevice deactivates the device, then deletes it if allowed. */
export async function removeMfaDevice(userName: string | null, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(RemoveMFADevice, "UserName", userName ?? undefined) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const result = await runMutation(() => execute(RemoveMFADevice, { SerialNumber: field(form, "serialNumber"), ...owner(userName) }, caller),
    deviceNotice(caller, userName, field(form, "serialNumber"), "own-mfa-device-removed", "mfa-device-removed"),
  );
  if (!result.error && ownDevice(caller, userName)) await keepCurrentSession();
  refresh(userName);
  return result;
}

"use server";

// Access keys from /me (own keys: userName undefined) and from a user's Security credentials tab.
// CreateAccessKey's secret goes back to the browser in this one response and nowhere else: it is not
// logged, not audited, and the re-rendered page lists keys without it.

import { revalidatePath } from "next/cache";
import { requireCaller } from "@/lib/auth/session";
import { CreateAccessKey, DeleteAccessKey, UpdateAccessKey } from "@/lib/iam/credentials/accessKeys";
import { execute } from "@/lib/iam/core/operation";
import type { CreateAccessKeyState, NewAccessKey } from "@/components/accessKeys/accessKeyState";
import type { ActionState } from "@/components/forms/actionState";
import { userHref } from "@/components/users/userHref";
import { field, runMutation } from "./runMutation";
import { boundArgument, formArgument } from "./actionArguments";

function pageOf(userName: string | undefined): string {
  return userName === undefined ? "/me" : userHref(userName);
}

export async function createAccessKey(userName: string | undefined, _previous: CreateAccessKeyState, _form: FormData): Promise<CreateAccessKeyState> {
  const invalid = boundArgument(CreateAccessKey, "UserName", userName);
  if (invalid) return invalid;
  const caller = await requireCaller();
  let created: NewAccessKey | undefined;
  const result = await runMutation(async () => {
    const { AccessKey } = await execute(CreateAccessKey, userName === undefined ? {} : { UserName: userName }, caller);
    created = { AccessKeyId: AccessKey.AccessKeyId, SecretAccessKey: AccessKey.SecretAccessKey, UserName: AccessKey.UserName };
    return AccessKey;
  }, (key) => ({ kind: "access-key-created", object: key.AccessKeyId }));
  revalidatePath(pageOf(userName));
  return result.error ? { error: result.error } : { created };
}

export async function setAccessKeyStatus(userName: string | undefined, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(UpdateAccessKey, "UserName", userName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const Status = field(form, "Status") === "Inactive" ? "Inactive" : "Active";
  const AccessKeyId = field(form, "AccessKeyId");
  const result = await runMutation(() => execute(UpdateAccessKey, { ...(userName === undefined ? {} : { UserName: userName }), AccessKeyId, Status }, caller), {
    kind: Status === "Active" ? "access-key-activated" : "access-key-deactivated",
    object: AccessKeyId,
  });
  revalidatePath(pageOf(userName));
  return result;
}

export async function deleteAccessKey(userName: string | undefined, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(DeleteAccessKey, "UserName", userName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const AccessKeyId = field(form, "AccessKeyId");
  const result = await runMutation(() => execute(DeleteAccessKey, { ...(userName === undefined ? {} : { UserName: userName }), AccessKeyId }, caller), {
    kind: "access-key-deleted",
    object: AccessKeyId,
  });
  revalidatePath(pageOf(userName));
  return result;
}

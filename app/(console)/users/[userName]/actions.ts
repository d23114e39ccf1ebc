"use server";

// Changes made from a user's page: each parses the form, makes one operation call as the signed-in
// caller, and revalidates. Errors come back as values for useActionState.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { AddUserToGroups, RemoveUserFromGroup } from "@/lib/iam/groups/membership";
import { DetachUserPolicy } from "@/lib/iam/policies/attachments";
import { AttachUserPolicies } from "@/lib/iam/policies/batchAttachments";
import { DeleteUserWithDependents } from "@/lib/iam/users/deletion";
import { SetUserTags } from "@/lib/iam/users/tags";
import type { ActionState } from "@/components/forms/actionState";
import { attachPolicies, detachPolicy, saveTags } from "../../_server/attachmentActions";
import { userHref } from "@/components/users/userHref";
import { field, fields, runMutation } from "../../_server/runMutation";
import { boundArgument, formArgument } from "../../_server/actionArguments";

function refresh(userName: string) {
  revalidatePath(userHref(userName));
  revalidatePath("/users");
}

export async function attachUserPolicies(userName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  return attachPolicies(AttachUserPolicies, "user", userName, form, refresh);
}

export async function detachUserPolicy(userName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  return detachPolicy(DetachUserPolicy, "user", userName, form, refresh);
}

export async function addUserToGroups(userName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(AddUserToGroups, "UserName", userName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const GroupNames = fields(form, "groupName");
  const result = await runMutation(() => execute(AddUserToGroups, { UserName: userName, GroupNames }, caller), {
    kind: "groups-joined",
    subject: userName,
    object: GroupNames[0],
    count: GroupNames.length,
  });
  refresh(userName);
  return result;
}

export async function removeUserFromGroup(userName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(RemoveUserFromGroup, "UserName", userName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const GroupName = field(form, "groupName");
  const result = await runMutation(() => execute(RemoveUserFromGroup, { GroupName, UserName: userName }, caller), {
    kind: "member-removed",
    subject: GroupName,
    object: userName,
  });
  refresh(userName);
  return result;
}

/** "Manage tags" saves the whole set (SetUserTags works out what to remove and what to write). */
export async function saveUserTags(userName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  return saveTags(SetUserTags, "user", userName, form, refresh);
}

/** The console's delete: the person typed the user name to confirm; dependents go with the user. */
export async function deleteUser(userName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(DeleteUserWithDependents, "UserName", userName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  if (field(form, "confirmation") !== userName) {
    return { error: { code: "ValidationError", message: `Type the user name ${userName} to confirm the deletion.` } };
  }
  const result = await runMutation(() => execute(DeleteUserWithDependents, { UserName: userName }, caller), { kind: "user-deleted", subject: userName });
  if (result.error) return result;
  revalidatePath("/users");
  redirect("/users");
}

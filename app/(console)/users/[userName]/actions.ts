"use server";

// Changes made from a user's page. Each runs its IAM operations as the signed-in caller and returns
// the first error as a value for useActionState; on success the page re-renders with fresh data.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { AddUserToGroup, RemoveUserFromGroup } from "@/lib/iam/groups/membership";
import { AttachUserPolicy, DetachUserPolicy } from "@/lib/iam/policies/attachments";
import { TagUser, UntagUser } from "@/lib/iam/users/tags";
import { DeleteUserWithDependents } from "@/lib/iam/users/deletion";
import { IamError } from "@/lib/iam/core/errors";
import type { ActionState } from "@/components/forms/actionState";
import { userHref } from "@/components/users/userHref";
import { field, fields, runMutation } from "../../_server/runMutation";

function refresh(userName: string) {
  revalidatePath(userHref(userName));
  revalidatePath("/users");
}

export async function attachUserPolicies(userName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const arns = fields(form, "policyArn");
  const result = await runMutation(async () => {
    if (arns.length === 0) throw new IamError("ValidationError", "Choose at least one policy to attach.");
    for (const PolicyArn of arns) await execute(AttachUserPolicy, { UserName: userName, PolicyArn }, caller);
  });
  refresh(userName);
  return result;
}

export async function detachUserPolicy(userName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const result = await runMutation(() => execute(DetachUserPolicy, { UserName: userName, PolicyArn: field(form, "policyArn") }, caller).then(() => undefined));
  refresh(userName);
  return result;
}

export async function addUserToGroups(userName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const groups = fields(form, "groupName");
  const result = await runMutation(async () => {
    if (groups.length === 0) throw new IamError("ValidationError", "Choose at least one group.");
    for (const GroupName of groups) await execute(AddUserToGroup, { GroupName, UserName: userName }, caller);
  });
  refresh(userName);
  return result;
}

export async function removeUserFromGroup(userName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const result = await runMutation(() =>
    execute(RemoveUserFromGroup, { GroupName: field(form, "groupName"), UserName: userName }, caller).then(() => undefined),
  );
  refresh(userName);
  return result;
}

/**
 * "Manage tags" saves the whole set: keys no longer present are removed with UntagUser, the rest
 * are written with TagUser (which overwrites values), as the AWS console does.
 */
export async function saveUserTags(userName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const keys = fields(form, "tagKey");
  const values = fields(form, "tagValue");
  const tags = keys.map((Key, i) => ({ Key: Key.trim(), Value: values[i] ?? "" })).filter((tag) => tag.Key !== "");
  const kept = new Set(tags.map((tag) => tag.Key.toLowerCase()));
  const removed = fields(form, "originalKey").filter((key) => !kept.has(key.toLowerCase()));
  const result = await runMutation(async () => {
    if (removed.length > 0) await execute(UntagUser, { UserName: userName, TagKeys: removed }, caller);
    if (tags.length > 0) await execute(TagUser, { UserName: userName, Tags: tags }, caller);
  });
  refresh(userName);
  return result;
}

/** The console's delete: the person typed the user name to confirm; dependents go with the user. */
export async function deleteUser(userName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  if (field(form, "confirmation") !== userName) {
    return { error: { code: "ValidationError", message: `Type the user name ${userName} to confirm the deletion.` } };
  }
  const result = await runMutation(() => execute(DeleteUserWithDependents, { UserName: userName }, caller).then(() => undefined));
  if (result.error) return result;
  revalidatePath("/users");
  redirect("/users");
}

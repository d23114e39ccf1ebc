"use server";

// Changes made from a group's page: each parses the form, makes one operation call as the signed-in
// caller, and revalidates.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { DeleteGroup, DeleteGroupWithDependents } from "@/lib/iam/groups/deletion";
import { UpdateGroup } from "@/lib/iam/groups/groups";
import { AddUsersToGroup, RemoveUserFromGroup } from "@/lib/iam/groups/membership";
import { DetachGroupPolicy } from "@/lib/iam/policies/attachments";
import { AttachGroupPolicies } from "@/lib/iam/policies/batchAttachments";
import type { ActionState } from "@/components/forms/actionState";
import { attachPolicies, detachPolicy } from "../../_server/attachmentActions";
import { groupHref } from "@/components/groups/groupHref";
import { field, fields, runMutation } from "../../_server/runMutation";
import { boundArgument, formArgument } from "../../_server/actionArguments";

function refresh(groupName: string) {
  revalidatePath(groupHref(groupName));
  revalidatePath("/groups");
}

export async function renameGroup(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(UpdateGroup, "GroupName", groupName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const NewGroupName = field(form, "newGroupName").trim();
  const result = await runMutation(() => execute(UpdateGroup, { GroupName: groupName, NewGroupName }, caller), {
    kind: "group-renamed",
    subject: NewGroupName,
  });
  if (result.error) return result;
  revalidatePath("/groups");
  redirect(groupHref(NewGroupName));
}

export async function addUsersToGroup(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(AddUsersToGroup, "GroupName", groupName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const UserNames = fields(form, "userName");
  const result = await runMutation(() => execute(AddUsersToGroup, { GroupName: groupName, UserNames }, caller), {
    kind: "members-added",
    subject: groupName,
    object: UserNames[0],
    count: UserNames.length,
  });
  refresh(groupName);
  return result;
}

export async function removeUserFromGroup(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(RemoveUserFromGroup, "GroupName", groupName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const UserName = field(form, "userName");
  const result = await runMutation(() => execute(RemoveUserFromGroup, { GroupName: groupName, UserName }, caller), {
    kind: "member-removed",
    subject: groupName,
    object: UserName,
  });
  refresh(groupName);
  return result;
}

export async function attachGroupPolicies(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  return attachPolicies(AttachGroupPolicies, "group", groupName, form, refresh);
}

export async function detachGroupPolicy(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  return detachPolicy(DetachGroupPolicy, "group", groupName, form, refresh);
}

/**
 * DeleteGroup refuses while the group has members or policies (DeleteConflict). When the person asks,
 * DeleteGroupWithDependents removes the members and policies first, all or nothing.
 */
export async function deleteGroup(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(DeleteGroupWithDependents, "GroupName", groupName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  if (field(form, "confirmation") !== groupName) {
    return { error: { code: "ValidationError", message: `Type the group name ${groupName} to confirm the deletion.` } };
  }
  const withDependents = field(form, "removeDependents") === "on";
  const result = await runMutation<unknown>(() =>
    withDependents ? execute(DeleteGroupWithDependents, { GroupName: groupName }, caller) : execute(DeleteGroup, { GroupName: groupName }, caller),
    { kind: "group-deleted", subject: groupName },
  );
  refresh(groupName);
  if (result.error) return result;
  redirect("/groups");
}

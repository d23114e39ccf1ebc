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
  const result = await runMutation(() => execute(UpdateGroup, { GroupName: groupName, NewGroupName }, caller));
  if (result.error) return result;
  revalidatePath("/groups");
  redirect(groupHref(NewGroupName));
}

export async function addUsersToGroup(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(AddUsersToGroup, "GroupName", groupName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const result = await runMutation(() => execute(AddUsersToGroup, { GroupName: groupName, UserNames: fields(form, "userName") }, caller));
  refresh(groupName);
  return result;
}

export async function removeUserFromGroup(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(RemoveUserFromGroup, "GroupName", groupName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const result = await runMutation(() => execute(RemoveUserFromGroup, { GroupName: groupName, UserName: field(form, "userName") }, caller));
  refresh(groupName);
  return result;
}

export async function attachGroupPolicies(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(AttachGroupPolicies, "GroupName", groupName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const result = await runMutation(() => execute(AttachGroupPolicies, { GroupName: groupName, PolicyArns: fields(form, "policyArn") }, caller));
  refresh(groupName);
  return result;
}

export async function detachGroupPolicy(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(DetachGroupPolicy, "GroupName", groupName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const result = await runMutation(() => execute(DetachGroupPolicy, { GroupName: groupName, PolicyArn: field(form, "policyArn") }, caller));
  refresh(groupName);
  return result;
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
  );
  refresh(groupName);
  if (result.error) return result;
  redirect("/groups");
}

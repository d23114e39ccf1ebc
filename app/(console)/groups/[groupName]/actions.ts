"use server";

// Changes made from a group's page, each through its IAM operation as the signed-in caller.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { IamError } from "@/lib/iam/core/errors";
import { AddUserToGroup, RemoveUserFromGroup } from "@/lib/iam/groups/membership";
import { DeleteGroup } from "@/lib/iam/groups/deletion";
import { GetGroup, UpdateGroup } from "@/lib/iam/groups/groups";
import { AttachGroupPolicy, DetachGroupPolicy, ListAttachedGroupPolicies } from "@/lib/iam/policies/attachments";
import { DeleteGroupPolicy, ListGroupPolicies } from "@/lib/iam/policies/inline";
import type { ActionState } from "@/components/forms/actionState";
import { groupHref } from "@/components/groups/groupHref";
import { field, fields, runMutation } from "../../_server/runMutation";

function refresh(groupName: string) {
  revalidatePath(groupHref(groupName));
  revalidatePath("/groups");
}

export async function renameGroup(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const NewGroupName = field(form, "newGroupName").trim();
  const result = await runMutation(() => execute(UpdateGroup, { GroupName: groupName, NewGroupName }, caller).then(() => undefined));
  if (result.error) return result;
  revalidatePath("/groups");
  redirect(groupHref(NewGroupName));
}

export async function addUsersToGroup(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const users = fields(form, "userName");
  const result = await runMutation(async () => {
    if (users.length === 0) throw new IamError("ValidationError", "Choose at least one user to add.");
    for (const UserName of users) await execute(AddUserToGroup, { GroupName: groupName, UserName }, caller);
  });
  refresh(groupName);
  return result;
}

export async function removeUserFromGroup(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const result = await runMutation(() =>
    execute(RemoveUserFromGroup, { GroupName: groupName, UserName: field(form, "userName") }, caller).then(() => undefined),
  );
  refresh(groupName);
  return result;
}

export async function attachGroupPolicies(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const arns = fields(form, "policyArn");
  const result = await runMutation(async () => {
    if (arns.length === 0) throw new IamError("ValidationError", "Choose at least one policy to attach.");
    for (const PolicyArn of arns) await execute(AttachGroupPolicy, { GroupName: groupName, PolicyArn }, caller);
  });
  refresh(groupName);
  return result;
}

export async function detachGroupPolicy(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const result = await runMutation(() =>
    execute(DetachGroupPolicy, { GroupName: groupName, PolicyArn: field(form, "policyArn") }, caller).then(() => undefined),
  );
  refresh(groupName);
  return result;
}

/**
 * DeleteGroup refuses while the group has members or policies (DeleteConflict). As the AWS console
 * offers, the person may ask to remove the members, detach the managed policies and delete the inline
 * ones first, one audited call each.
 */
export async function deleteGroup(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  if (field(form, "confirmation") !== groupName) {
    return { error: { code: "ValidationError", message: `Type the group name ${groupName} to confirm the deletion.` } };
  }
  const result = await runMutation(async () => {
    if (field(form, "removeDependents") === "on") {
      const { Users } = await execute(GetGroup, { GroupName: groupName, MaxItems: 1000 }, caller);
      for (const user of Users) await execute(RemoveUserFromGroup, { GroupName: groupName, UserName: user.UserName }, caller);
      const { AttachedPolicies } = await execute(ListAttachedGroupPolicies, { GroupName: groupName, MaxItems: 100 }, caller);
      for (const policy of AttachedPolicies) await execute(DetachGroupPolicy, { GroupName: groupName, PolicyArn: policy.PolicyArn }, caller);
      const { PolicyNames } = await execute(ListGroupPolicies, { GroupName: groupName }, caller);
      for (const PolicyName of PolicyNames) await execute(DeleteGroupPolicy, { GroupName: groupName, PolicyName }, caller);
    }
    await execute(DeleteGroup, { GroupName: groupName }, caller);
  });
  refresh(groupName);
  if (result.error) return result;
  redirect("/groups");
}

"use server";

// Creating a group, optionally with policies attached straight away (as the AWS console's
// "Create user group" page offers), then opening it.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { CreateGroup } from "@/lib/iam/groups/groups";
import { AttachGroupPolicy } from "@/lib/iam/policies/attachments";
import type { ActionState } from "@/components/forms/actionState";
import { groupHref } from "@/components/groups/groupHref";
import { field, fields, runMutation } from "../_server/runMutation";

export async function createGroup(_previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const GroupName = field(form, "groupName").trim();
  const Path = field(form, "path").trim() || "/";
  let created = false;
  const result = await runMutation(async () => {
    await execute(CreateGroup, { GroupName, Path }, caller);
    created = true;
    for (const PolicyArn of fields(form, "policyArn")) await execute(AttachGroupPolicy, { GroupName, PolicyArn }, caller);
  });
  revalidatePath("/groups");
  // A group that exists but could not get every policy is still opened: the error would otherwise
  // invite a second Create, which would fail with EntityAlreadyExists.
  if (result.error && !created) return result;
  if (result.error) return { error: { ...result.error, message: `The group ${GroupName} was created, but: ${result.error.message}` } };
  redirect(groupHref(GroupName));
}

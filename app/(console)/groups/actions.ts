"use server";

// "Create user group", with policies attached straight away as the AWS console's page offers: one
// CreateGroupWithPolicies call (all or nothing), then the new group opens.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { CreateGroupWithPolicies } from "@/lib/iam/groups/groups";
import type { ActionState } from "@/components/forms/actionState";
import { groupHref } from "@/components/groups/groupHref";
import { field, fields, runMutation } from "../_server/runMutation";
import { formArgument } from "../_server/actionArguments";

export async function createGroup(_previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const GroupName = field(form, "groupName").trim();
  const result = await runMutation(() =>
    execute(CreateGroupWithPolicies, { GroupName, Path: field(form, "path").trim() || "/", PolicyArns: fields(form, "policyArn") }, caller),
    { kind: "group-created", subject: GroupName },
  );
  if (result.error) return result;
  revalidatePath("/groups");
  redirect(groupHref(GroupName));
}

"use server";

// A group's inline policies: PutGroupPolicy creates or replaces one, DeleteGroupPolicy removes it.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { IamError, isIamError } from "@/lib/iam/core/errors";
import { DeleteGroupPolicy, GetGroupPolicy, PutGroupPolicy } from "@/lib/iam/policies/inline";
import type { ActionState } from "@/components/forms/actionState";
import type { InlinePolicyDraft } from "@/components/policies/policyDraft";
import { groupHref } from "@/components/groups/groupHref";
import { field, runMutation } from "../../_server/runMutation";

/**
 * PutGroupPolicy replaces a policy of the same name without a word; creating from the console must
 * not overwrite one by accident, so "Create" first checks that the name is free.
 */
export async function putGroupInlinePolicy(groupName: string, creating: boolean, _previous: ActionState, draft: InlinePolicyDraft): Promise<ActionState> {
  const caller = await requireCaller();
  const PolicyName = String(draft.policyName ?? "").trim();
  const result = await runMutation(async () => {
    if (creating) {
      const existing = await execute(GetGroupPolicy, { GroupName: groupName, PolicyName }, caller).catch((error: unknown) => {
        if (isIamError(error) && error.code === "NoSuchEntity") return undefined;
        throw error;
      });
      if (existing) throw new IamError("EntityAlreadyExists", `Group ${groupName} already has an inline policy named ${existing.PolicyName}. Edit it, or choose another name.`);
    }
    await execute(PutGroupPolicy, { GroupName: groupName, PolicyName, PolicyDocument: String(draft.document ?? "") }, caller);
  });
  if (result.error) return result;
  revalidatePath(groupHref(groupName));
  redirect(groupHref(groupName, "permissions"));
}

export async function deleteGroupInlinePolicy(groupName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const result = await runMutation(() => execute(DeleteGroupPolicy, { GroupName: groupName, PolicyName: field(form, "policyName") }, caller).then(() => undefined));
  revalidatePath(groupHref(groupName));
  return result;
}

"use server";

// A user's inline policies: PutUserPolicy creates or replaces one, DeleteUserPolicy removes it.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { IamError, isIamError } from "@/lib/iam/core/errors";
import { DeleteUserPolicy, GetUserPolicy, PutUserPolicy } from "@/lib/iam/policies/inline";
import type { ActionState } from "@/components/forms/actionState";
import type { InlinePolicyDraft } from "@/components/policies/policyDraft";
import { userHref } from "@/components/users/userHref";
import { field, runMutation } from "../../_server/runMutation";

/**
 * PutUserPolicy replaces a policy of the same name without a word; creating from the console must
 * not overwrite one by accident, so "Create" first checks that the name is free.
 */
export async function putUserInlinePolicy(userName: string, creating: boolean, _previous: ActionState, draft: InlinePolicyDraft): Promise<ActionState> {
  const caller = await requireCaller();
  const PolicyName = String(draft.policyName ?? "").trim();
  const result = await runMutation(async () => {
    if (creating) {
      const existing = await execute(GetUserPolicy, { UserName: userName, PolicyName }, caller).catch((error: unknown) => {
        if (isIamError(error) && error.code === "NoSuchEntity") return undefined;
        throw error;
      });
      if (existing) throw new IamError("EntityAlreadyExists", `User ${userName} already has an inline policy named ${existing.PolicyName}. Edit it, or choose another name.`);
    }
    await execute(PutUserPolicy, { UserName: userName, PolicyName, PolicyDocument: String(draft.document ?? "") }, caller);
  });
  if (result.error) return result;
  revalidatePath(userHref(userName));
  redirect(userHref(userName, "permissions"));
}

export async function deleteUserInlinePolicy(userName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const result = await runMutation(() => execute(DeleteUserPolicy, { UserName: userName, PolicyName: field(form, "policyName") }, caller).then(() => undefined));
  revalidatePath(userHref(userName));
  return result;
}

"use server";

// A user's or group's inline policies: Put*Policy creates or replaces one (CreateOnly when the
// console creates, so an existing policy of that name is never overwritten), Delete*Policy removes it.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import type { ActionState } from "@/components/forms/actionState";
import type { InlinePolicyDraft } from "@/components/policies/policyDraft";
import { inlinePolicyKind, type InlinePolicyOwner } from "./inlinePolicyOwner";
import { field, runMutation } from "./runMutation";

export async function putInlinePolicy(owner: InlinePolicyOwner, creating: boolean, _previous: ActionState, draft: InlinePolicyDraft): Promise<ActionState> {
  const caller = await requireCaller();
  const kind = inlinePolicyKind(owner);
  const result = await runMutation(() => kind.put(caller, String(draft.policyName ?? "").trim(), String(draft.document ?? ""), creating));
  if (result.error) return result;
  revalidatePath(kind.href());
  redirect(kind.href("permissions"));
}

export async function deleteInlinePolicy(owner: InlinePolicyOwner, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const kind = inlinePolicyKind(owner);
  const result = await runMutation(() => kind.remove(caller, field(form, "policyName")));
  revalidatePath(kind.href());
  return result;
}

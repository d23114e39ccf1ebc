"use server";

// A user's, group's or role's inline policies: Put*Policy creates or replaces one (CreateOnly when the
// console creates, so an existing policy of that name is never overwritten), Delete*Policy removes it.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireCaller } from "@/lib/auth/session";
import { PutGroupPolicy, PutRolePolicy, PutUserPolicy } from "@/lib/iam/policies/inline";
import type { ActionState } from "@/components/forms/actionState";
import type { InlinePolicyDraft } from "@/components/policies/policyDraft";
import { boundArgument, boundValue, draftArgument, formArgument, type InvalidArgument } from "./actionArguments";
import { inlinePolicyKind, type InlinePolicyOwner } from "./inlinePolicyOwner";
import { field, runMutation } from "./runMutation";

/** The owner is bound into the page too: a kind the console knows, and a name that kind's operations accept. */
function invalidOwner(owner: InlinePolicyOwner): InvalidArgument | undefined {
  const kind = boundValue("owner.kind", z.enum(["user", "group", "role"]), owner?.kind);
  if (kind) return kind;
  if (owner.kind === "role") return boundArgument(PutRolePolicy, "RoleName", owner.name);
  return owner.kind === "user" ? boundArgument(PutUserPolicy, "UserName", owner.name) : boundArgument(PutGroupPolicy, "GroupName", owner.name);
}

export async function putInlinePolicy(owner: InlinePolicyOwner, creating: boolean, _previous: ActionState, draft: InlinePolicyDraft): Promise<ActionState> {
  const invalid = invalidOwner(owner) ?? boundArgument(PutUserPolicy, "CreateOnly", creating) ?? draftArgument(draft);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const kind = inlinePolicyKind(owner);
  const policyName = String(draft.policyName ?? "").trim();
  const result = await runMutation(() => kind.put(caller, policyName, String(draft.document ?? ""), creating), {
    kind: "inline-policy-saved",
    entity: owner.kind,
    subject: owner.name,
    object: policyName,
  });
  if (result.error) return result;
  revalidatePath(kind.href());
  redirect(kind.href("permissions"));
}

export async function deleteInlinePolicy(owner: InlinePolicyOwner, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = invalidOwner(owner) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const kind = inlinePolicyKind(owner);
  const policyName = field(form, "policyName");
  const result = await runMutation(() => kind.remove(caller, policyName), {
    kind: "inline-policy-deleted",
    entity: owner.kind,
    subject: owner.name,
    object: policyName,
  });
  revalidatePath(kind.href());
  return result;
}

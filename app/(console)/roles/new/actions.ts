"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { accountOf } from "@/lib/iam/core/account";
import { execute } from "@/lib/iam/core/operation";
import { CreateRoleWithPolicies } from "@/lib/iam/roles/createRoleWithPolicies";
import type { ActionState } from "@/components/forms/actionState";
import { roleHref } from "@/components/roles/roleHref";
import type { CreateRoleDraft } from "@/components/roles/wizard/draft";
import { draftArgument } from "../../_server/actionArguments";
import { runMutation } from "../../_server/runMutation";
import { createRoleInput } from "./draftInput";

/**
 * The wizard's "Create role": one CreateRoleWithPolicies call (the role with its trust policy,
 * description, session duration, boundary and tags, then each managed policy; all or nothing),
 * then the new role's page opens with the success notice. A refusal returns to the wizard, which
 * still holds everything typed.
 */
export async function createRole(_previous: ActionState, draft: CreateRoleDraft): Promise<ActionState> {
  const invalid = draftArgument(draft);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const input = createRoleInput(draft, accountOf(caller));
  const result = await runMutation(() => execute(CreateRoleWithPolicies, input, caller), { kind: "role-created", subject: input.RoleName });
  if (result.error) return result;
  revalidatePath("/roles");
  redirect(roleHref(input.RoleName));
}

"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/forms/actionState";
import { requireCaller } from "@/lib/auth/session";
import { CreateAccountAlias, DeleteAccountAlias } from "@/lib/iam/account/aliases";
import { execute } from "@/lib/iam/core/operation";
import { awsManagedPolicyArn } from "@/lib/iam/policies/awsManaged";
import { AttachGroupPolicy } from "@/lib/iam/policies/attachments";
import { formArgument } from "../_server/actionArguments";
import { field, runMutation } from "../_server/runMutation";
import { SELF_SERVICE_POLICY } from "./mfaAdvice";

export async function saveAccountAlias(_previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const AccountAlias = field(form, "AccountAlias").trim();
  const result = await runMutation(() => execute(CreateAccountAlias, { AccountAlias }, caller), { kind: "alias-saved", subject: AccountAlias });
  // The layout's header shows the alias too.
  if (!result.error) revalidatePath("/", "layout");
  return result;
}

export async function deleteAccountAlias(_previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const AccountAlias = field(form, "AccountAlias").trim();
  const result = await runMutation(() => execute(DeleteAccountAlias, { AccountAlias }, caller), { kind: "alias-deleted", subject: AccountAlias });
  if (!result.error) revalidatePath("/", "layout");
  return result;
}

/** The dashboard's fix for users who cannot enroll MFA: the self-service policy on their group (only that policy). */
export async function attachSelfServicePolicy(_previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const GroupName = field(form, "GroupName").trim();
  const result = await runMutation(() => execute(AttachGroupPolicy, { GroupName, PolicyArn: awsManagedPolicyArn(SELF_SERVICE_POLICY) }, caller), {
    kind: "policies-attached",
    subject: GroupName,
    object: SELF_SERVICE_POLICY,
    entity: "group",
    count: 1,
  });
  if (!result.error) revalidatePath("/dashboard");
  return result;
}

"use server";

// The password policy page's two changes. Numbers arrive as form text; a field left empty or
// unticked is simply omitted, and UpdateAccountPasswordPolicy applies AWS's defaults to it.

import { revalidatePath } from "next/cache";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { DeleteAccountPasswordPolicy, UpdateAccountPasswordPolicy, type UpdateAccountPasswordPolicyInput } from "@/lib/iam/account/passwordPolicy";
import type { ActionState } from "@/components/forms/actionState";
import { field, runMutation } from "../_server/runMutation";
import { formArgument } from "../_server/actionArguments";

const ticked = (form: FormData, name: string) => field(form, name) === "on";

/** A number field, or NaN (which the operation refuses with its range message) when it is not one. */
const whole = (form: FormData, name: string) => (/^\s*\d+\s*$/.test(field(form, name)) ? Number(field(form, name)) : Number.NaN);

function policyInput(form: FormData): UpdateAccountPasswordPolicyInput {
  const expire = ticked(form, "ExpirePasswords");
  const preventReuse = ticked(form, "PreventReuse");
  return {
    MinimumPasswordLength: whole(form, "MinimumPasswordLength"),
    RequireUppercaseCharacters: ticked(form, "RequireUppercaseCharacters"),
    RequireLowercaseCharacters: ticked(form, "RequireLowercaseCharacters"),
    RequireNumbers: ticked(form, "RequireNumbers"),
    RequireSymbols: ticked(form, "RequireSymbols"),
    AllowUsersToChangePassword: ticked(form, "AllowUsersToChangePassword"),
    ...(expire ? { MaxPasswordAge: whole(form, "MaxPasswordAge"), HardExpiry: ticked(form, "HardExpiry") } : {}),
    ...(preventReuse ? { PasswordReusePrevention: whole(form, "PasswordReusePrevention") } : {}),
  };
}

export async function savePasswordPolicy(_previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const result = await runMutation(() => execute(UpdateAccountPasswordPolicy, policyInput(form), caller), { kind: "password-policy-saved" });
  revalidatePath("/password-policy");
  return result;
}

export async function deletePasswordPolicy(_previous: ActionState, _form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const result = await runMutation(() => execute(DeleteAccountPasswordPolicy, {}, caller), { kind: "password-policy-deleted" });
  revalidatePath("/password-policy");
  return result;
}

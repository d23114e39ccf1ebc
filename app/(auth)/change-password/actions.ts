"use server";

// Changing one's own password ends every session of that user (ChangePassword advances their session
// generation); the session that changed it stays signed in, re-issued at the new generation.

import { redirect } from "next/navigation";
import type { ChangePasswordState } from "@/components/auth/ChangePasswordForm";
import { requireCaller } from "@/lib/auth/session";
import { keepCurrentSession } from "@/lib/auth/sessionCookie";
import { isIamError, toErrorView } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { ChangePassword } from "@/lib/iam/credentials/passwords";
import { formArgument } from "../../(console)/_server/actionArguments";
import { notify } from "../../(console)/_server/notices";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export async function changePasswordAction(_previous: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const invalid = formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller({ allowPendingPasswordReset: true });
  const NewPassword = text(form, "NewPassword");
  if (NewPassword !== text(form, "ConfirmPassword")) {
    return { error: { code: "ValidationError", message: "The new passwords do not match. Enter the same new password in both fields." } };
  }
  try {
    await execute(ChangePassword, { OldPassword: text(form, "OldPassword"), NewPassword }, caller);
  } catch (error) {
    if (isIamError(error)) return { error: toErrorView(error) };
    throw error;
  }
  await keepCurrentSession();
  await notify({ kind: "password-changed" });
  redirect("/dashboard");
}

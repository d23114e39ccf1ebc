"use server";

import { redirect } from "next/navigation";
import type { ChangePasswordState } from "@/components/auth/ChangePasswordForm";
import { requireCaller } from "@/lib/auth/session";
import { isIamError, toErrorView } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { ChangePassword } from "@/lib/iam/credentials/passwords";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export async function changePasswordAction(_previous: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
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
  redirect("/dashboard");
}

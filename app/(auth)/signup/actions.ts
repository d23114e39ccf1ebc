"use server";

import { currentRequestInfo } from "@/lib/auth/request";
import type { SignUpResult } from "@/components/auth/SignUpForm";
import { isIamError, toErrorView } from "@/lib/iam/core/errors";
import { createAccount } from "@/lib/iam/account/signup";
import { formArgument } from "../../(console)/_server/actionArguments";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** Creates the account; on success returns its ID and the root user's email (never the password). */
export async function createAccountAction(_previous: SignUpResult, form: FormData): Promise<SignUpResult> {
  const invalid = formArgument(form);
  if (invalid) return invalid;
  const password = text(form, "Password");
  if (password !== text(form, "ConfirmPassword")) {
    return { error: { code: "ValidationError", message: "The passwords do not match. Enter the same password in both fields." } };
  }
  try {
    const created = await createAccount(
      { AccountName: text(form, "AccountName"), Email: text(form, "Email"), Password: password },
      await currentRequestInfo(),
    );
    return { created: { accountId: created.AccountId, email: created.Email } };
  } catch (error) {
    if (isIamError(error)) return { error: toErrorView(error) };
    throw error;
  }
}

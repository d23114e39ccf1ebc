"use server";

import { revalidatePath } from "next/cache";
import type { AliasState } from "@/components/dashboard/AliasEditor";
import { requireCaller } from "@/lib/auth/session";
import { CreateAccountAlias, DeleteAccountAlias } from "@/lib/iam/account/aliases";
import { isIamError, toErrorView } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { formArgument } from "../_server/actionArguments";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
};

async function change(run: () => Promise<unknown>, done: NonNullable<AliasState["done"]>): Promise<AliasState> {
  try {
    await run();
  } catch (error) {
    if (isIamError(error)) return { error: toErrorView(error) };
    throw error;
  }
  // The layout's header shows the alias too.
  revalidatePath("/", "layout");
  return { done };
}

export async function saveAccountAlias(_previous: AliasState, form: FormData): Promise<AliasState> {
  const invalid = formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  return change(() => execute(CreateAccountAlias, { AccountAlias: text(form, "AccountAlias") }, caller), "saved");
}

export async function deleteAccountAlias(_previous: AliasState, form: FormData): Promise<AliasState> {
  const invalid = formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  return change(() => execute(DeleteAccountAlias, { AccountAlias: text(form, "AccountAlias") }, caller), "deleted");
}

// Server actions turn IAM errors into values for useActionState, so the form keeps what the person
// typed and shows why the change was refused. Anything else (including Next's redirect) propagates.
// A change that succeeds says what it did with a notice (notices.ts), chosen from its output if need be.

import { isIamError, toErrorView } from "@/lib/iam/core/errors";
import type { ActionState } from "@/components/forms/actionState";
import type { Notice } from "@/components/feedback/notice";
import { notify } from "./notices";

export async function runMutation<T>(change: () => Promise<T>, notice?: Notice | ((output: T) => Notice)): Promise<ActionState> {
  try {
    const output = await change();
    if (notice) await notify(typeof notice === "function" ? notice(output) : notice);
    return {};
  } catch (error) {
    if (isIamError(error)) return { error: toErrorView(error) };
    throw error;
  }
}

/** A form field as a string ("" when absent), since FormData can also carry files. */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** Every value of a repeated field (checkbox lists). */
export function fields(form: FormData, name: string): string[] {
  return form.getAll(name).filter((value): value is string => typeof value === "string");
}

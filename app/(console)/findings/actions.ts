"use server";

// The findings page's change: archive, resolve or reopen one finding.

import { revalidatePath } from "next/cache";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { UpdateUnusedAccessFindings } from "@/lib/iam/reports/unusedAccess";
import type { ActionState } from "@/components/forms/actionState";
import { field, runMutation } from "../_server/runMutation";

const KINDS = { ARCHIVED: "findings-archived", RESOLVED: "findings-resolved", ACTIVE: "findings-reopened" } as const;

export async function updateFinding(_previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const status = field(form, "Status");
  const kind = KINDS[status as keyof typeof KINDS] ?? "findings-reopened";
  // The operation checks the status and the ID; a tampered form gets its ValidationError.
  const result = await runMutation(() => execute(UpdateUnusedAccessFindings, { Ids: [field(form, "Id")], Status: status }, caller), { kind, count: 1 });
  revalidatePath("/findings");
  revalidatePath("/dashboard");
  return result;
}

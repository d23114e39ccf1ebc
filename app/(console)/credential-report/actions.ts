"use server";

// The credential report page's one change: generate a report (or keep the one under 4 hours old).

import { revalidatePath } from "next/cache";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { GenerateCredentialReport } from "@/lib/iam/reports/credentialReport";
import type { ActionState } from "@/components/forms/actionState";
import { runMutation } from "../_server/runMutation";

const NOTICES = { STARTED: "credential-report-generated", COMPLETE: "credential-report-current", INPROGRESS: "credential-report-in-progress" } as const;

export async function generateCredentialReport(_previous: ActionState, _form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const result = await runMutation(
    () => execute(GenerateCredentialReport, {}, caller),
    (output) => ({ kind: NOTICES[output.State] }),
  );
  revalidatePath("/credential-report");
  return result;
}

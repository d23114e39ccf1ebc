"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { CreatePolicy } from "@/lib/iam/policies/managed";
import type { ActionState } from "@/components/forms/actionState";
import type { CreatePolicyDraft } from "@/components/policies/policyDraft";
import { policyHref } from "@/components/policies/policyHref";
import { runMutation } from "../../_server/runMutation";
import { draftArgument } from "../../_server/actionArguments";

/**
 * "Create policy": one CreatePolicy call with the editor's text as written. On success the browser
 * goes to the new policy's page; on failure (MalformedPolicyDocument, EntityAlreadyExists, …) the
 * error comes back as a value and the form keeps everything the person typed.
 */
export async function createPolicy(_previous: ActionState, draft: CreatePolicyDraft): Promise<ActionState> {
  const invalid = draftArgument(draft);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const tags = (Array.isArray(draft.tags) ? draft.tags : [])
    .filter((tag) => String(tag.key ?? "").trim() !== "")
    .map((tag) => ({ Key: String(tag.key).trim(), Value: String(tag.value ?? "") }));
  let arn = "";
  const result = await runMutation(async () => {
    const { Policy } = await execute(
      CreatePolicy,
      {
        PolicyName: String(draft.policyName ?? "").trim(),
        Path: String(draft.path ?? "").trim() || "/",
        Description: String(draft.description ?? "") || undefined,
        PolicyDocument: String(draft.document ?? ""),
        Tags: tags.length > 0 ? tags : undefined,
      },
      caller,
    );
    arn = Policy.Arn;
    return Policy;
  }, (policy) => ({ kind: "policy-created", subject: policy.PolicyName }));
  if (result.error) return result;
  revalidatePath("/policies");
  redirect(policyHref(arn));
}

"use server";

// Changes made from a managed policy's page: new versions, the default version, attachments and
// deletion. Each is one IAM operation (or an audited sequence of them) as the signed-in caller.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { IamError } from "@/lib/iam/core/errors";
import { CreatePolicyVersion, DeletePolicyVersion, SetDefaultPolicyVersion } from "@/lib/iam/policies/versions";
import { DeletePolicy } from "@/lib/iam/policies/managed";
import { AttachGroupPolicy, AttachUserPolicy, DetachGroupPolicy, DetachUserPolicy } from "@/lib/iam/policies/attachments";
import { ListEntitiesForPolicy } from "@/lib/iam/policies/managed";
import type { ActionState } from "@/components/forms/actionState";
import type { PolicyVersionDraft } from "@/components/policies/policyDraft";
import { policyHref } from "@/components/policies/policyHref";
import { field, fields, runMutation } from "../../_server/runMutation";

function refresh(policyArn: string) {
  revalidatePath(policyHref(policyArn));
  revalidatePath("/policies");
}

/**
 * "Save as new version": CreatePolicyVersion with the version the editor started from as
 * ExpectedDefaultVersionId, so a save built on a stale default fails (ConcurrentModification)
 * instead of silently replacing another administrator's version.
 */
export async function savePolicyVersion(policyArn: string, _previous: ActionState, draft: PolicyVersionDraft): Promise<ActionState> {
  const caller = await requireCaller();
  const result = await runMutation(async () => {
    await execute(
      CreatePolicyVersion,
      {
        PolicyArn: policyArn,
        PolicyDocument: String(draft.document ?? ""),
        SetAsDefault: Boolean(draft.setAsDefault),
        ExpectedDefaultVersionId: String(draft.expectedDefaultVersionId ?? ""),
        DeleteVersionId: draft.deleteVersionId ? String(draft.deleteVersionId) : undefined,
      },
      caller,
    );
  });
  if (result.error) return result;
  refresh(policyArn);
  redirect(`${policyHref(policyArn)}?tab=versions`);
}

export async function setDefaultPolicyVersion(policyArn: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const result = await runMutation(() => execute(SetDefaultPolicyVersion, { PolicyArn: policyArn, VersionId: field(form, "versionId") }, caller).then(() => undefined));
  refresh(policyArn);
  return result;
}

export async function deletePolicyVersion(policyArn: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const result = await runMutation(() => execute(DeletePolicyVersion, { PolicyArn: policyArn, VersionId: field(form, "versionId") }, caller).then(() => undefined));
  refresh(policyArn);
  return result;
}

/** Entities are chosen as `user:alice` / `group:Developers`; each is one Attach*Policy call. */
export async function attachPolicyToEntities(policyArn: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const chosen = fields(form, "entity");
  const result = await runMutation(async () => {
    if (chosen.length === 0) throw new IamError("ValidationError", "Choose at least one user or group to attach the policy to.");
    for (const entity of chosen) {
      const [kind, ...rest] = entity.split(":");
      const name = rest.join(":");
      if (kind === "group") await execute(AttachGroupPolicy, { GroupName: name, PolicyArn: policyArn }, caller);
      else await execute(AttachUserPolicy, { UserName: name, PolicyArn: policyArn }, caller);
    }
  });
  refresh(policyArn);
  return result;
}

export async function detachPolicyFromEntity(policyArn: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const name = field(form, "entityName");
  const result = await runMutation(async () => {
    if (field(form, "entityType") === "group") await execute(DetachGroupPolicy, { GroupName: name, PolicyArn: policyArn }, caller);
    else await execute(DetachUserPolicy, { UserName: name, PolicyArn: policyArn }, caller);
  });
  refresh(policyArn);
  return result;
}

/**
 * The console's Delete: the person typed the policy name. DeletePolicy refuses while the policy is
 * attached (DeleteConflict); when asked, it is first detached from every user and group, as the AWS
 * console offers, each detachment its own audited call.
 */
export async function deletePolicy(policyArn: string, policyName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  if (field(form, "confirmation") !== policyName) {
    return { error: { code: "ValidationError", message: `Type the policy name ${policyName} to confirm the deletion.` } };
  }
  const result = await runMutation(async () => {
    if (field(form, "detachAll") === "on") {
      const { PolicyUsers, PolicyGroups } = await execute(ListEntitiesForPolicy, { PolicyArn: policyArn }, caller);
      for (const user of PolicyUsers) await execute(DetachUserPolicy, { UserName: user.UserName, PolicyArn: policyArn }, caller);
      for (const group of PolicyGroups) await execute(DetachGroupPolicy, { GroupName: group.GroupName, PolicyArn: policyArn }, caller);
    }
    await execute(DeletePolicy, { PolicyArn: policyArn }, caller);
  });
  refresh(policyArn);
  if (result.error) return result;
  redirect("/policies");
}

"use server";

// Changes made from a managed policy's page: new versions, the default version, attachments and
// deletion. Each is one operation call as the signed-in caller.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { DetachGroupPolicy, DetachUserPolicy } from "@/lib/iam/policies/attachments";
import { AttachPolicyToEntities } from "@/lib/iam/policies/batchAttachments";
import { DeletePolicy, DeletePolicyWithDependents } from "@/lib/iam/policies/managed";
import { CreatePolicyVersion, DeletePolicyVersion, SetDefaultPolicyVersion } from "@/lib/iam/policies/versions";
import { PolicyName } from "@/lib/iam/core/validation";
import type { ActionState } from "@/components/forms/actionState";
import type { PolicyVersionDraft } from "@/components/policies/policyDraft";
import { policyHref } from "@/components/policies/policyHref";
import { field, fields, runMutation } from "../../_server/runMutation";
import { nameInArn } from "../../_server/notices";
import { boundArgument, boundValue, draftArgument, formArgument } from "../../_server/actionArguments";

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
  const invalid = boundArgument(CreatePolicyVersion, "PolicyArn", policyArn) ?? draftArgument(draft);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const result = await runMutation(() =>
    execute(
      CreatePolicyVersion,
      {
        PolicyArn: policyArn,
        PolicyDocument: String(draft.document ?? ""),
        SetAsDefault: Boolean(draft.setAsDefault),
        ExpectedDefaultVersionId: String(draft.expectedDefaultVersionId ?? ""),
        DeleteVersionId: draft.deleteVersionId ? String(draft.deleteVersionId) : undefined,
      },
      caller,
    ),
    { kind: "policy-version-saved", subject: nameInArn(policyArn) },
  );
  if (result.error) return result;
  refresh(policyArn);
  redirect(`${policyHref(policyArn)}?tab=versions`);
}

export async function setDefaultPolicyVersion(policyArn: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(SetDefaultPolicyVersion, "PolicyArn", policyArn) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const VersionId = field(form, "versionId");
  const result = await runMutation(() => execute(SetDefaultPolicyVersion, { PolicyArn: policyArn, VersionId }, caller), {
    kind: "policy-default-version-set",
    subject: nameInArn(policyArn),
    object: VersionId,
  });
  refresh(policyArn);
  return result;
}

export async function deletePolicyVersion(policyArn: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(DeletePolicyVersion, "PolicyArn", policyArn) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const VersionId = field(form, "versionId");
  const result = await runMutation(() => execute(DeletePolicyVersion, { PolicyArn: policyArn, VersionId }, caller), {
    kind: "policy-version-deleted",
    subject: nameInArn(policyArn),
    object: VersionId,
  });
  refresh(policyArn);
  return result;
}

/** Entities are chosen as `user:alice` / `group:Developers`; AttachPolicyToEntities attaches to all of them or none. */
export async function attachPolicyToEntities(policyArn: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(AttachPolicyToEntities, "PolicyArn", policyArn) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const chosen = fields(form, "entity").map((entity) => {
    const at = entity.indexOf(":");
    return { kind: entity.slice(0, at), name: entity.slice(at + 1) };
  });
  const names = (kind: string) => chosen.filter((entity) => entity.kind === kind).map((entity) => entity.name);
  const result = await runMutation(() => execute(AttachPolicyToEntities, { PolicyArn: policyArn, UserNames: names("user"), GroupNames: names("group") }, caller), {
    kind: "policy-attached-to-entities",
    subject: nameInArn(policyArn),
    count: chosen.length,
  });
  refresh(policyArn);
  return result;
}

export async function detachPolicyFromEntity(policyArn: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(DetachUserPolicy, "PolicyArn", policyArn) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const name = field(form, "entityName");
  const group = field(form, "entityType") === "group";
  const result = await runMutation(
    () => (group ? execute(DetachGroupPolicy, { GroupName: name, PolicyArn: policyArn }, caller) : execute(DetachUserPolicy, { UserName: name, PolicyArn: policyArn }, caller)),
    { kind: "policy-detached", entity: group ? "group" : "user", subject: name, object: nameInArn(policyArn) },
  );
  refresh(policyArn);
  return result;
}

/**
 * The console's Delete: the person typed the policy name. DeletePolicy refuses while the policy is
 * attached (DeleteConflict); when asked, DeletePolicyWithDependents detaches it from every user and
 * group first, all or nothing.
 */
export async function deletePolicy(policyArn: string, policyName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(DeletePolicy, "PolicyArn", policyArn) ?? boundValue("PolicyName", PolicyName, policyName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  if (field(form, "confirmation") !== policyName) {
    return { error: { code: "ValidationError", message: `Type the policy name ${policyName} to confirm the deletion.` } };
  }
  const detachAll = field(form, "detachAll") === "on";
  const result = await runMutation<unknown>(() =>
    detachAll ? execute(DeletePolicyWithDependents, { PolicyArn: policyArn }, caller) : execute(DeletePolicy, { PolicyArn: policyArn }, caller),
    { kind: "policy-deleted", subject: policyName },
  );
  refresh(policyArn);
  if (result.error) return result;
  redirect("/policies");
}

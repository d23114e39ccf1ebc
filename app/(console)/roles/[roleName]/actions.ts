"use server";

// Changes made from a role's page: each parses the form, makes one operation call as the signed-in
// caller, and revalidates. Errors come back as values for useActionState, so forms keep their input.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { DetachRolePolicy } from "@/lib/iam/policies/attachments";
import { AttachRolePolicies } from "@/lib/iam/policies/batchAttachments";
import { DeleteRoleWithDependents } from "@/lib/iam/roles/deletion";
import { UpdateAssumeRolePolicy, UpdateRole } from "@/lib/iam/roles/roles";
import { RevokeRoleSessions } from "@/lib/iam/roles/sessions";
import { SetRoleTags } from "@/lib/iam/roles/tags";
import type { ActionState } from "@/components/forms/actionState";
import { attachPolicies, detachPolicy, saveTags } from "../../_server/attachmentActions";
import type { TrustPolicyDraft } from "@/components/roles/trustPolicyDraft";
import { roleHref } from "@/components/roles/roleHref";
import { boundArgument, draftArgument, formArgument } from "../../_server/actionArguments";
import { field, runMutation } from "../../_server/runMutation";

function refresh(roleName: string) {
  revalidatePath(roleHref(roleName));
  revalidatePath("/roles");
}

export async function attachRolePolicies(roleName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  return attachPolicies(AttachRolePolicies, "role", roleName, form, refresh);
}

export async function detachRolePolicy(roleName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  return detachPolicy(DetachRolePolicy, "role", roleName, form, refresh);
}

/** "Manage tags" saves the whole set (SetRoleTags works out what to remove and what to write). */
export async function saveRoleTags(roleName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  return saveTags(SetRoleTags, "role", roleName, form, refresh);
}

/** The summary's Edit: the description and the maximum session duration, in one UpdateRole. */
export async function updateRole(roleName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(UpdateRole, "RoleName", roleName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const hours = Number(field(form, "maxSessionHours"));
  const result = await runMutation(
    // UpdateRole checks the range (1–12 hours) and says so; a field that is not a number reaches it as NaN and is refused the same way.
    () => execute(UpdateRole, { RoleName: roleName, Description: field(form, "description"), MaxSessionDuration: Math.round(hours * 3600) }, caller),
    { kind: "role-updated", subject: roleName },
  );
  refresh(roleName);
  return result;
}

/** "Edit trust policy": UpdateAssumeRolePolicy, which checks the text with the trust-policy rules. */
export async function saveTrustPolicy(roleName: string, _previous: ActionState, draft: TrustPolicyDraft): Promise<ActionState> {
  const invalid = boundArgument(UpdateAssumeRolePolicy, "RoleName", roleName) ?? draftArgument(draft);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const result = await runMutation(() => execute(UpdateAssumeRolePolicy, { RoleName: roleName, PolicyDocument: String(draft.document ?? "") }, caller), {
    kind: "trust-policy-saved",
    subject: roleName,
  });
  if (result.error) return result;
  refresh(roleName);
  redirect(roleHref(roleName, "trust"));
}

/** "Revoke active sessions": AWS's AWSRevokeOlderSessions inline policy, put by RevokeRoleSessions. */
export async function revokeRoleSessions(roleName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(RevokeRoleSessions, "RoleName", roleName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const result = await runMutation(() => execute(RevokeRoleSessions, { RoleName: roleName }, caller), { kind: "role-sessions-revoked", subject: roleName });
  refresh(roleName);
  return result;
}

/** The console's delete: the person typed the role name to confirm; its policies go with it. */
export async function deleteRole(roleName: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const invalid = boundArgument(DeleteRoleWithDependents, "RoleName", roleName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  if (field(form, "confirmation") !== roleName) {
    return { error: { code: "ValidationError", message: `Type the role name ${roleName} to confirm the deletion.` } };
  }
  const result = await runMutation(() => execute(DeleteRoleWithDependents, { RoleName: roleName }, caller), { kind: "role-deleted", subject: roleName });
  if (result.error) return result;
  revalidatePath("/roles");
  redirect("/roles");
}

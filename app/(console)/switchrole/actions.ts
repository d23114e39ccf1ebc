"use server";

// Switching role and back. SwitchRole runs as the user who signed in (the console always switches
// from the user, never from another role), then the session's cookie points at the new role session.

import { redirect } from "next/navigation";
import { enterRoleSession, leaveRoleSession } from "@/lib/auth/roleSessionCookie";
import { requireConsoleSession } from "@/lib/auth/session";
import { isIamError, toErrorView } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { SwitchRole } from "@/lib/iam/roles/switchRole";
import type { ActionState } from "@/components/forms/actionState";
import { field } from "../_server/runMutation";

export async function switchRole(_previous: ActionState, form: FormData): Promise<ActionState> {
  const { signedIn } = await requireConsoleSession();
  const input = {
    Account: field(form, "account"),
    RoleName: field(form, "roleName"),
    DisplayName: field(form, "displayName") || undefined,
    Color: field(form, "color") || undefined,
  };
  let switched;
  try {
    switched = await execute(SwitchRole, input, signedIn);
  } catch (error) {
    if (isIamError(error)) return { error: toErrorView(error) };
    throw error;
  }
  await enterRoleSession({ accessKeyId: switched.Credentials.AccessKeyId, displayName: switched.DisplayName, color: switched.Color });
  redirect("/dashboard");
}

/** "Back to USER": the session acts as the signed-in user again, with no new sign-in. */
export async function backToUser(): Promise<void> {
  await leaveRoleSession();
  redirect("/dashboard");
}

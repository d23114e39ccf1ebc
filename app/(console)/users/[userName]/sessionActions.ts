"use server";

// "Revoke active sessions" on a user's Security credentials tab: RevokeUserSessions ends every
// console session of the user (the caller's own too, when it is their own user: "everywhere" means here as well).

import { requireCaller } from "@/lib/auth/session";
import { execute } from "@/lib/iam/core/operation";
import { RevokeUserSessions } from "@/lib/iam/credentials/sessions";
import type { RevokeSessionsState } from "@/components/users/sessionsState";
import { boundArgument, formArgument } from "../../_server/actionArguments";
import { runMutation } from "../../_server/runMutation";

export async function revokeUserSessions(userName: string, _previous: RevokeSessionsState, form: FormData): Promise<RevokeSessionsState> {
  const invalid = boundArgument(RevokeUserSessions, "UserName", userName) ?? formArgument(form);
  if (invalid) return invalid;
  const caller = await requireCaller();
  const result = await runMutation(() => execute(RevokeUserSessions, { UserName: userName }, caller));
  return result.error ? result : { revokedAt: Date.now() };
}

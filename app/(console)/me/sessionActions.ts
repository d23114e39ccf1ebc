"use server";

// "Sign out other sessions" on My security credentials: RevokeUserSessions for the caller itself
// (allowed to everyone by its self-service grant) ends every session of theirs; this one is kept.

import { requireCaller } from "@/lib/auth/session";
import { keepCurrentSession } from "@/lib/auth/sessionCookie";
import { execute } from "@/lib/iam/core/operation";
import { RevokeUserSessions } from "@/lib/iam/credentials/sessions";
import type { RevokeSessionsState } from "@/components/users/sessionsState";
import { runMutation } from "../_server/runMutation";

export async function signOutOtherSessions(_previous: RevokeSessionsState, _form: FormData): Promise<RevokeSessionsState> {
  const caller = await requireCaller();
  const result = await runMutation(() => execute(RevokeUserSessions, {}, caller));
  if (result.error) return result;
  await keepCurrentSession();
  return { revokedAt: Date.now() };
}

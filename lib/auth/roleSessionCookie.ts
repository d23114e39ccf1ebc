// Switching role in the console, and back. The console session stays the user's (its sign-in time,
// MFA flag and session generation are untouched, so signing out or a password change still ends it);
// switchedRole is added to, or removed from, its claims. The role session itself is the row
// SwitchRole wrote: the claims only point at it, and session.ts reads it on every request.

import "server-only";
import type { SwitchedRole } from "./options";
import { reissueSession } from "./sessionCookie";

/** After SwitchRole succeeded: this console session acts as the new role session from its next request. */
export function enterRoleSession(role: SwitchedRole): Promise<boolean> {
  return reissueSession((claims) => ({ ...claims, switchedRole: role }));
}

/** "Back to USER": the console session acts as the signed-in user again. */
export function leaveRoleSession(): Promise<boolean> {
  return reissueSession(({ switchedRole: _left, ...claims }) => claims);
}

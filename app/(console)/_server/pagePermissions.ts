// A page's one question to the engine: which of its controls may the signed-in principal use?
// Every control is named by the operation (and input) its button would send; all of them are decided
// in one GetCallerPermissions call, so the page's work stays fixed however many controls it shows.
// The answers become ControlPermissions with a sentence a person can act on.

import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { isIamError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { GetCallerPermissions, MAX_PERMISSION_CHECKS, type CallerPermission, type PermissionCheck } from "@/lib/iam/policies/callerPermissions";
import { ALLOWED, type ControlPermission } from "@/components/permissions/controlPermission";

/**
 * The sentence under a disabled control: the action, and what stops it. The resource is named only
 * when the page knows it: for a name still to be typed, the stand-in resource the page asked about would mislead.
 */
export function deniedReason(permission: CallerPermission, inputVaries = false): string {
  if (permission.NeedsMFA) return `${permission.Action} requires signing in with MFA: sign out, then sign in again with a code from your MFA device (assign one first if you have none).`;
  if (permission.DeniedBy) return `${permission.Action} is denied by statement ${permission.DeniedBy.Statement} in ${permission.DeniedBy.PolicyName}.`;
  // A policy allows it: saying "no policy allows it" would send the person looking in the wrong place.
  if (permission.DeniedByBoundary) return `${permission.Action} is not allowed: a policy allows it, but the permissions boundary ${permission.DeniedByBoundary} does not.`;
  const where = inputVaries ? "" : ` on ${permission.Resource}`;
  return `${permission.Action} is not allowed: no policy allows it${where}. Ask an administrator for it if you need it.`;
}

/**
 * In a switched role the refusal is the role session's, not the user's: the reason says so, naming
 * the session ARN, so nobody goes looking for the fix in their own user's policies.
 */
function asRoleSession(reason: string, caller: Caller): string {
  return caller.kind === "assumed-role" ? `As ${caller.arn}: ${reason}` : reason;
}

function toControlPermission(permission: CallerPermission, inputVaries: boolean, caller: Caller): ControlPermission {
  if (permission.Decision === "Allowed") return ALLOWED;
  if (permission.Decision === "Depends") {
    const where = permission.AllowedResources?.length ? ` on ${permission.AllowedResources.join(", ")}` : " for some choices";
    return { state: "depends", note: `Your policies allow ${permission.Action} only${where}; what you enter decides, and it is checked again before the final step.` };
  }
  return { state: "denied", reason: asRoleSession(deniedReason(permission, inputVaries), caller), ...(permission.NeedsMFA ? { needsMfa: true as const } : {}) };
}

/**
 * Decides every named check in one call (in chunks of the operation's maximum, which pages stay well
 * under). When the question itself is refused (an explicit Deny of iam:GetCallerPermissions), every
 * control stays enabled: the real call will still be decided, and explained, when it is made.
 */
export async function pagePermissions<K extends string>(caller: Caller, checks: Record<K, PermissionCheck>): Promise<Record<K, ControlPermission>> {
  const names = Object.keys(checks) as K[];
  const result = {} as Record<K, ControlPermission>;
  for (let start = 0; start < names.length; start += MAX_PERMISSION_CHECKS) {
    const chunk = names.slice(start, start + MAX_PERMISSION_CHECKS);
    try {
      const { Permissions } = await execute(GetCallerPermissions, { Checks: chunk.map((name) => checks[name]) }, caller);
      chunk.forEach((name, index) => (result[name] = toControlPermission(Permissions[index]!, checks[name].InputVaries ?? false, caller)));
    } catch (error) {
      if (!isIamError(error) || error.code !== "AccessDenied") throw error;
      for (const name of chunk) result[name] = ALLOWED;
    }
  }
  return result;
}

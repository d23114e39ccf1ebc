// RevokeUserSessions, Portcullis's action in the iam namespace (AWS's console revokes a role's
// sessions with a policy; here a user's console sessions end through their session generation):
// every console session of the user ends on its next request, on every instance. Access keys are
// not sessions and keep working; deactivate them separately. Without UserName it acts on the caller,
// and, as with ChangePassword, nobody needs a policy to sign themselves out of their other sessions:
// a built-in grant allows it on the caller's own ARN (an explicit Deny still wins).

import { z } from "zod";
import { endSessions } from "@/lib/auth/sessionGeneration";
import { compilePolicy, type CompiledPolicy } from "@/lib/policy";
import { operation, type Hooks } from "../core/operation";
import { UserName } from "../core/validation";
import { actsOnCredentialOwner, isSelf, resolveCredentialOwner } from "./owner";

export const SIGN_OUT_OWN_SESSIONS = "Portcullis self-service (anyone may end their own sessions)";

async function selfServiceGrant({ tx, input, caller }: Hooks<{ UserName?: string }>): Promise<readonly CompiledPolicy[]> {
  if (caller.kind !== "user") return [];
  const owner = await resolveCredentialOwner(tx, caller, input.UserName).catch(() => undefined);
  if (!owner || !isSelf(caller, owner)) return [];
  return [
    compilePolicy(
      { Version: "2012-10-17", Statement: [{ Sid: "EndOwnSessions", Effect: "Allow", Action: ["iam:RevokeUserSessions"], Resource: [caller.arn] }] },
      SIGN_OUT_OWN_SESSIONS,
    ),
  ];
}

export const RevokeUserSessions = operation({
  name: "RevokeUserSessions",
  action: "iam:RevokeUserSessions",
  input: z.object({ UserName: UserName.optional() }),
  ...actsOnCredentialOwner,
  builtInPolicies: selfServiceGrant,
  run: async ({ tx, input, caller }): Promise<Record<string, never>> => {
    await endSessions(tx, await resolveCredentialOwner(tx, caller, input.UserName));
    return {};
  },
});

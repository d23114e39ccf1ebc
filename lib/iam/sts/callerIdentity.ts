// sts:GetCallerIdentity: who the credentials of the request belong to. AWS documents that it needs
// no permission and works even when a policy explicitly denies sts:GetCallerIdentity, because a
// denied call tells the caller the same thing (the AccessDenied message names the caller's ARN).
// The engine therefore does not decide it: the operation is alwaysAllowed (core/operation.ts), and
// the decision is audited as Allowed with that reason.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html

import { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import { accountOf } from "../core/account";
import { operation } from "../core/operation";

export const CALLER_IDENTITY_ALWAYS_ALLOWED =
  "sts:GetCallerIdentity needs no permission, as AWS documents: it is allowed even under an explicit Deny, because a denied call would tell the caller the same identity.";

/** AWS's GetCallerIdentityResult. */
export interface CallerIdentity {
  /** The unique ID: the account ID for the root user, AIDA… for a user, AROA…:session for a role session. */
  UserId: string;
  Account: string;
  Arn: string;
}

/** The identity as AWS reports it for each kind of caller. */
export function callerIdentity(caller: Caller): CallerIdentity {
  const Account = accountOf(caller);
  const UserId =
    caller.kind === "user" ? caller.userId! : caller.kind === "assumed-role" && caller.roleSession ? `${caller.roleSession.roleId}:${caller.roleSession.sessionName}` : Account;
  return { UserId, Account, Arn: caller.arn };
}

export const GetCallerIdentity = operation({
  name: "GetCallerIdentity",
  action: "sts:GetCallerIdentity",
  readOnly: true,
  input: z.object({}).optional(),
  // The action has no resource type in AWS's Service Authorization Reference.
  resource: () => "*",
  alwaysAllowed: CALLER_IDENTITY_ALWAYS_ALLOWED,
  run: async ({ caller }): Promise<CallerIdentity> => callerIdentity(caller),
});

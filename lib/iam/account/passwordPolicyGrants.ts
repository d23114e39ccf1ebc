// The account password policy's AllowUsersToChangePassword, as AWS describes it: when on, every IAM
// user may change their own password (and read the policy their new password must meet) without a
// policy of their own. It is expressed as one more identity-based policy for the engine, so the
// decision is explained ("Account password policy …") and audited like any other, and an explicit
// Deny in the user's own policies still wins. When the setting is off, only the user's policies decide.

import { compilePolicy, type CompiledPolicy } from "@/lib/policy";
import type { Hooks } from "../core/operation";

export const ALLOW_USERS_TO_CHANGE_PASSWORD = "Account password policy (AllowUsersToChangePassword)";

export async function passwordPolicyGrants({ tx, caller }: Pick<Hooks<unknown>, "tx" | "caller">): Promise<readonly CompiledPolicy[]> {
  if (caller.kind !== "user" || !caller.accountId) return [];
  const policy = await tx.passwordPolicy.findUnique({ where: { accountId: caller.accountId }, select: { allowUsersToChangePassword: true } });
  if (!policy?.allowUsersToChangePassword) return [];
  return [
    compilePolicy(
      {
        Version: "2012-10-17",
        Statement: [
          { Sid: "ChangeOwnPassword", Effect: "Allow", Action: ["iam:ChangePassword"], Resource: [caller.arn] },
          { Sid: "ReadPasswordPolicy", Effect: "Allow", Action: ["iam:GetAccountPasswordPolicy"], Resource: ["*"] },
        ],
      },
      ALLOW_USERS_TO_CHANGE_PASSWORD,
    ),
  ];
}

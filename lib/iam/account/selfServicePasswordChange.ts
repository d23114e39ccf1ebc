// The account password policy with AllowUsersToChangePassword turned on and nothing else changed:
// what the console writes (UpdateAccountPasswordPolicy, which replaces the whole policy) when a user
// told to choose a new password would otherwise not be allowed to. An account without a policy of
// its own follows AWS's default rules, which a policy cannot state exactly (any three of four kinds
// of character): the policy it gets keeps their 8 characters and requires all four kinds, so it is
// never weaker than the rules it replaces.

import type { Tx } from "@/lib/db/client";
import type { UpdateAccountPasswordPolicyInput } from "./passwordPolicy";

/** The policy an account without one gets when self-service password changes are turned on. */
export const DEFAULT_RULES_WITH_SELF_SERVICE = {
  MinimumPasswordLength: 8,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  RequireNumbers: true,
  RequireSymbols: true,
  AllowUsersToChangePassword: true,
} as const satisfies UpdateAccountPasswordPolicyInput;

/** The account's password policy as it is, but letting every IAM user change their own password. */
export async function policyAllowingSelfService(tx: Tx, accountId: string): Promise<UpdateAccountPasswordPolicyInput> {
  const policy = await tx.passwordPolicy.findUnique({ where: { accountId } });
  if (!policy) return DEFAULT_RULES_WITH_SELF_SERVICE;
  return {
    MinimumPasswordLength: policy.minimumPasswordLength,
    RequireUppercaseCharacters: policy.requireUppercaseCharacters,
    RequireLowercaseCharacters: policy.requireLowercaseCharacters,
    RequireNumbers: policy.requireNumbers,
    RequireSymbols: policy.requireSymbols,
    AllowUsersToChangePassword: true,
    ...(policy.maxPasswordAge !== null ? { MaxPasswordAge: policy.maxPasswordAge, HardExpiry: policy.hardExpiry } : {}),
    ...(policy.passwordReusePrevention !== null ? { PasswordReusePrevention: policy.passwordReusePrevention } : {}),
  };
}

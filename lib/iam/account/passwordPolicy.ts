// The account password policy: GetAccountPasswordPolicy, UpdateAccountPasswordPolicy and
// DeleteAccountPasswordPolicy (resource `*`), with AWS's fields and ranges. Without a policy the
// account uses AWS's default rules (passwords.ts). As in AWS's API, UpdateAccountPasswordPolicy
// replaces the whole policy: a field left out takes its API default, not its previous value.

import { z } from "zod";
import { IamError } from "../core/errors";
import { accountOf } from "../core/account";
import { operation } from "../core/operation";
import { passwordPolicyGrants } from "./passwordPolicyGrants";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";

export interface PasswordPolicyView {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  /** True when MaxPasswordAge is set. */
  ExpirePasswords: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/** AWS's ranges: 6–128 characters, 1–1,095 days, the last 1–24 passwords. */
export const PASSWORD_POLICY_LIMITS = {
  minimumLength: { min: 6, max: MAX_PASSWORD_LENGTH },
  maxPasswordAge: { min: 1, max: 1095 },
  reusePrevention: { min: 1, max: 24 },
} as const;

const { minimumLength, maxPasswordAge, reusePrevention } = PASSWORD_POLICY_LIMITS;

const UpdateAccountPasswordPolicyInput = z.object({
  MinimumPasswordLength: z.int().min(minimumLength.min, `must be at least ${minimumLength.min}`).max(minimumLength.max, `must be at most ${minimumLength.max}`).optional(),
  RequireSymbols: z.boolean().optional(),
  RequireNumbers: z.boolean().optional(),
  RequireUppercaseCharacters: z.boolean().optional(),
  RequireLowercaseCharacters: z.boolean().optional(),
  AllowUsersToChangePassword: z.boolean().optional(),
  MaxPasswordAge: z.int().min(maxPasswordAge.min, `must be at least ${maxPasswordAge.min} day`).max(maxPasswordAge.max, `must be at most ${maxPasswordAge.max} days`).optional(),
  PasswordReusePrevention: z.int().min(reusePrevention.min, `must be at least ${reusePrevention.min}`).max(reusePrevention.max, `must be at most ${reusePrevention.max}`).optional(),
  HardExpiry: z.boolean().optional(),
});
export type UpdateAccountPasswordPolicyInput = z.infer<typeof UpdateAccountPasswordPolicyInput>;

const NoInput = z.object({}).optional();

export const GetAccountPasswordPolicy = operation({
  name: "GetAccountPasswordPolicy",
  action: "iam:GetAccountPasswordPolicy",
  readOnly: true,
  input: NoInput,
  resource: () => "*",
  // Users allowed to change their own password may read the rules the new one must meet.
  builtInPolicies: passwordPolicyGrants,
  run: async ({ tx, caller }): Promise<{ PasswordPolicy: PasswordPolicyView }> => {
    const accountId = accountOf(caller);
    const policy = await tx.passwordPolicy.findUnique({ where: { accountId } });
    if (!policy) throw new IamError("NoSuchEntity", `The Password Policy with domain name ${accountId} cannot be found.`);
    return {
      PasswordPolicy: {
        MinimumPasswordLength: policy.minimumPasswordLength,
        RequireSymbols: policy.requireSymbols,
        RequireNumbers: policy.requireNumbers,
        RequireUppercaseCharacters: policy.requireUppercaseCharacters,
        RequireLowercaseCharacters: policy.requireLowercaseCharacters,
        AllowUsersToChangePassword: policy.allowUsersToChangePassword,
        ExpirePasswords: policy.maxPasswordAge !== null,
        ...(policy.maxPasswordAge !== null ? { MaxPasswordAge: policy.maxPasswordAge, HardExpiry: policy.hardExpiry } : {}),
        ...(policy.passwordReusePrevention !== null ? { PasswordReusePrevention: policy.passwordReusePrevention } : {}),
      },
    };
  },
});

export const UpdateAccountPasswordPolicy = operation({
  name: "UpdateAccountPasswordPolicy",
  action: "iam:UpdateAccountPasswordPolicy",
  input: UpdateAccountPasswordPolicyInput,
  resource: () => "*",
  run: async ({ tx, input, caller }): Promise<Record<string, never>> => {
    const accountId = accountOf(caller);
    if (!(await tx.account.findUnique({ where: { id: accountId }, select: { id: true } }))) {
      throw new IamError("NoSuchEntity", "The account cannot be found.");
    }
    // AWS's API defaults for omitted fields: 6 characters, nothing required, no expiry, no reuse rule.
    const data = {
      minimumPasswordLength: input.MinimumPasswordLength ?? minimumLength.min,
      requireSymbols: input.RequireSymbols ?? false,
      requireNumbers: input.RequireNumbers ?? false,
      requireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
      requireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
      allowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
      maxPasswordAge: input.MaxPasswordAge ?? null,
      passwordReusePrevention: input.PasswordReusePrevention ?? null,
      hardExpiry: input.HardExpiry ?? false,
    };
    await tx.passwordPolicy.upsert({ where: { accountId }, create: { accountId, ...data }, update: data });
    return {};
  },
});

export const DeleteAccountPasswordPolicy = operation({
  name: "DeleteAccountPasswordPolicy",
  action: "iam:DeleteAccountPasswordPolicy",
  input: NoInput,
  resource: () => "*",
  run: async ({ tx, caller }): Promise<Record<string, never>> => {
    const accountId = accountOf(caller);
    const { count } = await tx.passwordPolicy.deleteMany({ where: { accountId } });
    if (count === 0) throw new IamError("NoSuchEntity", `The account policy with name PasswordPolicy cannot be found.`);
    return {};
  },
});

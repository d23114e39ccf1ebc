// Which password rules apply: the account's password policy when it has one, otherwise AWS's
// default policy (at least 8 characters and at least three of the four character classes). The
// rules themselves are checked by the pure lib/iam/core/passwordRules.ts, which the browser runs too.
// The policy also forbids reusing recent passwords (passwordHistory.ts). Messages say what a valid
// password needs and never echo a password, so nothing typed can reach the audit log.

import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import type { Tx } from "@/lib/db/client";
import type { PasswordPolicyView } from "../account/passwordPolicy";
import { IamError } from "../core/errors";
import { describeProblems, passwordProblems, type PasswordRules } from "../core/passwordRules";
import { requirePasswordNotReused } from "./passwordHistory";

export const DEFAULT_PASSWORD_RULES: PasswordRules = {
  minimumLength: 8,
  maximumLength: MAX_PASSWORD_LENGTH,
  requireUppercase: false,
  requireLowercase: false,
  requireNumbers: false,
  requireSymbols: false,
  requireThreeClasses: true,
};

type PasswordPolicyRow = NonNullable<Awaited<ReturnType<Tx["passwordPolicy"]["findUnique"]>>>;

function rulesOf(policy: PasswordPolicyRow | null): PasswordRules {
  if (!policy) return DEFAULT_PASSWORD_RULES;
  return {
    minimumLength: policy.minimumPasswordLength,
    maximumLength: MAX_PASSWORD_LENGTH,
    requireUppercase: policy.requireUppercaseCharacters,
    requireLowercase: policy.requireLowercaseCharacters,
    requireNumbers: policy.requireNumbers,
    requireSymbols: policy.requireSymbols,
    requireThreeClasses: false,
  };
}

/** GetAccountPasswordPolicy's policy as rules, or AWS's default policy when the account has none (NoSuchEntity). */
export function passwordRulesOf(policy: PasswordPolicyView | undefined): PasswordRules {
  if (!policy) return DEFAULT_PASSWORD_RULES;
  return {
    minimumLength: policy.MinimumPasswordLength,
    maximumLength: MAX_PASSWORD_LENGTH,
    requireUppercase: policy.RequireUppercaseCharacters,
    requireLowercase: policy.RequireLowercaseCharacters,
    requireNumbers: policy.RequireNumbers,
    requireSymbols: policy.RequireSymbols,
    requireThreeClasses: false,
  };
}

/** The account's password policy as rules, or AWS's default policy when the account has none. */
export async function accountPasswordRules(tx: Tx, accountId: string): Promise<PasswordRules> {
  return rulesOf(await tx.passwordPolicy.findUnique({ where: { accountId } }));
}

/**
 * Throws PasswordPolicyViolation when the password breaks the account's password policy. With the
 * user whose password it becomes, also when the policy's PasswordReusePrevention forbids it.
 */
export async function enforcePasswordPolicy(tx: Tx, accountId: string, password: string, userId?: string): Promise<void> {
  const policy = await tx.passwordPolicy.findUnique({ where: { accountId } });
  const problems = passwordProblems(password, rulesOf(policy));
  if (problems.length > 0) throw new IamError("PasswordPolicyViolation", describeProblems(problems));
  if (userId && policy?.passwordReusePrevention) await requirePasswordNotReused(tx, userId, password, policy.passwordReusePrevention);
}

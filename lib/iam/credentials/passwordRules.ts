// What a console password must be. The account's password policy applies when it has one;
// otherwise AWS's default policy does: at least 8 characters and at least three of the four
// character classes. The policy also forbids reusing recent passwords (passwordHistory.ts).
// Messages say what a valid password needs and never echo a password, so nothing typed can reach
// the audit log.

import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import type { Tx } from "@/lib/db/client";
import { IamError } from "../core/errors";
import { requirePasswordNotReused } from "./passwordHistory";


export interface PasswordRules {
  readonly minimumLength: number;
  readonly requireUppercase: boolean;
  readonly requireLowercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  /** AWS's default policy: any three of the four classes instead of specific ones. */
  readonly requireThreeClasses: boolean;
}

export const DEFAULT_PASSWORD_RULES: PasswordRules = {
  minimumLength: 8,
  requireUppercase: false,
  requireLowercase: false,
  requireNumbers: false,
  requireSymbols: false,
  requireThreeClasses: true,
};

const CLASSES = {
  uppercase: /[A-Z]/,
  lowercase: /[a-z]/,
  numbers: /[0-9]/,
  // AWS counts these as symbols; any other non-alphanumeric character counts too.
  symbols: /[^A-Za-z0-9]/,
} as const;

/** What the password lacks, as phrases ("be at least 8 characters long", …); empty when it is acceptable. */
export function passwordProblems(password: string, rules: PasswordRules): string[] {
  const problems: string[] = [];
  if (password.length < rules.minimumLength) problems.push(`be at least ${rules.minimumLength} characters long`);
  if (password.length > MAX_PASSWORD_LENGTH) problems.push(`be at most ${MAX_PASSWORD_LENGTH} characters long`);
  const has = {
    uppercase: CLASSES.uppercase.test(password),
    lowercase: CLASSES.lowercase.test(password),
    numbers: CLASSES.numbers.test(password),
    symbols: CLASSES.symbols.test(password),
  };
  if (rules.requireUppercase && !has.uppercase) problems.push("include an uppercase letter (A-Z)");
  if (rules.requireLowercase && !has.lowercase) problems.push("include a lowercase letter (a-z)");
  if (rules.requireNumbers && !has.numbers) problems.push("include a number (0-9)");
  if (rules.requireSymbols && !has.symbols) problems.push("include a symbol such as ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '");
  if (rules.requireThreeClasses && Object.values(has).filter(Boolean).length < 3) {
    problems.push("mix at least three of: uppercase letters, lowercase letters, numbers, symbols");
  }
  return problems;
}

export function describeProblems(problems: readonly string[]): string {
  return `The password must ${problems.join("; ")}.`;
}

type PasswordPolicyRow = NonNullable<Awaited<ReturnType<Tx["passwordPolicy"]["findUnique"]>>>;

function rulesOf(policy: PasswordPolicyRow | null): PasswordRules {
  if (!policy) return DEFAULT_PASSWORD_RULES;
  return {
    minimumLength: policy.minimumPasswordLength,
    requireUppercase: policy.requireUppercaseCharacters,
    requireLowercase: policy.requireLowercaseCharacters,
    requireNumbers: policy.requireNumbers,
    requireSymbols: policy.requireSymbols,
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

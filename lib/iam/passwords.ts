// Password rules and an IAM user's own password change (ChangePassword). The account's password
// policy applies when it has one; otherwise AWS's default policy does: at least 8 characters and at
// least three of the four character classes. The policy also forbids reusing recent passwords
// (passwordHistory.ts) and, under HardExpiry, changing an expired one. Messages say what a valid
// password needs and never echo a password, so nothing typed can reach the audit log.

import { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordExpiry } from "@/lib/auth/passwordExpiry";
import type { Tx } from "@/lib/db/client";
import { IamError } from "./errors";
import { operation } from "./operation";
import { recordPasswordHistory, requirePasswordNotReused } from "./passwordHistory";
import { passwordPolicyGrants } from "./passwordPolicyGrants";

/** AWS's limit on any IAM or root password. */
export const MAX_PASSWORD_LENGTH = 128;

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

/** Stores a user's new console password hash, remembering it for reuse prevention. */
export async function newPasswordHash(tx: Tx, userId: string, password: string): Promise<string> {
  const passwordHash = await hashPassword(password);
  await recordPasswordHistory(tx, userId, passwordHash);
  return passwordHash;
}

const ChangePasswordInput = z.object({
  OldPassword: z.string({ error: "OldPassword is required" }).min(1, "enter your current password").max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`),
  NewPassword: z.string({ error: "NewPassword is required" }).min(1, "enter a new password").max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** What an IAM user whose password expired under HardExpiry is told, here and on the change-password page. */
export const HARD_EXPIRY_MESSAGE =
  "Your password has expired, and this account's password policy lets only an administrator reset an expired password. Contact your administrator.";

function requireIamUser(caller: Caller): { accountId: string; userId: string } {
  if (caller.kind !== "user" || !caller.userId || !caller.accountId) {
    // As AWS's InvalidUserType: ChangePassword is for IAM users; the root user's password is an account setting.
    throw new IamError("InvalidInput", "ChangePassword changes an IAM user's own password; it cannot be called by the root user.");
  }
  return { accountId: caller.accountId, userId: caller.userId };
}

/**
 * An IAM user changes their own console password (iam:ChangePassword on their own user ARN, or the
 * password policy's AllowUsersToChangePassword).
 */
export const ChangePassword = operation({
  name: "ChangePassword",
  action: "iam:ChangePassword",
  input: ChangePasswordInput,
  resource: (_input, caller) => caller.arn,
  accountGrants: passwordPolicyGrants,
  run: async (tx, input, caller) => {
    const { accountId, userId } = requireIamUser(caller);
    const profile = await tx.loginProfile.findUnique({ where: { userId } });
    if (!profile) {
      throw new IamError("NoSuchEntity", `The user with name ${caller.userName} has no console password; ask an administrator to create one.`);
    }
    const policy = await tx.passwordPolicy.findUnique({ where: { accountId }, select: { maxPasswordAge: true, hardExpiry: true } });
    if (passwordExpiry(profile.passwordChangedAt, policy) === "expired-administrator-reset") {
      throw new IamError("PasswordPolicyViolation", HARD_EXPIRY_MESSAGE);
    }
    if (!(await verifyPassword(profile.passwordHash, input.OldPassword))) {
      throw new IamError("InvalidInput", "The current password is incorrect.");
    }
    if (input.NewPassword === input.OldPassword) {
      throw new IamError("PasswordPolicyViolation", "The new password must be different from the current password.");
    }
    await enforcePasswordPolicy(tx, accountId, input.NewPassword, userId);
    await tx.loginProfile.update({
      where: { userId },
      data: { passwordHash: await newPasswordHash(tx, userId, input.NewPassword), passwordResetRequired: false, passwordChangedAt: new Date() },
    });
    return {};
  },
});

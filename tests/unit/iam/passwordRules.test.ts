import { describe, expect, it } from "vitest";
import { checkPasswordRules, describeProblems, passwordProblems, type PasswordRules } from "@/lib/iam/core/passwordRules";
import { DEFAULT_PASSWORD_RULES, passwordRulesOf } from "@/lib/iam/credentials/passwordRules";
import type { PasswordPolicyView } from "@/lib/iam/account/passwordPolicy";

// One check, run by the server (PasswordPolicyViolation) and by the forms that tick each rule as it is typed.

const strict: PasswordRules = passwordRulesOf({
  MinimumPasswordLength: 12,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  RequireNumbers: true,
  RequireSymbols: true,
  AllowUsersToChangePassword: true,
  ExpirePasswords: false,
} satisfies PasswordPolicyView);

const met = (password: string, rules: PasswordRules) => Object.fromEntries(checkPasswordRules(password, rules).map((check) => [check.rule, check.met]));

describe("password rules", () => {
  it("lists AWS's default rules when the account has no policy, and ticks them as the password grows", () => {
    expect(passwordRulesOf(undefined)).toBe(DEFAULT_PASSWORD_RULES);
    const rules = checkPasswordRules("", DEFAULT_PASSWORD_RULES).map((check) => check.rule);
    expect(rules).toEqual(["At least 8 characters", "At most 128 characters", "At least three of: uppercase letters, lowercase letters, numbers, symbols"]);
    expect(met("abc", DEFAULT_PASSWORD_RULES)).toEqual({ "At least 8 characters": false, "At most 128 characters": true, "At least three of: uppercase letters, lowercase letters, numbers, symbols": false });
    expect(met("abcdefgH1", DEFAULT_PASSWORD_RULES)).toEqual({ "At least 8 characters": true, "At most 128 characters": true, "At least three of: uppercase letters, lowercase letters, numbers, symbols": true });
  });

  it("lists exactly the classes a custom policy requires, each checked on its own", () => {
    expect(checkPasswordRules("", strict).map((check) => check.rule)).toEqual([
      "At least 12 characters",
      "At most 128 characters",
      "An uppercase letter (A-Z)",
      "A lowercase letter (a-z)",
      "A number (0-9)",
      "A symbol such as ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '",
    ]);
    const ticks = met("lowercase-only", strict);
    expect(ticks["A lowercase letter (a-z)"]).toBe(true);
    expect(ticks["A symbol such as ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '"]).toBe(true);
    expect(ticks["An uppercase letter (A-Z)"]).toBe(false);
    expect(ticks["A number (0-9)"]).toBe(false);
  });

  it("words a refusal from the same rules, never echoing the password", () => {
    const problems = passwordProblems("Short1!", strict);
    expect(problems).toEqual(["be at least 12 characters long"]);
    expect(describeProblems(problems)).toBe("The password must be at least 12 characters long.");
    expect(describeProblems(passwordProblems("x".repeat(129), DEFAULT_PASSWORD_RULES))).not.toContain("xxx");
    expect(passwordProblems("Long-enough-Password-1", strict)).toEqual([]);
  });
});

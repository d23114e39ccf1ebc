// The password policy in sentences, for the page's summary and for anyone choosing a new password.

import type { PasswordPolicyView } from "@/lib/iam/account/passwordPolicy";

/** AWS's default policy, which applies while the account has none of its own. */
export const DEFAULT_POLICY_RULES: readonly string[] = [
  "Minimum password length is 8 characters",
  "Include a minimum of three of the following: uppercase letters, lowercase letters, numbers, symbols",
  "Passwords never expire",
  "IAM users can change their own password only if one of their policies allows iam:ChangePassword",
];

export function describePasswordPolicy(policy: PasswordPolicyView): string[] {
  const rules = [`Minimum password length is ${policy.MinimumPasswordLength} characters`];
  const classes = [
    policy.RequireUppercaseCharacters && "an uppercase letter (A–Z)",
    policy.RequireLowercaseCharacters && "a lowercase letter (a–z)",
    policy.RequireNumbers && "a number (0–9)",
    policy.RequireSymbols && "a symbol (! @ # $ % ^ & * ( ) _ + - = [ ] { } | ')",
  ].filter((text): text is string => typeof text === "string");
  rules.push(classes.length > 0 ? `Require at least ${classes.join(", ")}` : "No particular kinds of characters are required");
  if (policy.MaxPasswordAge) {
    rules.push(`Passwords expire after ${policy.MaxPasswordAge} ${policy.MaxPasswordAge === 1 ? "day" : "days"}`);
    rules.push(policy.HardExpiry ? "An expired password can only be reset by an administrator" : "Users choose a new password at sign-in once theirs expires");
  } else {
    rules.push("Passwords never expire");
  }
  rules.push(
    policy.AllowUsersToChangePassword
      ? "All IAM users can change their own password"
      : "IAM users can change their own password only if one of their policies allows iam:ChangePassword",
  );
  if (policy.PasswordReusePrevention) {
    rules.push(`Users cannot reuse their last ${policy.PasswordReusePrevention === 1 ? "password" : `${policy.PasswordReusePrevention} passwords`}`);
  }
  return rules;
}

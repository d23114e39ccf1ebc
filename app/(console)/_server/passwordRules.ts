// The password rules a page shows beside a password field: GetAccountPasswordPolicy as the caller,
// AWS's default rules when the account has no policy (NoSuchEntity). When the caller may not read
// the policy, undefined: the form then only says that the account's policy applies, rather than
// showing rules that might not be the account's.

import type { Caller } from "@/lib/auth/caller";
import { GetAccountPasswordPolicy } from "@/lib/iam/account/passwordPolicy";
import type { PasswordRules } from "@/lib/iam/core/passwordRules";
import { passwordRulesOf } from "@/lib/iam/credentials/passwordRules";
import { readOperation } from "./readOperation";

export async function loadPasswordRules(caller: Caller): Promise<PasswordRules | undefined> {
  const result = await readOperation(GetAccountPasswordPolicy, {}, caller);
  if (result.ok) return passwordRulesOf(result.value.PasswordPolicy);
  return result.error.code === "NoSuchEntity" ? passwordRulesOf(undefined) : undefined;
}

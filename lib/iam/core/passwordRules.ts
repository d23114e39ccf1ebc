// What a console password must be, as a pure check the server enforces and the browser shows: the
// forms where a password is chosen list these rules and tick each one as the person types, with the
// same wording the server's PasswordPolicyViolation uses. Where the rules come from (the account's
// password policy, or AWS's default policy) is the server's business: lib/iam/credentials/passwordRules.ts.

export interface PasswordRules {
  readonly minimumLength: number;
  /** AWS's limit on any password, a rule of every policy. */
  readonly maximumLength: number;
  readonly requireUppercase: boolean;
  readonly requireLowercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  /** AWS's default policy: any three of the four classes instead of specific ones. */
  readonly requireThreeClasses: boolean;
}

export interface PasswordRuleCheck {
  /** The rule as a list item: "At least 8 characters". */
  readonly rule: string;
  /** What a password breaking it must do, after "The password must": "be at least 8 characters long". */
  readonly problem: string;
  readonly met: boolean;
}

const CLASSES = {
  uppercase: /[A-Z]/,
  lowercase: /[a-z]/,
  numbers: /[0-9]/,
  // AWS counts these as symbols; any other non-alphanumeric character counts too.
  symbols: /[^A-Za-z0-9]/,
} as const;

/** Every rule of the policy, each with whether the password meets it. */
export function checkPasswordRules(password: string, rules: PasswordRules): PasswordRuleCheck[] {
  const has = {
    uppercase: CLASSES.uppercase.test(password),
    lowercase: CLASSES.lowercase.test(password),
    numbers: CLASSES.numbers.test(password),
    symbols: CLASSES.symbols.test(password),
  };
  const checks: PasswordRuleCheck[] = [
    { rule: `At least ${rules.minimumLength} characters`, problem: `be at least ${rules.minimumLength} characters long`, met: password.length >= rules.minimumLength },
    { rule: `At most ${rules.maximumLength} characters`, problem: `be at most ${rules.maximumLength} characters long`, met: password.length <= rules.maximumLength },
  ];
  if (rules.requireUppercase) checks.push({ rule: "An uppercase letter (A-Z)", problem: "include an uppercase letter (A-Z)", met: has.uppercase });
  if (rules.requireLowercase) checks.push({ rule: "A lowercase letter (a-z)", problem: "include a lowercase letter (a-z)", met: has.lowercase });
  if (rules.requireNumbers) checks.push({ rule: "A number (0-9)", problem: "include a number (0-9)", met: has.numbers });
  if (rules.requireSymbols) {
    checks.push({ rule: "A symbol such as ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '", problem: "include a symbol such as ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '", met: has.symbols });
  }
  if (rules.requireThreeClasses) {
    checks.push({
      rule: "At least three of: uppercase letters, lowercase letters, numbers, symbols",
      problem: "mix at least three of: uppercase letters, lowercase letters, numbers, symbols",
      met: Object.values(has).filter(Boolean).length >= 3,
    });
  }
  return checks;
}

/** What the password lacks, as phrases ("be at least 8 characters long", …); empty when it is acceptable. */
export function passwordProblems(password: string, rules: PasswordRules): string[] {
  return checkPasswordRules(password, rules)
    .filter((check) => !check.met)
    .map((check) => check.problem);
}

export function describeProblems(problems: readonly string[]): string {
  return `The password must ${problems.join("; ")}.`;
}

// When an IAM user's console password expires under the account's password policy (MaxPasswordAge,
// in days since the password was last set). Pure, so the session (which forces the change at sign-in)
// and ChangePassword (which refuses it under HardExpiry) agree on the same instant.

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ExpirySettings {
  /** Days; null or undefined means passwords never expire. */
  readonly maxPasswordAge?: number | null;
  /** An expired password can only be reset by an administrator. */
  readonly hardExpiry?: boolean;
}

/** The moment the password expires, or undefined when the policy does not expire passwords. */
export function passwordExpiresAt(passwordChangedAt: Date, settings: ExpirySettings | null | undefined): Date | undefined {
  const days = settings?.maxPasswordAge;
  if (!days || days <= 0) return undefined;
  return new Date(passwordChangedAt.getTime() + days * DAY_MS);
}

export type PasswordExpiry = "current" | "expired" | "expired-administrator-reset";

/** Whether the password has expired and, if so, whether its owner may still choose a new one. */
export function passwordExpiry(passwordChangedAt: Date, settings: ExpirySettings | null | undefined, now = new Date()): PasswordExpiry {
  const expiresAt = passwordExpiresAt(passwordChangedAt, settings);
  if (!expiresAt || expiresAt.getTime() > now.getTime()) return "current";
  return settings?.hardExpiry ? "expired-administrator-reset" : "expired";
}

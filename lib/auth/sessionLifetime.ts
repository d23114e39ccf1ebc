// How long a console session lasts, counted from its sign-in however often it is refreshed: AWS's
// console signs IAM users out after 12 hours. PORTCULLIS_SESSION_HOURS sets another absolute
// lifetime. next-auth reissues the cookie with a fresh expiry on every GET /api/auth/session, so the
// expiry proves nothing; the sign-in time inside the token (authTime) is what is checked.

export const DEFAULT_SESSION_HOURS = 12;
export const MIN_SESSION_HOURS = 0.25;
export const MAX_SESSION_HOURS = 24;

/** PORTCULLIS_SESSION_HOURS as milliseconds; a value outside the range is a configuration error, not a default. */
export function parseSessionHours(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_SESSION_HOURS * 3_600_000;
  const hours = Number(value);
  if (!Number.isFinite(hours) || hours < MIN_SESSION_HOURS || hours > MAX_SESSION_HOURS) {
    throw new Error(`PORTCULLIS_SESSION_HOURS must be a number of hours from ${MIN_SESSION_HOURS} to ${MAX_SESSION_HOURS} (such as 8 or 0.5); it is "${value.slice(0, 40)}".`);
  }
  return Math.round(hours * 3_600_000);
}

let lifetime: number | undefined;

/** The absolute session lifetime in milliseconds. */
export function sessionLifetimeMs(): number {
  lifetime ??= parseSessionHours(process.env.PORTCULLIS_SESSION_HOURS);
  return lifetime;
}

/** Whether a session signed in at authTime (ms since the epoch) has outlived the lifetime; a missing time has. */
export function sessionExpired(authTime: number, now = Date.now()): boolean {
  return !(now - authTime < sessionLifetimeMs());
}

// Time-based one-time passwords (RFC 6238) as AWS's virtual MFA devices use them: HMAC-SHA-1,
// 6 digits, 30-second steps, and codes accepted one step either side of the server's clock to allow
// for drift. Every function takes the time explicitly (defaulting to now) so tests can pin it.

import { generate, generateSecret, generateURI, verify } from "otplib";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const ALGORITHM = "sha1";
const ISSUER = "Portcullis";
/** ±1 step: otplib's tolerance is in seconds either side of now. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

const seconds = (now: Date) => Math.floor(now.getTime() / 1000);

/** The RFC 6238 time step (counter) that `now` falls in. */
export function timeStepAt(now: Date = new Date()): number {
  return Math.floor(seconds(now) / TOTP_PERIOD_SECONDS);
}

/** A new Base32 seed: 20 random bytes (160 bits, the HMAC-SHA-1 key length RFC 4226 recommends). */
export function generateTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/**
 * The otpauth:// URI authenticator apps scan. The label is "<account alias or ID>:<user name or root>"
 * so that someone with several accounts can tell the entries apart.
 */
export function totpUri(secret: string, account: string, principal: string): string {
  return generateURI({ issuer: ISSUER, label: `${account}:${principal}`, secret, algorithm: ALGORITHM, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/** The code for a time step (what an authenticator app shows during that step). */
export function totpCodeAt(secret: string, step: number): Promise<string> {
  return generate({ secret, algorithm: ALGORITHM, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, epoch: step * TOTP_PERIOD_SECONDS });
}

const wellFormed = (code: string) => new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code);

export interface VerifyOptions {
  readonly now?: Date;
  /** The device's last accepted step: a code from this step or an earlier one is a replay. */
  readonly lastUsedTimeStep?: number | null;
}

/** The time step `code` belongs to when it is valid now (±1 step) and newer than lastUsedTimeStep; otherwise undefined. */
export async function verifyTotp(secret: string, code: string, options: VerifyOptions = {}): Promise<number | undefined> {
  if (!wellFormed(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    epoch: seconds(options.now ?? new Date()),
    epochTolerance: TOLERANCE_SECONDS,
    afterTimeStep: options.lastUsedTimeStep ?? undefined,
  });
  // verify() types its result for HOTP too; a TOTP result always carries its time step.
  return result.valid && "timeStep" in result ? result.timeStep : undefined;
}

/**
 * AWS's enrollment and resync check: two consecutive codes, code1 from step t and code2 from step
 * t+1, with code2 valid now (±1 step) and both newer than lastUsedTimeStep. Returns t+1, the step to
 * remember as the device's last used one, or undefined.
 */
export async function verifyConsecutiveTotp(secret: string, code1: string, code2: string, options: VerifyOptions = {}): Promise<number | undefined> {
  if (!wellFormed(code1) || !wellFormed(code2)) return undefined;
  const second = await verifyTotp(secret, code2, options);
  if (second === undefined) return undefined;
  const first = second - 1;
  if (options.lastUsedTimeStep != null && first <= options.lastUsedTimeStep) return undefined;
  const exact = await verify({
    secret,
    token: code1,
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    epoch: first * TOTP_PERIOD_SECONDS,
    epochTolerance: 0,
  });
  return exact.valid ? second : undefined;
}

// Verifying console sign-in credentials, for the root user (email + password) and for IAM users
// (account ID or alias + user name + password). Every attempt, successful or not, is recorded in the
// audit log as signin:ConsoleLogin. A failure never says which part was wrong, and takes as long
// whether or not the principal exists: an argon2 verify runs, against a decoy hash if need be.
// Repeated failures are throttled (throttle.ts): a refusal by the throttle says so ("too many
// attempts", and never after a single mistake), still without saying which part was wrong. A
// throttled attempt, or a password longer than any password can be, costs no argon2 work at all.
// Every check is claimed first (authenticatorClaims.ts), so guesses sent at the same moment are
// counted before they are checked, not after.

import { db, type Tx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { appendAuditEvent } from "@/lib/db/audit";
import { abandonClaim, claimAuthenticatorCheck, releaseClaim, underClaim, type AuthenticatorClaim } from "./authenticatorClaims";
import { ANONYMOUS_ARN } from "./caller";
import { requiresMfa } from "./mfaSignIn";
import { decoyHash, MAX_PASSWORD_LENGTH, verifyPassword } from "./password";
import { rootArn, type SessionPrincipal } from "./principal";
import type { RequestInfo } from "./request";

export const SIGN_IN_ACTION = "signin:ConsoleLogin";
/** The one message every failed sign-in shows, whatever was wrong. */
export const INCORRECT_CREDENTIALS = "Incorrect credentials: check what you entered and try again";
/** What a sign-in the throttle refused shows, whether or not the credentials were right. */
export const TOO_MANY_ATTEMPTS = "Too many failed attempts: wait a few minutes and try again";
// What the audit log says about a failure. Like CloudTrail's "Failed authentication", it never
// records the user name or email typed: people sometimes type their password into that field.
const FAILED_AUTHENTICATION = "Failed authentication";

export interface RootCredentials {
  readonly email: string;
  readonly password: string;
}

export interface IamUserCredentials {
  /** The 12-digit account ID or the account alias. */
  readonly account: string;
  readonly userName: string;
  readonly password: string;
}

/**
 * mfaRequired: the password was right, but the principal has an MFA device, so the sign-in is not
 * complete (and not yet recorded as a success) until a code is checked (mfaSignIn.ts).
 */
export type SignInResult =
  | { readonly ok: true; readonly principal: SessionPrincipal; readonly mfaRequired?: true }
  | { readonly ok: false; readonly reason: "incorrect" | "throttled"; readonly message: string };

const FAILURE: SignInResult = { ok: false, reason: "incorrect", message: INCORRECT_CREDENTIALS };
const THROTTLED_FAILURE: SignInResult = { ok: false, reason: "throttled", message: TOO_MANY_ATTEMPTS };

// Bounds on what is looked up, so an oversized field costs nothing but the decoy verify.
const MAX_FIELD = 256;
const usable = (value: string | undefined): value is string => typeof value === "string" && value.length > 0 && value.length <= MAX_FIELD;
/** AWS's limit on any password: a longer one cannot be right, so it is refused before any hashing. */
const possiblePassword = (value: string | undefined): value is string => typeof value === "string" && value.length > 0 && value.length <= MAX_PASSWORD_LENGTH;

interface Attempt {
  readonly accountId?: string;
  readonly principalArn?: string;
  readonly request: RequestInfo;
}

function attemptEvent({ accountId, principalArn, request }: Attempt) {
  return {
    accountId,
    principalArn: principalArn ?? ANONYMOUS_ARN,
    action: SIGN_IN_ACTION,
    resource: principalArn ?? "*",
    sourceIp: request.sourceIp,
    userAgent: request.userAgent,
  };
}

/** The failure is recorded and the check's claim ended together: the failure takes the claim's place in the count. */
async function recordFailure(attempt: Attempt, claim: AuthenticatorClaim): Promise<SignInResult> {
  await inTransaction(async (tx) => {
    await appendAuditEvent(tx, { ...attemptEvent(attempt), result: "Failed", errorCode: "FailedAuthentication", errorMessage: FAILED_AUTHENTICATION });
    await releaseClaim(tx, claim);
  });
  return FAILURE;
}

/**
 * Claims the password check, or refuses (and audits) an attempt the throttle holds back. The claim
 * counts as a failure until the outcome is recorded, so simultaneous guesses cannot all pass.
 */
async function claimOrRefuse(attempt: Attempt): Promise<{ claim: AuthenticatorClaim } | { refused: SignInResult }> {
  const outcome = await claimAuthenticatorCheck({ principalArn: attempt.principalArn, sourceIp: attempt.request.sourceIp }, attemptEvent(attempt));
  return "claim" in outcome ? outcome : { refused: THROTTLED_FAILURE };
}

function successEvent(principal: SessionPrincipal, request: RequestInfo) {
  return {
    accountId: principal.accountId,
    principalArn: principal.arn,
    action: SIGN_IN_ACTION,
    resource: principal.arn,
    result: "Allowed" as const,
    sourceIp: request.sourceIp,
    userAgent: request.userAgent,
  };
}

/**
 * The password check both sign-in doors share, claimed against the throttle first
 * (authenticatorClaims.ts). `stored` is the principal and its password hash when the name was
 * found; otherwise a decoy hash is verified, so an unknown name takes as long as a wrong password.
 */
async function checkPassword(
  attempt: Attempt,
  password: string | undefined,
  stored: { principal: SessionPrincipal; passwordHash: string; recordUse: (tx: Tx, now: Date) => Promise<unknown> } | undefined,
): Promise<SignInResult> {
  const claimed = await claimOrRefuse(attempt);
  if ("refused" in claimed) return claimed.refused;
  const { claim } = claimed;
  return underClaim(claim, async () => {
    if (!possiblePassword(password)) return recordFailure(attempt, claim);
    const valid = await verifyPassword(stored?.passwordHash ?? (await decoyHash()), password);
    if (!stored || !valid) return recordFailure(attempt, claim);
    const { principal } = stored;
    if (await requiresMfa(principal)) {
      // A right password: nothing to count. The code step claims its own check.
      await abandonClaim(claim);
      return { ok: true, principal, mfaRequired: true };
    }
    const now = new Date();
    await inTransaction(async (tx) => {
      await stored.recordUse(tx, now);
      await appendAuditEvent(tx, successEvent(principal, attempt.request));
      await releaseClaim(tx, claim);
    });
    return { ok: true, principal };
  });
}

export async function signInRoot(credentials: Partial<RootCredentials>, request: RequestInfo): Promise<SignInResult> {
  const email = usable(credentials.email) ? credentials.email.trim().toLowerCase() : undefined;
  const root = email ? await db.rootUser.findUnique({ where: { email } }) : null;
  const attempt: Attempt = { accountId: root?.accountId, principalArn: root ? rootArn(root.accountId) : undefined, request };
  return checkPassword(
    attempt,
    credentials.password,
    root
      ? {
          principal: { kind: "root", accountId: root.accountId, arn: rootArn(root.accountId) },
          passwordHash: root.passwordHash,
          recordUse: (tx, now) => tx.rootUser.update({ where: { accountId: root.accountId }, data: { passwordLastUsed: now } }),
        }
      : undefined,
  );
}

/** The account an IAM user names at sign-in: its 12-digit ID, or its alias (aliases are lower case). */
async function findAccountId(account: string | undefined): Promise<string | undefined> {
  if (!usable(account)) return undefined;
  const text = account.trim();
  const found = /^\d{12}$/.test(text)
    ? await db.account.findUnique({ where: { id: text }, select: { id: true } })
    : await db.account.findUnique({ where: { alias: text.toLowerCase() }, select: { id: true } });
  return found?.id;
}

export async function signInIamUser(credentials: Partial<IamUserCredentials>, request: RequestInfo): Promise<SignInResult> {
  const accountId = await findAccountId(credentials.account);
  const userName = usable(credentials.userName) ? credentials.userName.trim() : undefined;
  const user =
    accountId && userName
      ? await db.user.findUnique({
          where: { accountId_nameLower: { accountId, nameLower: userName.toLowerCase() } },
          include: { loginProfile: true },
        })
      : null;
  // A user without a login profile has no console password: the same failure as a wrong one.
  const profile = user?.loginProfile;
  // An attempt against an existing account is recorded in that account's log (as AWS's CloudTrail
  // does), naming the user only when it exists.
  const attempt: Attempt = { accountId, principalArn: user?.arn, request };
  return checkPassword(
    attempt,
    credentials.password,
    user && profile
      ? {
          principal: { kind: "user", accountId: user.accountId, arn: user.arn, userId: user.id, userName: user.name },
          passwordHash: profile.passwordHash,
          recordUse: (tx, now) => tx.user.update({ where: { id: user.id }, data: { passwordLastUsed: now } }),
        }
      : undefined,
  );
}

// Creating an account (sign-up): a new 12-digit account and its root user. Not gated by the policy
// engine, since there is no caller yet, but audited like every other change: the success event is
// written in the account's creation transaction, failures as anonymous events outside any account.
// Who may sign up is a server setting (PORTCULLIS_SIGNUP): open, first-account (only while the
// server has no account yet: the default for `npm start`) or closed. Sign-up is throttled per source
// address, and a refusal never says whether the email address already has an account.

import { z } from "zod";
import { ANONYMOUS_ARN } from "@/lib/auth/caller";
import { hashPassword, MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import { rootArn } from "@/lib/auth/principal";
import type { RequestInfo } from "@/lib/auth/request";
import { db } from "@/lib/db/client";
import { inTransaction, TransactionConflict } from "@/lib/db/transaction";
import { appendAuditEvent } from "@/lib/db/audit";
import { IamError, isIamError } from "../core/errors";
import { validationMessage } from "../core/validation";
import { newAccountId } from "../core/ids";
import { describeProblems, passwordProblems } from "../core/passwordRules";
import { DEFAULT_PASSWORD_RULES } from "../credentials/passwordRules";

export const CREATE_ACCOUNT_ACTION = "portcullis:CreateAccount";

const CreateAccountInput = z
  .object({
    AccountName: z
      .string({ error: "AccountName is required" })
      .trim()
      .min(1, "enter a name for the account")
      .max(50, "must be at most 50 characters"),
    // AWS limits the root user's email address to 64 characters.
    Email: z
      .string({ error: "Email is required" })
      .trim()
      .toLowerCase()
      .max(64, "must be at most 64 characters")
      .pipe(z.email("enter a valid email address, such as name@example.com")),
    Password: z.string({ error: "Password is required" }).max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`),
  })
  .superRefine((input, ctx) => {
    const problems = passwordProblems(input.Password, DEFAULT_PASSWORD_RULES);
    if (problems.length > 0) ctx.addIssue({ code: "custom", path: ["Password"], message: describeProblems(problems) });
    // AWS's default policy: the root password may not be the account name or the email address.
    const lower = input.Password.toLowerCase();
    if (lower === input.Email || lower === input.AccountName.toLowerCase()) {
      ctx.addIssue({ code: "custom", path: ["Password"], message: "The password must not be the account name or the email address." });
    }
  });

export type CreateAccountInput = z.input<typeof CreateAccountInput>;

export interface CreateAccountResult {
  readonly AccountId: string;
  readonly AccountName: string;
  /** The root user's email address, as stored (lower case): what the root user signs in with. */
  readonly Email: string;
}

// One sentence for every refusal that is not about the form's own fields (a taken email address, too
// many sign-ups from one address, sign-up closed meanwhile), so that it never tells anyone whether an
// email address already has an account.
export const SIGN_UP_REFUSED =
  "This account could not be created. If you already have an account, sign in as its root user; otherwise try again later or ask the server's administrator.";

export type SignUpMode = "open" | "first-account" | "closed";

/** The server's sign-up setting; anything unrecognised counts as the safe default. */
export function signUpMode(): SignUpMode {
  const mode = process.env.PORTCULLIS_SIGNUP;
  return mode === "open" || mode === "closed" ? mode : "first-account";
}

/** Whether the sign-up page may offer its form now. */
export async function signUpOpen(): Promise<boolean> {
  const mode = signUpMode();
  if (mode !== "first-account") return mode === "open";
  return (await db.account.count()) === 0;
}

const SIGN_UP_WINDOW_MS = 60 * 60_000;

/**
 * Sign-ups (made or refused) one address may attempt per hour: enough for a person, not for a
 * script. PORTCULLIS_SIGNUPS_PER_HOUR raises it where many people share one address (a class behind
 * one NAT, the end-to-end suite).
 */
export function signUpsPerHour(): number {
  const configured = Number(process.env.PORTCULLIS_SIGNUPS_PER_HOUR);
  return Number.isInteger(configured) && configured > 0 ? configured : 5;
}

async function tooManySignUps(request: RequestInfo): Promise<boolean> {
  if (!request.sourceIp) return false;
  const since = new Date(Date.now() - SIGN_UP_WINDOW_MS);
  const recent = await db.auditEvent.count({ where: { action: CREATE_ACCOUNT_ACTION, sourceIp: request.sourceIp, time: { gt: since } } });
  return recent >= signUpsPerHour();
}

const MAX_ID_ATTEMPTS = 10;

async function recordFailure(error: IamError, request: RequestInfo): Promise<void> {
  await appendAuditEvent(db, {
    principalArn: ANONYMOUS_ARN,
    action: CREATE_ACCOUNT_ACTION,
    resource: "*",
    result: "Failed",
    errorCode: error.code,
    errorMessage: error.message,
    sourceIp: request.sourceIp,
    userAgent: request.userAgent,
  });
}

export async function createAccount(rawInput: unknown, request: RequestInfo = {}): Promise<CreateAccountResult> {
  // Throttled before anything else, so a script cannot fill the log with refused forms either.
  if ((await tooManySignUps(request)) || !(await signUpOpen())) {
    const refused = new IamError("InvalidInput", SIGN_UP_REFUSED);
    await recordFailure(refused, request);
    throw refused;
  }
  const parsed = CreateAccountInput.safeParse(rawInput);
  if (!parsed.success) {
    const error = new IamError("ValidationError", validationMessage(parsed.error));
    await recordFailure(error, request);
    throw error;
  }
  const { AccountName, Email, Password } = parsed.data;
  // Hashed before the transaction: SQLite holds its write lock for the transaction's whole length.
  const passwordHash = await hashPassword(Password);
  try {
    return await inTransaction(async (tx) => {
      // Checked again inside the transaction: two first sign-ups at once make one account.
      if (signUpMode() === "first-account" && (await tx.account.count()) > 0) throw new IamError("InvalidInput", SIGN_UP_REFUSED);
      if (await tx.rootUser.findUnique({ where: { email: Email }, select: { accountId: true } })) {
        throw new IamError("InvalidInput", SIGN_UP_REFUSED);
      }
      let accountId: string | undefined;
      for (let attempt = 0; attempt < MAX_ID_ATTEMPTS && !accountId; attempt++) {
        const candidate = newAccountId();
        if (!(await tx.account.findUnique({ where: { id: candidate }, select: { id: true } }))) accountId = candidate;
      }
      // Ten collisions in a row means the 900 billion IDs are nearly exhausted, not bad luck.
      if (!accountId) throw new IamError("LimitExceeded", "No free account ID could be found. Try again.");
      await tx.account.create({
        data: { id: accountId, name: AccountName, rootUser: { create: { email: Email, passwordHash } } },
      });
      await appendAuditEvent(tx, {
        accountId,
        principalArn: ANONYMOUS_ARN,
        action: CREATE_ACCOUNT_ACTION,
        resource: rootArn(accountId),
        result: "Allowed",
        sourceIp: request.sourceIp,
        userAgent: request.userAgent,
      });
      return { AccountId: accountId, AccountName, Email };
    });
  } catch (error) {
    // Another sign-up with this email at the same moment is retried (lib/db/transaction.ts), then refused above.
    const refused = error instanceof TransactionConflict ? new IamError("ConcurrentModification", "Too many sign-ups at the same moment. Nothing was created; try again.") : error;
    if (isIamError(refused)) {
      await recordFailure(refused, request);
      throw refused;
    }
    throw error;
  }
}

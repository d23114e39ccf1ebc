// Creating an account (sign-up): a new 12-digit account and its root user. Not gated by the policy
// engine, since there is no caller yet, but audited like every other change: the success event is
// written in the account's creation transaction, failures as anonymous events outside any account.

import { z } from "zod";
import { ANONYMOUS_ARN } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import { rootArn } from "@/lib/auth/principal";
import type { RequestInfo } from "@/lib/auth/request";
import { db } from "@/lib/db/client";
import { appendAuditEvent } from "@/lib/db/audit";
import { IamError, isIamError } from "../core/errors";
import { newAccountId } from "../core/ids";
import { DEFAULT_PASSWORD_RULES, describeProblems, MAX_PASSWORD_LENGTH, passwordProblems } from "../credentials/passwordRules";

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

// Says no more than AWS's sign-up does: the address is taken. Not which account, not its name.
const EMAIL_TAKEN = "An account is already registered with this email address. Sign in as that account's root user, or use a different email address.";

const MAX_ID_ATTEMPTS = 10;

function validationMessage(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
}

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

/** A unique-constraint violation (Prisma's P2002) on the root user's email: another sign-up won the race. */
function isEmailConflict(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export async function createAccount(rawInput: unknown, request: RequestInfo = {}): Promise<CreateAccountResult> {
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
    return await db.$transaction(async (tx) => {
      if (await tx.rootUser.findUnique({ where: { email: Email }, select: { accountId: true } })) {
        throw new IamError("EntityAlreadyExists", EMAIL_TAKEN);
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
    const refused = isEmailConflict(error) ? new IamError("EntityAlreadyExists", EMAIL_TAKEN) : error;
    if (isIamError(refused)) {
      await recordFailure(refused, request);
      throw refused;
    }
    throw error;
  }
}

// sts:GetSessionToken: temporary credentials for the IAM user or root user that calls, usually to
// prove MFA (SerialNumber and TokenCode): the credentials then carry aws:MultiFactorAuthPresent, so
// policies that require MFA allow their requests. The credentials act as the caller itself, with its
// own policies, within AWS's restrictions on them (core/credentialRestrictions.ts: no IAM API without
// MFA; of STS only AssumeRole and GetCallerIdentity), and are a SessionCredential row: the secret
// sealed like access-key secrets, the token kept only as a hash (lib/auth/apiCaller.ts verifies them).
//
// AWS documents that GetSessionToken needs no permission and that policies cannot control it ("You
// cannot use policies to control authentication operations"; a policy naming sts:GetSessionToken
// "doesn't affect the user's ability" to call it), so even an explicit Deny does not stop it: the
// operation is alwaysAllowed, like GetCallerIdentity. What AWS does refuse is a call with session
// credentials, which must be long-term keys: that is one of the credential restrictions, which
// execute() weighs even for always-allowed actions.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html

import { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import { seal } from "@/lib/auth/crypto";
import { ACCESS_KEY_SECRET_PURPOSE } from "@/lib/auth/secretPurposes";
import { sessionTokenHash } from "@/lib/auth/sessionTokens";
import type { Tx } from "@/lib/db/client";
import { IamError } from "../core/errors";
import { newSecretAccessKey, newSessionToken, temporaryAccessKeyId } from "../core/ids";
import { operation } from "../core/operation";
import { checkMfaCode } from "../credentials/mfaCodeCheck";
import type { Credentials } from "../roles/assumeRole";

/** GetSessionToken's limits, from its API reference. */
export const GET_SESSION_TOKEN = {
  minDurationSeconds: 900,
  /** 36 hours for IAM users. */
  maxDurationSeconds: 129_600,
  /** 12 hours, when the request names no duration. */
  defaultDurationSeconds: 43_200,
  /** "Sessions for AWS account owners are restricted to a maximum of 3,600 seconds (one hour)": a longer request gets one hour. */
  rootMaxDurationSeconds: 3_600,
} as const;

export const CALLER_AUTHENTICATION_ALWAYS_ALLOWED =
  "sts:GetSessionToken needs no permission, as AWS documents: it authenticates the caller (with MFA), and policies cannot control authentication operations.";

export const GetSessionTokenInput = z
  .object({
    DurationSeconds: z
      .int({ error: "must be a whole number of seconds" })
      .min(GET_SESSION_TOKEN.minDurationSeconds, `must be at least ${GET_SESSION_TOKEN.minDurationSeconds} seconds (15 minutes)`)
      .max(GET_SESSION_TOKEN.maxDurationSeconds, `must be at most ${GET_SESSION_TOKEN.maxDurationSeconds} seconds (36 hours)`)
      .optional(),
    // AWS's serialNumberType and tokenCodeType.
    SerialNumber: z.string().min(9).max(256).regex(/^[\w+=/:,.@-]+$/, "must be an MFA device's serial number (its ARN)").optional(),
    TokenCode: z.string().regex(/^\d{6}$/, "must be the 6-digit code from the MFA device").optional(),
  })
  .refine((input) => (input.SerialNumber === undefined) === (input.TokenCode === undefined), {
    message: "SerialNumber and TokenCode go together: give both (the MFA device and its current code) or neither",
  })
  .optional();

export type GetSessionTokenRequest = z.infer<typeof GetSessionTokenInput>;

/** AWS's GetSessionTokenResult. */
export interface GetSessionTokenResult {
  Credentials: Credentials;
}

/** The session's length: the request's or the default, and never more than an hour for the root user. */
export function sessionTokenDuration(caller: Pick<Caller, "kind">, requested: number | undefined): number {
  const duration = requested ?? GET_SESSION_TOKEN.defaultDurationSeconds;
  return caller.kind === "root" ? Math.min(duration, GET_SESSION_TOKEN.rootMaxDurationSeconds) : duration;
}

/** The long-term key the request was signed with; execute() is reached only through the API door for this. */
function issuingKey(caller: Caller): string {
  const key = caller.accessKeyId;
  if (!key || caller.credentialKind !== "long-term-key" || (caller.kind !== "user" && caller.kind !== "root")) {
    // The credential restrictions already refused session credentials; this is a console sign-in.
    throw new IamError("InvalidInput", "GetSessionToken must be called with the long-term access key of an IAM user or of the root user.");
  }
  return key;
}

async function issueSessionCredential(tx: Tx, caller: Caller, input: GetSessionTokenRequest): Promise<GetSessionTokenResult> {
  const issuedByAccessKey = issuingKey(caller);
  const mfa = input?.SerialNumber !== undefined && input.TokenCode !== undefined;
  if (mfa) await checkMfaCode(tx, caller, { SerialNumber: input.SerialNumber!, TokenCode: input.TokenCode! });
  const issuedAt = new Date();
  const secret = newSecretAccessKey();
  const sessionToken = newSessionToken();
  const row = await tx.sessionCredential.create({
    data: {
      accessKeyId: temporaryAccessKeyId(),
      accountId: caller.accountId!,
      userId: caller.kind === "user" ? caller.userId! : null,
      rootAccountId: caller.kind === "root" ? caller.accountId! : null,
      secretCiphertext: seal(secret, ACCESS_KEY_SECRET_PURPOSE),
      sessionTokenHash: sessionTokenHash(sessionToken),
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + sessionTokenDuration(caller, input?.DurationSeconds) * 1000),
      mfaAuthenticated: mfa,
      issuedByAccessKey,
    },
  });
  return { Credentials: { AccessKeyId: row.accessKeyId, SecretAccessKey: secret, SessionToken: sessionToken, Expiration: row.expiresAt } };
}

export const GetSessionToken = operation({
  name: "GetSessionToken",
  action: "sts:GetSessionToken",
  input: GetSessionTokenInput,
  // The action has no resource type in AWS's Service Authorization Reference.
  resource: () => "*",
  alwaysAllowed: CALLER_AUTHENTICATION_ALWAYS_ALLOWED,
  checksAuthenticator: ({ input }) => input?.SerialNumber !== undefined && input.TokenCode !== undefined,
  run: ({ tx, input, caller }) => issueSessionCredential(tx, caller, input),
});

// The caller of a SigV4-signed API request: the key lookup that verification needs (the database side
// of lib/auth/sigv4/verify.ts) and the Caller it leads to. Two kinds of key, as in AWS:
//   - AKIA…: a long-term access key (AccessKey row), an IAM user's or the root user's. Only an Active
//     key verifies; an inactive or deleted one is InvalidClientTokenId, and a session token sent with
//     it is too (a long-term key has none).
//   - ASIA…: temporary credentials: a role session's (RoleSession row, from sts:AssumeRole) or an IAM
//     user's or the root user's own (SessionCredential row, from sts:GetSessionToken). The request
//     must carry that session's token (X-Amz-Security-Token), which is compared by hash; a session
//     past its expiry is ExpiredToken. A GetSessionToken session is its user itself (deleting the
//     user deletes its sessions), with the MFA state and issue time of the session.
// Like console sessions, the principal is read again on every request, so a deactivated key, a
// deleted user or a revoked session stops working at once on every instance.

import "server-only";
import { timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db/client";
import { RequestScope, type Caller } from "./caller";
import { open } from "./crypto";
import { useRecordDue } from "./lastUse";
import { rootArn } from "./principal";
import type { RequestInfo } from "./request";
import { loadRoleSessionCaller } from "./roleSession";
import { ACCESS_KEY_SECRET_PURPOSE } from "./secretPurposes";
import { sessionTokenHash } from "./sessionTokens";
import { sigv4Error, type SigV4Error } from "./sigv4/authorization";
import type { SignableRequest } from "./sigv4/canonicalRequest";
import { verifySignedRequest, type SecretLookup, type SecretLookupResult, type VerifiedRequest, type VerifyOptions } from "./sigv4/verify";

/** What a verified key stands for. */
export type ApiCredential =
  | {
      readonly kind: "access-key";
      readonly accessKeyId: string;
      readonly accountId: string;
      /** The key's owner: the account's root user, or an IAM user as it is now (renames included). */
      readonly owner: { readonly kind: "root" } | { readonly kind: "user"; readonly userId: string; readonly userName: string; readonly arn: string };
      /** When the key's use was last recorded: recordAccessKeyUse writes only once a minute. */
      readonly lastUsedAt: Date | null;
    }
  | { readonly kind: "role-session"; readonly accessKeyId: string; readonly accountId: string }
  | { readonly kind: "session-credential"; readonly accessKeyId: string; readonly accountId: string };

const invalid = { ok: false, code: "InvalidClientTokenId" } as const;

function sameHash(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

interface AccessKeyRow {
  readonly accountId: string;
  readonly status: string;
  readonly secretCiphertext: string;
  readonly lastUsedAt: Date | null;
  readonly rootAccountId: string | null;
  readonly userId: string | null;
  readonly userName: string | null;
  readonly userArn: string | null;
}

async function lookupAccessKey(accessKeyId: string, sessionToken: string | undefined): Promise<SecretLookupResult<ApiCredential>> {
  if (sessionToken !== undefined) return invalid;
  // One statement with its owner (an include would be two): this runs before every API request.
  const [key] = await db.$queryRaw<AccessKeyRow[]>`
    SELECT k."accountId", k."status", k."secretCiphertext", k."lastUsedAt", k."rootAccountId", u."id" AS "userId", u."name" AS "userName", u."arn" AS "userArn"
      FROM "AccessKey" k LEFT JOIN "User" u ON u."id" = k."userId" WHERE k."id" = ${accessKeyId}`;
  if (!key || key.status !== "Active") return invalid;
  const owner = key.userId ? { kind: "user" as const, userId: key.userId, userName: key.userName!, arn: key.userArn! } : key.rootAccountId ? { kind: "root" as const } : undefined;
  if (!owner) return invalid;
  return { ok: true, secretAccessKey: open(key.secretCiphertext, ACCESS_KEY_SECRET_PURPOSE), credential: { kind: "access-key", accessKeyId, accountId: key.accountId, owner, lastUsedAt: key.lastUsedAt } };
}

const TEMPORARY_COLUMNS = { accountId: true, secretCiphertext: true, sessionTokenHash: true, expiresAt: true } as const;

/** An ASIA key is a role session's or a GetSessionToken session's; both are verified alike. */
async function lookupTemporaryCredential(accessKeyId: string, sessionToken: string | undefined, now: Date): Promise<SecretLookupResult<ApiCredential>> {
  const roleSession = await db.roleSession.findUnique({ where: { accessKeyId }, select: TEMPORARY_COLUMNS });
  const session = roleSession ?? (await db.sessionCredential.findUnique({ where: { accessKeyId }, select: TEMPORARY_COLUMNS }));
  // The token first: only a request that holds the session's token learns that the session expired.
  if (!session || sessionToken === undefined || !sameHash(sessionTokenHash(sessionToken), session.sessionTokenHash)) return invalid;
  if (session.expiresAt <= now) return { ok: false, code: "ExpiredToken" };
  const kind = roleSession ? ("role-session" as const) : ("session-credential" as const);
  return { ok: true, secretAccessKey: open(session.secretCiphertext, ACCESS_KEY_SECRET_PURPOSE), credential: { kind, accessKeyId, accountId: session.accountId } };
}

/**
 * A GetSessionToken session as its caller: the user (as it is now) or the root user, on session
 * credentials. aws:MultiFactorAuthPresent is the session's, aws:TokenIssueTime its issue time.
 * Undefined when the session expired or went away (its user deleted) since verification.
 */
async function sessionCredentialCaller(accessKeyId: string, request: RequestInfo, scope: RequestScope, now: Date): Promise<Caller | undefined> {
  const session = await db.sessionCredential.findUnique({ where: { accessKeyId }, include: { user: { select: { id: true, name: true, arn: true } } } });
  if (!session || session.expiresAt <= now) return undefined;
  const base = { accountId: session.accountId, mfaAuthenticated: session.mfaAuthenticated, authTime: session.issuedAt, credentialKind: "session" as const, accessKeyId, ...request, scope };
  if (session.user) return { kind: "user", arn: session.user.arn, userId: session.user.id, userName: session.user.name, ...base };
  if (session.rootAccountId) return { kind: "root", arn: rootArn(session.rootAccountId), ...base };
  return undefined;
}

/** The key lookup SigV4 verification uses: the secret of a live key, and what the key stands for. */
export const lookupApiCredential: SecretLookup<ApiCredential> = async (accessKeyId, { sessionToken, now }) => {
  if (accessKeyId.startsWith("AKIA")) return lookupAccessKey(accessKeyId, sessionToken);
  if (accessKeyId.startsWith("ASIA")) return lookupTemporaryCredential(accessKeyId, sessionToken, now);
  return invalid;
};

/**
 * The Caller for a verified credential, shaped as lib/auth/session.ts shapes a console caller. A
 * long-term key proves no MFA and has no issue time: aws:MultiFactorAuthPresent and
 * aws:TokenIssueTime are left out of its requests' context (credentialKind "long-term-key").
 * Undefined when the role session went away between verification and now.
 */
export async function apiCallerFor(credential: ApiCredential, request: RequestInfo, now = new Date(), region?: string): Promise<Caller | undefined> {
  const scope = new RequestScope();
  if (credential.kind === "role-session") {
    const caller = await loadRoleSessionCaller(credential.accessKeyId, { ...request, scope }, now, region);
    return caller && { ...caller, credentialKind: "session", accessKeyId: credential.accessKeyId };
  }
  if (credential.kind === "session-credential") return sessionCredentialCaller(credential.accessKeyId, request, scope, now);
  const base = { accountId: credential.accountId, mfaAuthenticated: false, credentialKind: "long-term-key" as const, accessKeyId: credential.accessKeyId, ...request, scope };
  if (credential.owner.kind === "root") return { kind: "root", arn: rootArn(credential.accountId), ...base };
  const { userId, userName, arn } = credential.owner;
  return { kind: "user", arn, userId, userName, ...base };
}

/**
 * Records a long-term key's use (GetAccessKeyLastUsed: date, service, region), at most once a
 * minute per key (lastUse.ts). Temporary credentials have no last-used record, as in AWS.
 */
export async function recordAccessKeyUse(verified: Pick<VerifiedRequest<ApiCredential>, "credential" | "region">, service: string, now = new Date()): Promise<void> {
  if (verified.credential.kind !== "access-key") return;
  const before = useRecordDue(verified.credential.lastUsedAt, now);
  if (!before) return;
  await db.accessKey.updateMany({
    where: { id: verified.credential.accessKeyId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: before } }] },
    data: { lastUsedAt: now, lastUsedService: service, lastUsedRegion: verified.region },
  });
}

export type ApiAuthentication =
  | { readonly ok: true; readonly caller: Caller; readonly verified: VerifiedRequest<ApiCredential> }
  | { readonly ok: false; readonly error: SigV4Error };

/** Verifies a signed API request against Portcullis's keys and sessions, and names its caller. */
export async function authenticateApiRequest(request: SignableRequest, info: RequestInfo, options: VerifyOptions = {}): Promise<ApiAuthentication> {
  const now = options.now ?? new Date();
  const verified = await verifySignedRequest(request, lookupApiCredential, { ...options, now });
  if (!verified.ok) return verified;
  const found = await apiCallerFor(verified.value.credential, info, now, verified.value.region);
  if (!found) return { ok: false, error: sigv4Error("InvalidClientTokenId") };
  // The region the client signed for: where AWS would have served the request (RoleLastUsed's Region).
  const caller: Caller = { ...found, region: verified.value.region };
  return { ok: true, caller, verified: verified.value };
}

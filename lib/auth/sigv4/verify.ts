// Verifying a SigV4-signed request, in AWS's order: is it signed at all (MissingAuthenticationToken),
// is the signature complete (IncompleteSignature), is it inside the 15-minute window (RequestExpired),
// is the key known and live (InvalidClientTokenId, ExpiredToken: the lookup's answer), and does the
// signature match (SignatureDoesNotMatch). The key lookup is passed in, so this file stays pure and
// the database side (lib/auth/apiCaller.ts) stays out of the crypto.

import {
  canonicalRequest,
  headerValue,
  signature,
  signaturesMatch,
  signingKey,
  stringToSign,
  type SignableRequest,
} from "./canonicalRequest";
import {
  checkClockSkew,
  checkScopeDate,
  parseAuthorization,
  requestTime,
  sigv4Error,
  type SigV4Error,
  type SigningService,
} from "./authorization";

/** What a key lookup is told beside the key ID: the session token the request carries, if any. */
export interface SecretLookupRequest {
  /** X-Amz-Security-Token: required for temporary (ASIA…) credentials. */
  readonly sessionToken?: string;
  readonly now: Date;
}

/** The lookup's answer: the secret to verify with and whatever it knows about the key, or why not. */
export type SecretLookupResult<T> =
  | { readonly ok: true; readonly secretAccessKey: string; readonly credential: T }
  | { readonly ok: false; readonly code: "InvalidClientTokenId" | "ExpiredToken" };

export type SecretLookup<T> = (accessKeyId: string, request: SecretLookupRequest) => Promise<SecretLookupResult<T>>;

export interface VerifiedRequest<T> {
  readonly accessKeyId: string;
  /** The region the client signed for (any is accepted), for the key's last-used record. */
  readonly region: string;
  readonly service: SigningService;
  /** The request's own timestamp. */
  readonly signedAt: Date;
  readonly signedHeaders: readonly string[];
  /** What the lookup returned for the key: its owner, or its role session. */
  readonly credential: T;
}

export type VerifyResult<T> = { readonly ok: true; readonly value: VerifiedRequest<T> } | { readonly ok: false; readonly error: SigV4Error };

export interface VerifyOptions {
  /** The service whose endpoint received the request; when set, the scope must name it. */
  readonly service?: SigningService;
  readonly now?: Date;
}

export async function verifySignedRequest<T>(request: SignableRequest, lookupSecret: SecretLookup<T>, options: VerifyOptions = {}): Promise<VerifyResult<T>> {
  const now = options.now ?? new Date();
  const authorization = parseAuthorization(headerValue(request.headers, "authorization"), options.service);
  if (!authorization.ok) return authorization;
  const { accessKeyId, scope, signedHeaders, signature: provided } = authorization.value;

  const time = requestTime(request.headers);
  if (!time.ok) return time;
  // The window first: no key is looked up for a request that is stale (or from the future) anyway.
  const inWindow = checkClockSkew(time.value, now);
  if (!inWindow.ok) return inWindow;
  const sameDay = checkScopeDate(scope, time.value);
  if (!sameDay.ok) return sameDay;

  const found = await lookupSecret(accessKeyId, { sessionToken: headerValue(request.headers, "x-amz-security-token"), now });
  if (!found.ok) return { ok: false, error: sigv4Error(found.code) };

  const expected = signature(signingKey(found.secretAccessKey, scope), stringToSign(time.value.amzDate, scope, canonicalRequest(request, signedHeaders)));
  if (!signaturesMatch(expected, provided)) return { ok: false, error: sigv4Error("SignatureDoesNotMatch") };

  return {
    ok: true,
    value: { accessKeyId, region: scope.region, service: scope.service, signedAt: time.value.at, signedHeaders, credential: found.credential },
  };
}

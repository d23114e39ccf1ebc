// Reading a SigV4 request's claims before any key is looked up: the Authorization header
// (`AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=…, Signature=…`)
// and the request's timestamp (X-Amz-Date, or Date), which must lie within AWS's 15-minute window.
// Everything here is syntax and clocks: a value, or a typed error with AWS's code and wording, so the
// API door can answer as AWS does without having touched the database.

import { SCOPE_TERMINATOR, SIGV4_ALGORITHM, headerValue, type CredentialScope, type HeaderSource } from "./canonicalRequest";

/** The SigV4 error codes, as AWS sends them in <Code>. */
export type SigV4ErrorCode =
  | "MissingAuthenticationToken"
  | "IncompleteSignature"
  | "RequestExpired"
  | "InvalidClientTokenId"
  | "ExpiredToken"
  | "SignatureDoesNotMatch";

export interface SigV4Error {
  readonly code: SigV4ErrorCode;
  readonly message: string;
}

/** AWS's message for each code where it has one fixed wording; the others depend on the request. */
export const SIGV4_MESSAGES = {
  MissingAuthenticationToken: "Request is missing Authentication Token",
  InvalidClientTokenId: "The security token included in the request is invalid.",
  ExpiredToken: "The security token included in the request is expired",
  SignatureDoesNotMatch:
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
} as const;

export function sigv4Error(code: SigV4ErrorCode, message?: string): SigV4Error {
  return { code, message: message ?? (SIGV4_MESSAGES as Record<string, string>)[code] ?? code };
}

/** The services whose requests Portcullis verifies (their signing names, the scope's fourth element). */
export const SIGNING_SERVICES = ["iam", "sts"] as const;
export type SigningService = (typeof SIGNING_SERVICES)[number];

/** AWS's clock-skew window, each way. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface ParsedAuthorization {
  readonly accessKeyId: string;
  /** Any region is accepted: clients sign with whatever region they are configured for. */
  readonly scope: CredentialScope & { readonly service: SigningService };
  /** Lower-case header names, in the client's order. */
  readonly signedHeaders: readonly string[];
  /** Lower-case hex, as sent (not checked for form: a malformed one simply fails to match). */
  readonly signature: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SigV4Error };

const fail = (code: SigV4ErrorCode, message?: string): Parsed<never> => ({ ok: false, error: sigv4Error(code, message) });

// In the order AWS lists what is missing.
const REQUIRED = ["Credential", "Signature", "SignedHeaders"] as const;

/**
 * Parses the Authorization header. No header at all is MissingAuthenticationToken; a header that
 * is not a complete SigV4 authorization is IncompleteSignature (AWS's messages, which quote the
 * header back: it is the client's own and holds no secret). A scope naming another service is
 * SignatureDoesNotMatch, as AWS answers it.
 */
export function parseAuthorization(header: string | undefined, expectedService?: SigningService): Parsed<ParsedAuthorization> {
  if (header === undefined || header.trim() === "") return fail("MissingAuthenticationToken");
  const text = header.trim();
  const space = text.indexOf(" ");
  const algorithm = space === -1 ? text : text.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM) return fail("IncompleteSignature", `Unsupported AWS 'algorithm': '${algorithm}'.`);

  const fields = new Map<string, string>();
  for (const part of text.slice(algorithm.length).split(",")) {
    const item = part.trim();
    if (item === "") continue;
    const eq = item.indexOf("=");
    if (eq === -1) {
      return fail("IncompleteSignature", `'${item}' not a valid key=value pair (missing equal-sign) in Authorization header: '${text}'.`);
    }
    fields.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
  }
  const missing = REQUIRED.filter((name) => !fields.get(name));
  if (missing.length > 0) {
    return fail("IncompleteSignature", `${missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" ")} Authorization=${text}`);
  }

  const credential = fields.get("Credential")!;
  const parts = credential.split("/");
  if (parts.length !== 5) {
    return fail("IncompleteSignature", `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
  }
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  if (terminator !== SCOPE_TERMINATOR) {
    return fail("IncompleteSignature", `Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${terminator}'.`);
  }
  if (accessKeyId === "" || region === "") {
    return fail("IncompleteSignature", `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
  }
  if (!/^\d{8}$/.test(date)) return fail("IncompleteSignature", `Invalid credential date '${date}': it must be the request's date as YYYYMMDD.`);
  // The endpoint decides the service when the door knows it (IAM's or STS's URL); otherwise either will do.
  const serviceOk = expectedService !== undefined ? service === expectedService : (SIGNING_SERVICES as readonly string[]).includes(service);
  if (!serviceOk) {
    return fail("SignatureDoesNotMatch", `Credential should be scoped to correct service: '${expectedService ?? SIGNING_SERVICES.join("' or '")}'. `);
  }

  const signedHeaders = fields.get("SignedHeaders")!.split(";").map((name) => name.trim().toLowerCase());
  if (signedHeaders.some((name) => name === "")) return fail("IncompleteSignature", `Invalid SignedHeaders list: '${fields.get("SignedHeaders")}'.`);
  // The host is what ties a signature to this endpoint; AWS refuses a signature that leaves it out.
  if (!signedHeaders.includes("host")) return fail("IncompleteSignature", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

  return {
    ok: true,
    value: { accessKeyId, scope: { date, region, service: service as SigningService }, signedHeaders, signature: fields.get("Signature")! },
  };
}

/** The request's timestamp: what the string to sign carries (YYYYMMDDTHHMMSSZ) and the instant it names. */
export interface RequestTime {
  readonly amzDate: string;
  readonly at: Date;
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** ISO 8601 basic format, as SigV4 writes timestamps: 20261201T212708Z. */
export function formatAmzDate(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function parseAmzDate(value: string): Date | undefined {
  const m = AMZ_DATE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Reject dates that Date.UTC would roll over (20261340T…).
  return formatAmzDate(at) === value ? at : undefined;
}

/**
 * The request's timestamp, from X-Amz-Date or else the HTTP Date header (RFC 7231 form), which the
 * string to sign then carries in SigV4's basic format.
 */
export function requestTime(headers: HeaderSource): Parsed<RequestTime> {
  const amz = headerValue(headers, "x-amz-date");
  if (amz !== undefined) {
    const at = parseAmzDate(amz.trim());
    if (!at) return fail("IncompleteSignature", `Invalid X-Amz-Date header: '${amz}'. It must be in ISO 8601 basic format, such as 20150830T123600Z.`);
    return { ok: true, value: { amzDate: amz.trim(), at } };
  }
  const date = headerValue(headers, "date");
  if (date !== undefined) {
    const ms = Date.parse(date);
    if (Number.isNaN(ms)) return fail("IncompleteSignature", `Invalid Date header: '${date}'.`);
    const at = new Date(Math.floor(ms / 1000) * 1000);
    return { ok: true, value: { amzDate: formatAmzDate(at), at } };
  }
  return fail("IncompleteSignature", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
}

/**
 * AWS's 15-minute window: a request signed more than 15 minutes before now, or for more than 15
 * minutes after it, is RequestExpired, with AWS's wording (the SDKs read the server's Date header
 * from this answer to correct their clock and retry).
 */
export function checkClockSkew(time: RequestTime, now: Date): Parsed<RequestTime> {
  const earliest = new Date(now.getTime() - MAX_CLOCK_SKEW_MS);
  const latest = new Date(now.getTime() + MAX_CLOCK_SKEW_MS);
  if (time.at < earliest) {
    return fail("RequestExpired", `Signature expired: ${time.amzDate} is now earlier than ${formatAmzDate(earliest)} (${formatAmzDate(now)} - 15 min.)`);
  }
  if (time.at > latest) {
    return fail("RequestExpired", `Signature not yet current: ${time.amzDate} is still later than ${formatAmzDate(latest)} (${formatAmzDate(now)} + 15 min.)`);
  }
  return { ok: true, value: time };
}

/**
 * The scope's date must be the request timestamp's day: a mismatch is SignatureDoesNotMatch in AWS
 * (the scope and the string to sign would disagree).
 */
export function checkScopeDate(scope: CredentialScope, time: RequestTime): Parsed<RequestTime> {
  const day = time.amzDate.slice(0, 8);
  if (scope.date !== day) {
    return fail(
      "SignatureDoesNotMatch",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${day}', from '${time.amzDate}'.`,
    );
  }
  return { ok: true, value: time };
}

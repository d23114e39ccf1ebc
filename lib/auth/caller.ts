// Who is making a request, and the facts about the request that policies can test. Built from the
// signed-in session (or, later, a SigV4-signed API request) and passed to every operation.

export type PrincipalKind = "root" | "user" | "anonymous";

export interface Caller {
  readonly kind: PrincipalKind;
  /** The account the caller belongs to; undefined only for anonymous callers (sign-up, sign-in). */
  readonly accountId?: string;
  /** `arn:aws:iam::ACCOUNT:root`, `arn:aws:iam::ACCOUNT:user/path/name`, or "anonymous". */
  readonly arn: string;
  /** For IAM users: the unique ID and name. */
  readonly userId?: string;
  readonly userName?: string;
  /** Whether this session was authenticated with an MFA code, and when it was authenticated. */
  readonly mfaAuthenticated: boolean;
  readonly authTime?: Date;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  /** Whether the request arrived over TLS (aws:SecureTransport). */
  readonly secureTransport?: boolean;
}

export const ANONYMOUS_ARN = "anonymous";

export function anonymousCaller(request: { sourceIp?: string; userAgent?: string } = {}): Caller {
  return { kind: "anonymous", arn: ANONYMOUS_ARN, mfaAuthenticated: false, ...request };
}

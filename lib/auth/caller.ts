// Who is making a request, and the facts about the request that policies can test. Built from the
// signed-in session (or, later, a SigV4-signed API request) and passed to every operation.

export type PrincipalKind = "root" | "user" | "assumed-role" | "anonymous";

/**
 * What the request was authenticated with: a console sign-in, a long-term access key (AKIA…,
 * SigV4), or temporary session credentials (ASIA… with a session token). AWS leaves
 * aws:MultiFactorAuthPresent out of the request context for long-term keys, rather than false.
 */
export type CredentialKind = "console" | "long-term-key" | "session";

/** The way a request came in: the browser console, or the IAM/STS Query API (SigV4). */
export type Door = "console" | "api";

/**
 * The door of a caller's requests. Only the API door authenticates with keys (long-term or
 * temporary); a console session, a role switched to in the console included, has no credentialKind.
 */
export function doorOf(caller: Pick<Caller, "credentialKind">): Door {
  return caller.credentialKind === "long-term-key" || caller.credentialKind === "session" ? "api" : "console";
}

/** What a role session's requests are decided with, beside its role's policies (lib/iam/roles/sessions). */
export interface RoleSessionFacts {
  /** The temporary access key ID (ASIA…): the session's identifier. */
  readonly accessKeyId: string;
  readonly roleId: string;
  readonly roleName: string;
  /** The role's ARN: aws:PrincipalArn of the session's requests. */
  readonly roleArn: string;
  readonly sessionName: string;
  /** The identity that assumed the role: a user's ARN, or another session's when chaining. */
  readonly assumedBy: string;
  readonly sourceIdentity?: string;
  readonly expiresAt: Date;
  /** Created by switching role in the console. */
  readonly console: boolean;
}

export interface Caller {
  readonly kind: PrincipalKind;
  /** The account the caller belongs to; undefined only for anonymous callers (sign-up, sign-in). */
  readonly accountId?: string;
  /**
   * `arn:aws:iam::ACCOUNT:root`, `arn:aws:iam::ACCOUNT:user/path/name`,
   * `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`, or "anonymous".
   */
  readonly arn: string;
  /** For IAM users: the unique ID and name. */
  readonly userId?: string;
  readonly userName?: string;
  /** For role sessions (kind "assumed-role"): the session and its role. */
  readonly roleSession?: RoleSessionFacts;
  /**
   * Whether this session was authenticated with an MFA code, and when it was authenticated (for a
   * role session: when it was issued, aws:TokenIssueTime).
   */
  readonly mfaAuthenticated: boolean;
  readonly authTime?: Date;
  /** Absent for callers built before the API door (console sessions, tests): treated as a session. */
  readonly credentialKind?: CredentialKind;
  /** The access key ID an API request was signed with (AKIA… or ASIA…), as CloudTrail records it; absent in the console. */
  readonly accessKeyId?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  /** Whether the request arrived over TLS (aws:SecureTransport). */
  readonly secureTransport?: boolean;
  /** The region an API request was signed for (its credential scope), as AWS records where a request was made; absent in the console. */
  readonly region?: string;
  /**
   * What this one request computes once and shares between its operations (the caller's policy
   * set). Absent for callers that are not tied to one request: each operation then loads afresh.
   */
  readonly scope?: RequestScope;
}

/**
 * Per-request memory. It lives as long as one HTTP request and is never shared with another, so a
 * second app instance never needs it; a change made through the request clears it (forget), so
 * what follows in the same request sees the change.
 */
export class RequestScope {
  private readonly values = new Map<string, Promise<unknown>>();
  /** Operations executed in this request, and how often the caller's policy set was loaded. */
  readonly counts = { operations: 0, policySetLoads: 0 };

  remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    let value = this.values.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      this.values.set(key, value);
      // A failed load is not remembered: the next operation tries again.
      value.catch(() => this.values.delete(key));
    }
    return value;
  }

  forget(): void {
    this.values.clear();
  }
}

export const ANONYMOUS_ARN = "anonymous";

export function anonymousCaller(request: { sourceIp?: string; userAgent?: string } = {}): Caller {
  return { kind: "anonymous", arn: ANONYMOUS_ARN, mfaAuthenticated: false, ...request };
}

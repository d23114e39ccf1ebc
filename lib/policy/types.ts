// The policy document model shared by every part of the engine. Documents are normalised once on
// the way in (string-or-array elements become arrays, condition values become strings), so the
// matcher and the validator never have to re-check JSON shapes.

/**
 * The kinds of policy IAM Access Analyzer validates differently. A role trust policy ("trust") is
 * the role's resource-based policy, with rules of its own; a resource control policy ("rcp") is an
 * AWS Organizations policy on the resource side, as an SCP is on the principal side.
 */
export type PolicyKind = "identity" | "resource" | "trust" | "boundary" | "session" | "scp" | "rcp";

/** Every PolicyKind, for callers that list or check them (the CLI's `--kind`). */
export const POLICY_KINDS: readonly PolicyKind[] = ["identity", "resource", "trust", "boundary", "session", "scp", "rcp"];

export type Effect = "Allow" | "Deny";

/** `"*"`, or principal type (`AWS`, `Service`, `Federated`, `CanonicalUser`) → identifiers. */
export type PrincipalBlock = "*" | Readonly<Record<string, readonly string[]>>;

/**
 * One `operator → key → values` triple of a Condition block. `operator` is kept as written
 * (`ForAnyValue:StringLikeIfExists`); see conditionOperator.ts for its parts.
 */
export interface ConditionEntry {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export interface Statement {
  readonly Sid?: string;
  readonly Effect: Effect;
  readonly Principal?: PrincipalBlock;
  readonly NotPrincipal?: PrincipalBlock;
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
  readonly Condition?: readonly ConditionEntry[];
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: readonly Statement[];
}

/** The current policy language version; only documents declaring it get policy variables. */
export const POLICY_VERSION_2012 = "2012-10-17";

export type Severity = "error" | "security-warning" | "warning" | "suggestion";

/**
 * A problem found in a policy, shaped like an IAM Access Analyzer finding. `path` is a JSON path
 * such as `Statement[0].Condition.StringEquals.aws:username`; `line`/`column` (1-based) are present
 * when the policy came from text and point at the offending key or value.
 */
export interface Finding {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
}

/** A request context value: single-valued keys hold a string, multivalued keys an array. */
export type ContextValue = string | readonly string[];

/** What is being asked: can `principal` perform `action` on `resource`? */
export interface AuthorizationRequest {
  /** The caller: an IAM ARN (user, role, assumed-role session, account root) or a service principal. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The account that owns the resource; defaults to the resource ARN's account, else the principal's. */
  readonly resourceAccount?: string;
  /** Request context keys (`aws:username`, `aws:PrincipalTag/team`, …); names are case-insensitive. */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

// IAM's naming rules and default quotas, in one client-safe module (no imports): the operations'
// zod schemas (validation.ts) and the console's as-you-type checks (the create-user wizard) are both
// built from these, so a rule changes in one place. Messages describe what a valid value looks like
// and never echo the value.

export interface NameRule {
  /** The whole-value pattern, length included. */
  readonly pattern: RegExp;
  readonly maxLength: number;
  /** What a valid value looks like, for a person fixing a form field. */
  readonly description: string;
}

const NAME_CHARACTERS = "letters, digits and + = , . @ _ -";

function nameRule(maxLength: number): NameRule {
  return {
    pattern: new RegExp(`^[\\w+=,.@-]{1,${maxLength}}$`),
    maxLength,
    description: `1–${maxLength} characters: ${NAME_CHARACTERS} only`,
  };
}

/** Whether a value follows a rule: its pattern and its length. */
export function followsRule(rule: NameRule, value: string): boolean {
  return value.length <= rule.maxLength && rule.pattern.test(value);
}

/** The characters every IAM entity name may use: [\w+=,.@-]. */
export const NAME_CHARACTER_PATTERN = /^[\w+=,.@-]+$/;
export const NAME_CHARACTER_RULE = `may contain only ${NAME_CHARACTERS}`;

export const USER_NAME = nameRule(64);
export const ROLE_NAME = nameRule(64);
export const GROUP_NAME = nameRule(128);
export const POLICY_NAME = nameRule(128);

/** `/` or `/division/team/`: printable ASCII without spaces, starting and ending with a slash. */
export const PATH: NameRule = {
  pattern: /^\/([\x21-\x7E]+\/)?$/,
  maxLength: 512,
  description: "/ or begin and end with / (for example /engineering/), printable characters only",
};

export const PATH_PREFIX: NameRule = {
  pattern: /^\/[\x21-\x7E]*$/,
  maxLength: 512,
  description: "a path prefix that begins with / (for example /engineering/)",
};

// AWS: letters, digits, spaces and _ . : / = + - @ in any language; keys may not start with aws:.
export const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const TAG_CHARACTER_RULE = "letters, digits, spaces and _ . : / = + - @";
export const TAG_KEY_MAX_LENGTH = 128;
export const TAG_VALUE_MAX_LENGTH = 256;
export const RESERVED_TAG_PREFIX = "aws:";

/** A managed policy's description: AWS allows up to 1,000 characters. */
export const POLICY_DESCRIPTION_MAX_LENGTH = 1000;

/** A role's description: AWS allows up to 1,000 characters. */
export const ROLE_DESCRIPTION_MAX_LENGTH = 1000;

/** A role's maximum session duration, in seconds: AWS allows 1 hour (its default) to 12 hours. */
export const ROLE_MAX_SESSION_DURATION = { min: 3600, max: 43200, default: 3600 } as const;

/** sts:AssumeRole's limits, from the AssumeRole API reference. */
export const ASSUME_ROLE = {
  /** DurationSeconds: 15 minutes at least, up to the role's MaxSessionDuration; the default is an hour. */
  minDurationSeconds: 900,
  defaultDurationSeconds: 3600,
  /** A session assumed by another role session (role chaining) lasts at most an hour. */
  chainedMaxDurationSeconds: 3600,
  /** Switching role in the console gives a one-hour session, as AWS's console does. */
  consoleDurationSeconds: 3600,
  /** The inline and managed session policies' plaintext together, in characters. */
  sessionPolicyMaxLength: 2048,
  maxPolicyArns: 10,
  maxSessionTags: 50,
  /** RoleSessionName and SourceIdentity: 2 to 64 of the name characters. */
  sessionName: { minLength: 2, maxLength: 64 },
  /** ExternalId: 2 to 1,224 characters of [\w+=,.@:/-]. */
  externalId: { minLength: 2, maxLength: 1224, pattern: /^[\w+=,.@:/-]+$/ },
} as const;

/** The inline policy AWS's "Revoke active sessions" puts on a role (lib/iam/roles/sessions.ts). */
export const REVOKE_SESSIONS_POLICY_NAME = "AWSRevokeOlderSessions";

/** Recent roles a user switched to in the console: AWS keeps 5, and people outgrew that. */
export const SWITCH_ROLE_HISTORY_SIZE = 25;

/** AWS IAM's default quotas; the request that would exceed one fails with LimitExceeded. */
export const QUOTAS = {
  UsersPerAccount: 5000,
  GroupsPerAccount: 300,
  GroupsPerUser: 10,
  AttachedPoliciesPerUser: 10,
  AttachedPoliciesPerGroup: 10,
  AttachedPoliciesPerRole: 10,
  PoliciesPerAccount: 1500,
  TagsPerUser: 50,
  AccessKeysPerUser: 2,
  /** AWS: up to 8 MFA devices of any type assigned to one user (or the root user). */
  MFADevicesPerUser: 8,
  VersionsPerPolicy: 5,
  RolesPerAccount: 1000,
  TagsPerRole: 50,
  TagsPerPolicy: 50,
  /** Inline policies: the total size of one entity's inline policies, in characters without white space. */
  InlinePolicySizePerUser: 2048,
  InlinePolicySizePerGroup: 5120,
  InlinePolicySizePerRole: 10240,
} as const;

export type QuotaName = keyof typeof QUOTAS;

/** AWS's rotation advice (and Security Hub's IAM.3 control): rotate access keys older than 90 days. */
export const KEY_ROTATION_DAYS = 90;

/** Whether a tag key is acceptable; the reason when it is not. */
export function tagKeyProblem(key: string): string | undefined {
  if (key.length === 0) return "a tag key must not be empty";
  if (key.length > TAG_KEY_MAX_LENGTH) return `a tag key must be at most ${TAG_KEY_MAX_LENGTH} characters`;
  if (!TAG_CHARACTERS.test(key)) return `a tag key may contain only ${TAG_CHARACTER_RULE}`;
  if (key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) return "tag keys beginning with aws: are reserved for AWS";
  return undefined;
}

export function tagValueProblem(value: string): string | undefined {
  if (value.length > TAG_VALUE_MAX_LENGTH) return `a tag value must be at most ${TAG_VALUE_MAX_LENGTH} characters`;
  if (!TAG_CHARACTERS.test(value)) return `a tag value may contain only ${TAG_CHARACTER_RULE}`;
  return undefined;
}

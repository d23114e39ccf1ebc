// Input schemas shared by the operations, built from IAM's rules (rules.ts). Messages say what a
// valid value looks like, so a person can fix the form field they came from; they never echo the
// value itself (a mistyped password must not end up in an error or the audit log).

import { z } from "zod";
import {
  GROUP_NAME,
  NAME_CHARACTER_PATTERN,
  NAME_CHARACTER_RULE,
  PATH,
  PATH_PREFIX,
  POLICY_DESCRIPTION_MAX_LENGTH,
  POLICY_NAME,
  QUOTAS,
  ROLE_NAME,
  tagKeyProblem,
  tagValueProblem,
  USER_NAME,
  type NameRule,
} from "./rules";

function entityName(field: string, rule: NameRule) {
  return z
    .string({ error: `${field} is required` })
    .min(1, "must not be empty")
    .max(rule.maxLength, `must be at most ${rule.maxLength} characters`)
    .regex(NAME_CHARACTER_PATTERN, NAME_CHARACTER_RULE);
}

export const UserName = entityName("UserName", USER_NAME);
export const GroupName = entityName("GroupName", GROUP_NAME);
export const RoleName = entityName("RoleName", ROLE_NAME);
export const PolicyName = entityName("PolicyName", POLICY_NAME);

export const PolicyDescription = z.string().max(POLICY_DESCRIPTION_MAX_LENGTH, `must be at most ${POLICY_DESCRIPTION_MAX_LENGTH} characters`);

/**
 * A policy document as JSON text. This bounds the request only (AWS's API limit); the policy's own size
 * quota, which depends on where it is stored, is checked with the grammar in policies/document.ts.
 */
export const PolicyDocument = z
  .string({ error: "PolicyDocument is required" })
  .min(1, "must not be empty")
  .max(131072, "must be at most 131072 characters");

export const Path = z.string().max(PATH.maxLength, `must be at most ${PATH.maxLength} characters`).regex(PATH.pattern, `must be ${PATH.description}`);

export const PathPrefix = z
  .string()
  .max(PATH_PREFIX.maxLength, `must be at most ${PATH_PREFIX.maxLength} characters`)
  .regex(PATH_PREFIX.pattern, "must begin with / (for example /engineering/)");

/** Adds the rule's problem (if any) as the issue, so zod and the console say the same sentence. */
function checkedBy(problem: (text: string) => string | undefined) {
  return z.string().superRefine((text, ctx) => {
    const message = problem(text);
    if (message) ctx.addIssue({ code: "custom", message });
  });
}

export const TagKey = checkedBy(tagKeyProblem);
export const TagValue = checkedBy(tagValueProblem);

const Tag = z.object({ Key: TagKey, Value: TagValue });

/** A list of tags with keys unique without regard to case, as IAM stores them. */
export const TagList = z
  .array(Tag)
  .max(QUOTAS.TagsPerUser, `at most ${QUOTAS.TagsPerUser} tags`)
  .refine((tags) => new Set(tags.map((t) => t.Key.toLowerCase())).size === tags.length, "tag keys must be unique (keys are not case-sensitive)");

export const TagKeyList = z.array(TagKey).min(1, "name at least one tag key").max(QUOTAS.TagsPerUser, `at most ${QUOTAS.TagsPerUser} tag keys`);

/** A managed policy's ARN: a customer managed policy (12-digit account) or an AWS managed one (`aws`). */
export const PolicyArn = z
  .string({ error: "PolicyArn is required" })
  .max(2048, "must be at most 2048 characters")
  .regex(
    /^arn:aws:iam::(\d{12}|aws):policy\/([\x21-\x7E]+\/)?[\w+=,.@-]{1,128}$/,
    "must be a managed policy ARN such as arn:aws:iam::aws:policy/IAMReadOnlyAccess",
  );

export const VersionId = z.string().regex(/^v[1-9][0-9]*$/, "must be a policy version ID such as v1");

/** Passwords: AWS accepts tab, line breaks and printable Latin-1 characters, up to 128 of them. */
export const Password = z
  .string({ error: "Password is required" })
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(/^[\t\n\r\x20-\xFF]+$/, "may contain only printable characters (no emoji or other symbols outside Latin-1)");

export const SortOrder = z.enum(["Ascending", "Descending"], { error: "must be Ascending or Descending" });

/** The console's listing filter: a case-insensitive substring of the name. */
export const Filter = z
  .string()
  .max(128, "must be at most 128 characters")
  .transform((text) => text.trim().toLowerCase());

/** Operations that take no parameters: callers may pass {} or nothing at all. */
export const NoInput = z.object({}).optional();

/** Portcullis's console extension of List operations: the extra columns the AWS console shows. */
export const IncludeConsoleColumns = z.boolean({ error: "must be true or false" });

/** A zod error as one sentence per issue: `UserName: must be 1-64 characters …`. */
export function validationMessage(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
}

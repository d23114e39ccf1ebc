// Input schemas shared by the operations, with AWS IAM's naming rules and limits. Messages say what
// a valid value looks like, so a person can fix the form field they came from; they never echo the
// value itself (a mistyped password must not end up in an error or the audit log).

import { z } from "zod";

const NAME_CHARS = /^[\w+=,.@-]+$/;
const NAME_RULE = "may contain only letters, digits and + = , . @ _ -";

export const UserName = z
  .string({ error: "UserName is required" })
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(NAME_CHARS, NAME_RULE);

export const GroupName = z
  .string({ error: "GroupName is required" })
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(NAME_CHARS, NAME_RULE);

export const PolicyName = z
  .string({ error: "PolicyName is required" })
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(NAME_CHARS, NAME_RULE);

/** A managed policy's description: AWS allows up to 1,000 characters. */
export const PolicyDescription = z.string().max(1000, "must be at most 1000 characters");

/**
 * A policy document as JSON text. This bounds the request only (AWS's API limit); the policy's own size
 * quota, which depends on where it is stored, is checked with the grammar in policyDocument.ts.
 */
export const PolicyDocument = z
  .string({ error: "PolicyDocument is required" })
  .min(1, "must not be empty")
  .max(131072, "must be at most 131072 characters");

/** `/` or `/division/team/`: printable ASCII without spaces, starting and ending with a slash. */
export const Path = z
  .string()
  .max(512, "must be at most 512 characters")
  .regex(/^\/([\x21-\x7E]+\/)?$/, "must be / or begin and end with / (for example /engineering/), printable characters only");

export const PathPrefix = z
  .string()
  .max(512, "must be at most 512 characters")
  .regex(/^\/[\x21-\x7E]*$/, "must begin with / (for example /engineering/)");

// AWS: letters, digits, spaces and _ . : / = + - @ in any language; keys may not start with aws:.
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export const TagKey = z
  .string()
  .min(1, "a tag key must not be empty")
  .max(128, "a tag key must be at most 128 characters")
  .regex(TAG_CHARS, "a tag key may contain only letters, digits, spaces and _ . : / = + - @")
  .refine((key) => !key.toLowerCase().startsWith("aws:"), "tag keys beginning with aws: are reserved for AWS");

export const TagValue = z
  .string()
  .max(256, "a tag value must be at most 256 characters")
  .regex(TAG_CHARS, "a tag value may contain only letters, digits, spaces and _ . : / = + - @");

export const Tag = z.object({ Key: TagKey, Value: TagValue });
export type Tag = { Key: string; Value: string };

export const MAX_TAGS_PER_USER = 50;

/** A list of tags with keys unique without regard to case, as IAM stores them. */
export const TagList = z
  .array(Tag)
  .max(MAX_TAGS_PER_USER, `at most ${MAX_TAGS_PER_USER} tags`)
  .refine((tags) => new Set(tags.map((t) => t.Key.toLowerCase())).size === tags.length, "tag keys must be unique (keys are not case-sensitive)");

export const TagKeyList = z.array(TagKey).min(1, "name at least one tag key").max(MAX_TAGS_PER_USER, `at most ${MAX_TAGS_PER_USER} tag keys`);

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

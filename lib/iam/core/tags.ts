// Tags as operations take and return them, and the condition keys a request's tags set:
// aws:RequestTag/<key> and aws:TagKeys (attribute-based access control).

import type { ContextValue } from "@/lib/policy";

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export function toTags(rows: readonly { key: string; value: string }[]): Tag[] {
  return rows.map((t) => ({ Key: t.key, Value: t.value }));
}

/** Rows for a tag relation: keys are unique per entity without regard to case. */
export function tagRows(tags: readonly Tag[]): { key: string; keyLower: string; value: string }[] {
  return tags.map((t) => ({ key: t.Key, keyLower: t.Key.toLowerCase(), value: t.Value }));
}

/** aws:RequestTag/<key> and aws:TagKeys for the tags a request sets. */
export function requestTagContext(tags: readonly Tag[]): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (const tag of tags) context[`aws:RequestTag/${tag.Key}`] = tag.Value;
  if (tags.length > 0) context["aws:TagKeys"] = tags.map((t) => t.Key);
  return context;
}

/** aws:ResourceTag/<key> for every tag of an existing resource. */
export function resourceTagContext(tags: readonly { key: string; value: string }[]): Record<string, ContextValue> {
  return Object.fromEntries(tags.map((tag) => [`aws:ResourceTag/${tag.key}`, tag.value]));
}

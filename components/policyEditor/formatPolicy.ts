// The Format button: pretty-print with two-space indentation, as the AWS console does. Only text
// that parses is formatted, and not when keys repeat: JSON.parse keeps only the last of duplicate
// keys, so formatting would silently drop statements the validator is pointing at.

import { parseJson } from "@/lib/policy";

/** The formatted text, or undefined when the text cannot be formatted without losing anything. */
export function formatPolicyText(text: string): string | undefined {
  const parsed = parseJson(text);
  if (!parsed.ok || parsed.json.duplicateKeys.length > 0) return undefined;
  return JSON.stringify(parsed.json.value, null, 2);
}

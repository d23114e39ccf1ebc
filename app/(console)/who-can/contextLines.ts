// The who-can form's context values, typed one per line as `key=value` (several values: `key=a,b`),
// turned into the operation's ContextEntries. A line that is not `key=value` is refused with a
// sentence naming it, and the typed text stays in the form.

import type { QuestionContextEntry } from "@/lib/iam/policies/questionContext";

export type ParsedContext = { readonly ok: true; readonly entries: QuestionContextEntry[] } | { readonly ok: false; readonly problem: string };

export function parseContextLines(text: string): ParsedContext {
  const entries: QuestionContextEntry[] = [];
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  for (const [i, line] of lines.entries()) {
    if (line === "") continue;
    const equals = line.indexOf("=");
    if (equals <= 0) return { ok: false, problem: `Line ${i + 1} (“${line}”) is not key=value: write it like aws:MultiFactorAuthPresent=true.` };
    const values = line.slice(equals + 1).split(",").map((v) => v.trim());
    entries.push({ ContextKeyName: line.slice(0, equals).trim(), ContextKeyValues: values });
  }
  return { ok: true, entries };
}

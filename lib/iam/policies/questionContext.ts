// The request context of an access question ("who can", "everything P can do"): the moment of the
// question and the values the person asking supplies. Keys nobody supplies (aws:SourceIp,
// aws:MultiFactorAuthPresent, …) stay absent, so a statement that tests them is reported as
// deciding "only when …" rather than silently decided as if the key were false.

import { z } from "zod";
import type { ContextValue } from "@/lib/policy";

export const QuestionContextEntries = z
  .array(
    z.object({
      ContextKeyName: z
        .string()
        .max(256, "a context key name must be at most 256 characters")
        .regex(/^[A-Za-z0-9-]+:\S+$/, "a context key name looks like aws:SourceIp or aws:MultiFactorAuthPresent"),
      ContextKeyValues: z.array(z.string().max(1024, "a context key value must be at most 1024 characters")).min(1, "give at least one value for each context key").max(100, "at most 100 values per key"),
    }),
  )
  .max(100, "at most 100 context entries");

export type QuestionContextEntry = z.infer<typeof QuestionContextEntries>[number];

/** The time keys, then `base`, then the supplied entries (a key given twice in any case keeps the last). */
export function questionContext(base: Record<string, ContextValue>, entries: readonly QuestionContextEntry[], now = new Date()): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = { "aws:CurrentTime": now.toISOString(), "aws:EpochTime": String(Math.floor(now.getTime() / 1000)), ...base };
  for (const entry of entries) {
    for (const key of Object.keys(context)) if (key.toLowerCase() === entry.ContextKeyName.toLowerCase()) delete context[key];
    context[entry.ContextKeyName] = entry.ContextKeyValues.length === 1 ? entry.ContextKeyValues[0]! : entry.ContextKeyValues;
  }
  return context;
}

// The condition keys a set of policies tests: what IAM's GetContextKeysForCustomPolicy and
// GetContextKeysForPrincipalPolicy answer, and what a simulation must be given for its answer to be
// about the request rather than about missing facts. Keys are case-insensitive in the engine, so
// they are de-duplicated without regard to case; the first spelling written is the one returned.

import type { PolicyDocument, Statement } from "./types";

/** Every key named in the Condition blocks of these statements, as first written, without repeats. */
export function conditionKeysOfStatements(statements: Iterable<Statement>): string[] {
  const seen = new Set<string>();
  const keys: string[] = [];
  for (const statement of statements) {
    for (const { key } of statement.Condition ?? []) {
      const lower = key.toLowerCase();
      if (seen.has(lower)) continue;
      seen.add(lower);
      keys.push(key);
    }
  }
  return keys;
}

/** Every condition key the documents reference, in document and statement order, without repeats. */
export function conditionKeysOf(documents: Iterable<PolicyDocument>): string[] {
  return conditionKeysOfStatements(
    (function* () {
      for (const document of documents) yield* document.Statement;
    })(),
  );
}

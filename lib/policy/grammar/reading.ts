// What reading a policy value yields before it is known to be valid: a best-effort document (so
// the validator can keep checking a policy that still has grammar errors, as an editor needs),
// where each statement came from in the JSON, and the findings so far.

import type { ConditionEntry, PolicyDocument, Statement } from "../types";
import type { DraftFinding, PathSegment } from "./draft";

export type DraftStatement = {
  -readonly [K in keyof Statement]?: Statement[K];
};

export interface DraftDocument {
  Version?: string;
  Id?: string;
  Statement: DraftStatement[];
}

/**
 * Where a statement sits in the JSON: `Statement` when the policy has a single statement object,
 * `Statement[i]` otherwise. `arrays` names the elements written as arrays (`Action`,
 * `Principal.AWS`, …) so an item's path is `Action[2]` or just `Action` for a lone string.
 */
export interface StatementSource {
  readonly path: readonly PathSegment[];
  /** The element names written in the statement (valid or not); undefined when it is not an object. */
  present?: ReadonlySet<string>;
  readonly arrays: Set<string>;
  /** Per Condition entry (same order as `Statement.Condition`): were its values an array? */
  readonly conditionArrays: boolean[];
}

export interface PolicyReading {
  readonly document: DraftDocument;
  readonly sources: readonly StatementSource[];
  readonly findings: DraftFinding[];
}

/** The JSON path of an element (`"Action"`, `"Principal.AWS"`) of a statement, or of one of its items. */
export function elementPath(source: StatementSource, element: string, index?: number): PathSegment[] {
  const path: PathSegment[] = [...source.path, ...element.split(".")];
  if (index !== undefined && source.arrays.has(element)) path.push(index);
  return path;
}

/** The JSON path of a condition entry (`…Condition.StringEquals.aws:username`), or of one of its values. */
export function conditionPath(
  source: StatementSource,
  entryIndex: number,
  entry: ConditionEntry,
  valueIndex?: number,
): PathSegment[] {
  const path: PathSegment[] = [...source.path, "Condition", entry.operator, entry.key];
  if (valueIndex !== undefined && source.conditionArrays[entryIndex]) path.push(valueIndex);
  return path;
}

/**
 * The validated document, once the reading has no errors (so every Effect is known). The draft
 * statements become the document's statements as they are: readers only leave an element unset
 * after reporting an error, so there is nothing to clean up.
 */
export function finishDocument(document: DraftDocument): PolicyDocument {
  const statements = document.Statement as Statement[];
  return {
    ...(document.Version !== undefined ? { Version: document.Version } : {}),
    ...(document.Id !== undefined ? { Id: document.Id } : {}),
    Statement: statements,
  };
}

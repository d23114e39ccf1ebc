// What every policy check receives: the reading of the policy and the kind of policy it is.

import type { DraftFinding } from "../grammar/draft";
import type { DraftStatement, PolicyReading, StatementSource } from "../grammar/reading";
import type { PolicyKind } from "../types";

/** Where the policy is stored; it decides the size quota. */
export type PolicyContainer = "managed" | "user-inline" | "group-inline" | "role-inline" | "trust" | "session" | "scp" | "rcp";

export interface ValidateOptions {
  /** Defaults from `container` (trust → trust, session → session, scp → scp, rcp → rcp), else "identity". */
  readonly kind?: PolicyKind;
  /**
   * Defaults by kind: identity and boundary → managed, resource and trust → trust, session →
   * session, scp → scp, rcp → rcp.
   */
  readonly container?: PolicyContainer;
}

export interface CheckInput {
  readonly reading: PolicyReading;
  readonly kind: PolicyKind;
  readonly container: PolicyContainer;
}

export type PolicyCheck = (input: CheckInput) => DraftFinding[];

/** Calls `visit` for each statement that is a JSON object (others were already reported by the grammar). */
export function forEachStatement(
  reading: PolicyReading,
  visit: (statement: DraftStatement, source: StatementSource & { present: ReadonlySet<string> }, index: number) => void,
): void {
  reading.document.Statement.forEach((statement, index) => {
    const source = reading.sources[index]!;
    if (source.present) visit(statement, source as StatementSource & { present: ReadonlySet<string> }, index);
  });
}

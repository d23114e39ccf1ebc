// Where a finding sits in the visual editor: the statement card and the field on it. The engine
// names a finding's place by its JSON path (Statement[1].Resource[0]); in the Visual view the
// hidden JSON's line and column mean nothing, so the findings list names the statement (with its
// Sid, which is how authors tell statements apart) and the field, and a click goes to that field.

import type { Finding } from "@/lib/policy";

export interface VisualFindingTarget {
  /** The statement's index in the document; undefined for a finding about the policy as a whole. */
  readonly statementIndex?: number;
  /** The statement element, spelt as IAM spells it: Effect, Action, Resource, Condition, … */
  readonly field?: string;
  /** "Statement 2 (Sid AllowS3) · Resource", or "Policy · Version". */
  readonly label: string;
}

const ELEMENTS = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
const canonical = (element: string) => ELEMENTS.find((name) => name.toLowerCase() === element.toLowerCase()) ?? element;

// "Statement[1].Resource", or "Statement.Effect" for a single statement object; "Statement" alone is the element itself.
const STATEMENT_PATH = /^Statement(?:\[(\d+)\](?:\.([^.[]+))?|\.([^.[]+))/;

function sidOf(document: unknown, index: number, single: boolean): string | undefined {
  const statements = (document as { Statement?: unknown } | null)?.Statement;
  const statement = single ? statements : Array.isArray(statements) ? statements[index] : undefined;
  const sid = (statement as { Sid?: unknown } | null | undefined)?.Sid;
  return typeof sid === "string" && sid !== "" ? sid : undefined;
}

export function visualFindingTarget(finding: Finding, document: unknown): VisualFindingTarget {
  const match = STATEMENT_PATH.exec(finding.path);
  if (!match) {
    const element = finding.path.split(/[.[]/)[0];
    return { label: element ? `Policy · ${element}` : "Policy" };
  }
  const single = match[1] === undefined;
  const statementIndex = single ? 0 : Number(match[1]);
  const element = match[2] ?? match[3];
  const field = element === undefined ? undefined : canonical(element);
  const sid = sidOf(document, statementIndex, single);
  const statement = `Statement ${statementIndex + 1}${sid ? ` (Sid ${sid})` : ""}`;
  return { statementIndex, field, label: field ? `${statement} · ${field}` : statement };
}

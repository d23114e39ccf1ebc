// What the audit log keeps of a denial: the engine's explanation cut down to what a reader needs to
// see why — the summary, the reason, the statements that decided and the Allow statements that
// nearly applied — and bounded, so an event stays small however many policies the caller has. It
// holds only what the explanation holds (ARNs, actions, policy names, Sids, request-context values);
// passwords, MFA seeds and secret keys never reach the engine, so they cannot reach the log.

import type { Explanation, StatementTrace } from "@/lib/policy";
import type { StoppedWorkflow } from "../core/errors";

export interface AuditStatement {
  readonly Policy: string;
  /** identity, boundary, session, resource or scp. */
  readonly PolicyType: string;
  /** The Sid, or `#index` for a statement without one. */
  readonly Statement: string;
  readonly Effect: "Allow" | "Deny";
  /** The engine's sentence on why the statement matched, or which element did not. */
  readonly Reason: string;
}

export interface AuditExplanation {
  readonly Summary: string;
  /** The engine's reason code: explicit-deny, no-allow, boundary-implicit-deny, … */
  readonly Reason: string;
  /** The statements that decided: every matching Deny of an explicit denial. */
  readonly DecidedBy: readonly AuditStatement[];
  /** Allow statements that name the action but missed on its resource, principal or a condition. */
  readonly NearMisses: readonly AuditStatement[];
  /** How many statements the engine weighed in all. */
  readonly StatementsEvaluated: number;
  readonly StoppedWorkflow?: { readonly Workflow: string; readonly Step: string };
}

/** Statements kept per list, and characters per text: a few kilobytes per event at most. */
export const MAX_AUDIT_STATEMENTS = 5;
const MAX_SUMMARY = 1000;
const MAX_NAME = 256;
const MAX_REASON = 500;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function statement(trace: StatementTrace): AuditStatement {
  return {
    Policy: clip(trace.policy, MAX_NAME),
    PolicyType: trace.policyType,
    Statement: clip(trace.statement, MAX_NAME),
    Effect: trace.effect,
    Reason: clip(trace.reason, MAX_REASON),
  };
}

const missedOnAction = (trace: StatementTrace) => trace.failed === "Action" || trace.failed === "NotAction";

export function auditExplanation(explanation: Explanation, stoppedWorkflow?: StoppedWorkflow): AuditExplanation {
  const decided = new Set(explanation.decidedBy.map((ref) => `${ref.policyType}\u0000${ref.policy}\u0000${ref.index}`));
  const traces = explanation.statements;
  return {
    Summary: clip(explanation.summary, MAX_SUMMARY),
    Reason: explanation.reason,
    DecidedBy: traces.filter((t) => decided.has(`${t.policyType}\u0000${t.policy}\u0000${t.index}`)).slice(0, MAX_AUDIT_STATEMENTS).map(statement),
    NearMisses: traces.filter((t) => t.effect === "Allow" && !t.matched && !missedOnAction(t)).slice(0, MAX_AUDIT_STATEMENTS).map(statement),
    StatementsEvaluated: traces.length,
    ...(stoppedWorkflow ? { StoppedWorkflow: { Workflow: stoppedWorkflow.workflow, Step: stoppedWorkflow.step } } : {}),
  };
}

/** The stored detail column read back; a value this code did not write reads as no explanation. */
export function readAuditExplanation(detail: string | null): AuditExplanation | undefined {
  if (!detail) return undefined;
  try {
    const value = JSON.parse(detail) as Partial<AuditExplanation>;
    return typeof value.Summary === "string" && Array.isArray(value.DecidedBy) ? (value as AuditExplanation) : undefined;
  } catch {
    return undefined;
  }
}

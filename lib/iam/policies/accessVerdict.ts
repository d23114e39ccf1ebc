// One question — may this principal's policies perform this action on this resource? — answered by
// the engine and read the way an auditor needs it: allowed (by which statement, and which Denies
// still narrow it), allowed only when a condition on a key the question did not give holds, allowed
// by an identity policy but refused by the permissions boundary, or removed by an explicit Deny.
// Every decision here is evaluate()'s; this file only picks the engine's own traces apart.

import { arnAccount, evaluate, isAccountId, preparePolicySet, type AuthorizationRequest, type ContextValue, type PolicySet, type StatementRef, type StatementTrace } from "@/lib/policy";
import type { PolicySourceView } from "./accountPolicyGraph";

export type AccessDecision = "allowed" | "allowedWhen" | "limitedByBoundary" | "explicitDeny";

/** A statement that took part in the answer, with where its policy came from. */
export interface StatementView extends PolicySourceView {
  /** The Sid, or `#index` for a statement without one. */
  readonly Statement: string;
  readonly Index: number;
  readonly Effect: "Allow" | "Deny";
  readonly PolicyType: "identity" | "boundary";
  /** The condition keys the statement tests, when it has a Condition. */
  readonly ConditionKeys?: readonly string[];
}

export interface ConditionView {
  readonly Operator: string;
  readonly Key: string;
  readonly Values: readonly string[];
}

/** A Deny that did not decide the question but would under other circumstances. */
export interface LimitView {
  /** "when": the Deny applies when its conditions hold (a key the question did not give); "resources": it denies other resources of the action. */
  readonly Kind: "when" | "resources";
  readonly Statement: StatementView;
  readonly Conditions?: readonly ConditionView[];
  /** The Deny's Resource (or, for NotResource, every resource except these: see Except). */
  readonly Resources?: readonly string[];
  readonly Except?: boolean;
}

export interface AccessVerdict {
  readonly Decision: AccessDecision;
  /** The engine's sentence. */
  readonly Summary: string;
  /** The Allow that grants (allowed, limitedByBoundary, allowedWhen) or the Deny that removes (explicitDeny). */
  readonly DecidingStatements: readonly StatementView[];
  /** allowedWhen: the conditions of the granting statement, which the question's context does not settle. */
  readonly Conditions?: readonly ConditionView[];
  readonly Limits?: readonly LimitView[];
}

export interface AccessQuestion {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly account: string;
  readonly context: Readonly<Record<string, ContextValue>>;
}

function conditionsOf(set: PolicySet, policyName: string, index: number): ConditionView[] {
  const policy = [...set.identity, set.boundary].find((p) => p?.name === policyName);
  return (policy?.document.Statement[index]?.Condition ?? []).map((c) => ({ Operator: c.operator, Key: c.key, Values: c.values }));
}

function statementView(ref: StatementRef | StatementTrace, sources: ReadonlyMap<string, PolicySourceView>, set: PolicySet): StatementView {
  const source = sources.get(ref.policy) ?? { PolicyName: ref.policy, PolicyKind: ref.policyType === "boundary" ? ("boundary" as const) : ("inline" as const) };
  const keys = "conditionKeys" in ref && ref.conditionKeys ? ref.conditionKeys : [...new Set(conditionsOf(set, ref.policy, ref.index).map((c) => c.Key))];
  return {
    ...source,
    Statement: ref.statement,
    Index: ref.index,
    Effect: ref.effect,
    PolicyType: ref.policyType === "boundary" ? "boundary" : "identity",
    ...(keys.length > 0 ? { ConditionKeys: keys } : {}),
  };
}

/** A condition the request could not settle: its key is absent, so another request might meet it. */
function unsettled(trace: StatementTrace): boolean {
  return trace.failed === "Condition" && trace.condition?.requestValue === null;
}

/** The Denies for the action that did not apply here: on other resources, or under conditions not given. */
function limitsOf(traces: readonly StatementTrace[], set: PolicySet, sources: ReadonlyMap<string, PolicySourceView>): LimitView[] {
  const limits: LimitView[] = [];
  for (const trace of traces) {
    if (trace.effect !== "Deny" || trace.matched || trace.failed === "Action" || trace.failed === "NotAction") continue;
    const statement = statementView(trace, sources, set);
    if (unsettled(trace)) limits.push({ Kind: "when", Statement: statement, Conditions: conditionsOf(set, trace.policy, trace.index) });
    else if (trace.failed === "Resource" || trace.failed === "NotResource") {
      const written = [...set.identity, set.boundary].find((p) => p?.name === trace.policy)?.document.Statement[trace.index];
      limits.push({ Kind: "resources", Statement: statement, Resources: written?.Resource ?? written?.NotResource ?? [], ...(written?.NotResource ? { Except: true } : {}) });
    }
  }
  return limits;
}

/** The request a question stands for: the resource's account from its ARN, or the principal's. */
export function accessRequest(question: AccessQuestion): AuthorizationRequest {
  const resourceAccount = arnAccount(question.resource);
  return {
    principal: question.principal,
    action: question.action,
    resource: question.resource,
    resourceAccount: resourceAccount && isAccountId(resourceAccount) ? resourceAccount : question.account,
    context: question.context,
  };
}

/**
 * The engine's answer for one principal, or undefined when none of its identity policies has an
 * Allow that names the action for this resource (it cannot, and no policy is involved to show).
 */
export function accessVerdict(question: AccessQuestion, policySet: PolicySet, sources: ReadonlyMap<string, PolicySourceView>): AccessVerdict | undefined {
  const set = preparePolicySet(policySet);
  const candidates = set.candidatesFor(question.action.toLowerCase());
  // Most principals of an account have no statement for the action: nothing to evaluate or show.
  if (candidates.identityAllows.length === 0) return undefined;
  const request = accessRequest(question);
  const quick = evaluate(request, set, { explain: "deciding" });
  // The deciding explanation is enough for a plain Allow with no Deny to weigh; everything else needs the traces.
  if (quick.decision === "Allow" && candidates.denies.length === 0) {
    return { Decision: "allowed", Summary: quick.explanation!.summary, DecidingStatements: quick.explanation!.decidedBy.map((r) => statementView(r, sources, set)) };
  }
  const full = evaluate(request, set, { explain: "full" });
  const explanation = full.explanation!;
  const traces = explanation.statements;
  const identityAllows = traces.filter((t) => t.policyType === "identity" && t.effect === "Allow");
  const granting = identityAllows.filter((t) => t.matched);
  const conditional = identityAllows.filter(unsettled);
  if (full.decision === "Allow") {
    const limits = limitsOf(traces, set, sources);
    return { Decision: "allowed", Summary: explanation.summary, DecidingStatements: explanation.decidedBy.map((r) => statementView(r, sources, set)), ...(limits.length > 0 ? { Limits: limits } : {}) };
  }
  // A Deny matters to an auditor only where an Allow would otherwise have granted (or might, under a condition).
  if (granting.length === 0 && conditional.length === 0) return undefined;
  if (full.decision === "ExplicitDeny") {
    return { Decision: "explicitDeny", Summary: explanation.summary, DecidingStatements: explanation.decidedBy.map((r) => statementView(r, sources, set)) };
  }
  if (full.reason.code === "boundary-implicit-deny") {
    return { Decision: "limitedByBoundary", Summary: explanation.summary, DecidingStatements: granting.map((t) => statementView(t, sources, set)) };
  }
  if (granting.length === 0 && full.reason.code === "no-allow") {
    const first = conditional[0]!;
    const limits = limitsOf(traces, set, sources);
    return {
      Decision: "allowedWhen",
      Summary: `Allowed only when the conditions of statement "${first.statement}" of "${first.policy}" hold; the question does not give ${first.condition!.key}.`,
      DecidingStatements: conditional.map((t) => statementView(t, sources, set)),
      Conditions: conditional.flatMap((t) => conditionsOf(set, t.policy, t.index)),
      ...(limits.length > 0 ? { Limits: limits } : {}),
    };
  }
  return undefined;
}

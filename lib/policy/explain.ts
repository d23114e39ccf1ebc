// Explanations: for every statement of every policy, whether it matched the request and, if not,
// which element stopped it (action, resource, principal, or which condition key and operator); plus
// a summary sentence naming the statement that decided, or the policy that had no allow. Built only
// on request, after the decision, by re-walking all statements: the decision path stays lean.

import { candidatesFor, policiesOf, type PolicySet, type PolicyType } from "./candidates";
import type { CompiledCondition } from "./condition";
import { principalGrant, type DecisionReason } from "./decide";
import { Grant, GRANT_NAMES } from "./principal";
import { rcpsGovern } from "./resourceControl";
import type { PreparedRequest } from "./request";
import { failedCondition, type CompiledStatement } from "./statement";
import type { CompiledPolicy } from "./compile";
import type { ContextValue, Effect } from "./types";

export interface StatementRef {
  readonly policy: string;
  readonly policyType: PolicyType;
  /** For SCPs: the level, 0 being the organization root. */
  readonly scpLevel?: number;
  /** For RCPs: the level, 0 being the organization root. */
  readonly rcpLevel?: number;
  /** The Sid, or `#index` for a statement without one. */
  readonly statement: string;
  readonly index: number;
  readonly effect: Effect;
  /**
   * On a deciding statement with a Condition: the keys it tests, as written. They say what the
   * decision hangs on (a Deny on aws:MultiFactorAuthPresent is lifted by signing in with MFA).
   */
  readonly conditionKeys?: readonly string[];
}

export type StatementElement = "Action" | "NotAction" | "Resource" | "NotResource" | "Principal" | "NotPrincipal" | "Condition";

export interface StatementTrace extends StatementRef {
  readonly matched: boolean;
  /** A sentence saying why the statement matched or did not. */
  readonly reason: string;
  /** The element that did not match, when the statement did not. */
  readonly failed?: StatementElement;
  /** For a failed condition: the operator and key as written and the request's value (null if absent). */
  readonly condition?: { readonly operator: string; readonly key: string; readonly values: readonly string[]; readonly requestValue: ContextValue | null };
  /** For a matching resource-policy statement: how it names the caller. */
  readonly principalMatch?: "direct" | "role" | "account";
}

/** What decided and why, without per-statement traces (`explain: "deciding"`). */
export interface DecidingExplanation {
  readonly summary: string;
  readonly reason: DecisionReason["code"];
  /** The statements that decided: the explicit Deny, or the Allow that granted access. */
  readonly decidedBy: readonly StatementRef[];
}

export interface Explanation extends DecidingExplanation {
  readonly statements: readonly StatementTrace[];
}

/** Each policy type as IAM's documentation names it. */
export const POLICY_TYPE_NAMES: Record<PolicyType, string> = {
  identity: "identity-based policy",
  boundary: "permissions boundary",
  session: "session policy",
  resource: "resource-based policy",
  scp: "service control policy",
  rcp: "resource control policy",
};

function ref(policy: CompiledPolicy, type: PolicyType, level: number | undefined, statement: CompiledStatement): StatementRef {
  const conditions = statement.statement.Condition ?? [];
  return {
    policy: policy.name,
    policyType: type,
    ...(level === undefined ? {} : type === "rcp" ? { rcpLevel: level } : { scpLevel: level }),
    statement: statement.label,
    index: statement.index,
    effect: statement.effect,
    ...(conditions.length === 0 ? {} : { conditionKeys: [...new Set(conditions.map((c) => c.key))] }),
  };
}

function describeRef(r: StatementRef, req: PreparedRequest): string {
  // A trust action's resource policy is the role's trust policy: call it what IAM calls it.
  const type = r.policyType === "resource" && req.trust ? "trust policy" : POLICY_TYPE_NAMES[r.policyType];
  return `statement "${r.statement}" of ${type} "${r.policy}"`;
}

/** Why a statement did or did not match: the trace's own fields, without the statement reference. */
interface Verdict {
  readonly matched: boolean;
  readonly reason: string;
  readonly failed?: StatementElement;
  readonly condition?: StatementTrace["condition"];
  readonly principalMatch?: StatementTrace["principalMatch"];
}

function conditionVerdict(condition: CompiledCondition, req: PreparedRequest): Verdict {
  const requestValue = req.lookup(condition.lowerKey) ?? null;
  const { operator, key, values } = condition.entry;
  const shown = requestValue === null ? "the key is not in the request" : `the request has ${JSON.stringify(requestValue)}`;
  return {
    matched: false,
    failed: "Condition",
    reason: `Condition ${operator} on ${key} (${JSON.stringify(values)}) is not met: ${shown}.`,
    condition: { operator, key, values, requestValue },
  };
}

function verdict(statement: CompiledStatement, type: PolicyType, req: PreparedRequest): Verdict {
  const { request } = req;
  const s = statement.statement;
  if (!statement.matchesAction(req.lowerAction)) {
    const element = s.Action ? "Action" : "NotAction";
    const why = s.Action ? "is not matched by" : "is excluded by";
    return { matched: false, failed: element, reason: `Action ${request.action} ${why} ${element} ${statement.written(element)}.` };
  }
  if (type === "rcp" && !rcpsGovern(req.lowerAction)) {
    return { matched: false, failed: "Action", reason: `Resource control policies do not apply to ${request.action}: its service does not support them.` };
  }
  if (type === "rcp" && req.rcpExempt) {
    return { matched: false, failed: "Principal", reason: "Resource control policies do not apply to service-linked roles." };
  }
  let principalMatch: Verdict["principalMatch"];
  if ((type === "resource" || type === "rcp") && statement.namesPrincipal) {
    const grant = principalGrant(statement, req);
    const element = statement.notPrincipal ? "NotPrincipal" : "Principal";
    if (grant === Grant.None) {
      return { matched: false, failed: element, reason: `Principal ${request.principal} is not matched by ${element}.` };
    }
    principalMatch = GRANT_NAMES[grant] as Verdict["principalMatch"];
  }
  if (!statement.matchesResource(request.resource, req.lookup)) {
    const element = s.NotResource ? "NotResource" : "Resource";
    const why = s.NotResource ? "is excluded by" : "is not matched by";
    return { matched: false, failed: element, reason: `Resource ${request.resource} ${why} ${element} ${statement.written(element)}.` };
  }
  const failed = failedCondition(statement, req.lookup);
  if (failed >= 0) return conditionVerdict(statement.conditions[failed]!, req);
  const verb = statement.effect === "Deny" ? "denies" : "allows";
  return { matched: true, principalMatch, reason: `Matches: ${verb} ${request.action} on ${request.resource}.` };
}

// Built field by field rather than by spreading: explanations list every statement of every
// policy, and object spread is the slow way to make thousands of same-shaped objects.
function trace(policy: CompiledPolicy, type: PolicyType, level: number | undefined, statement: CompiledStatement, req: PreparedRequest): StatementTrace {
  const v = verdict(statement, type, req);
  const t: { -readonly [K in keyof StatementTrace]: StatementTrace[K] } = {
    policy: policy.name,
    policyType: type,
    statement: statement.label,
    index: statement.index,
    effect: statement.effect,
    matched: v.matched,
    reason: v.reason,
  };
  if (level !== undefined) {
    if (type === "rcp") t.rcpLevel = level;
    else t.scpLevel = level;
  }
  if (v.failed) t.failed = v.failed;
  if (v.condition) t.condition = v.condition;
  if (v.principalMatch) t.principalMatch = v.principalMatch;
  return t;
}

function summarize(req: PreparedRequest, set: PolicySet, reason: DecisionReason, decidedBy: StatementRef | undefined): string {
  const { action, resource, principal } = req.request;
  const what = `${action} on ${resource}`;
  switch (reason.code) {
    case "explicit-deny":
      return `Explicitly denied: ${describeRef(decidedBy!, req)} denies ${what}.`;
    case "allow":
      return `Allowed: ${describeRef(decidedBy!, req)} allows ${what}.`;
    case "account-root":
      return `Allowed: ${principal} is the account's root user, which has full access to its own account.`;
    case "scp-implicit-deny":
      return `Implicitly denied: no service control policy at level ${reason.level} allows ${what}.`;
    case "rcp-implicit-deny":
      return `Implicitly denied: no resource control policy at level ${reason.level} allows ${what}.`;
    case "trust-policy-no-allow":
      return set.resource
        ? `Implicitly denied: the role's trust policy does not allow ${principal} to ${action}, and a role's trust policy must allow the caller explicitly, even in the same account.`
        : `Implicitly denied: ${resource} has no trust policy here, and only principals a role's trust policy allows can ${action}.`;
    case "trust-account-no-identity-allow":
      return `Implicitly denied: the role's trust policy trusts ${principal}'s account, which leaves the decision to the account's identity-based policies, and none allows ${what}.`;
    case "root-cannot-assume-role":
      return `Implicitly denied: ${principal} is an account's root user, and roles may not be assumed by root users.`;
    case "federated-user-cannot-assume-role":
      return `Implicitly denied: ${principal} is a federated user session (GetFederationToken), which cannot call AWS STS operations except GetCallerIdentity.`;
    case "no-allow":
      return set.identity.length === 0 && !set.resource
        ? `Implicitly denied: ${principal} has no policies, so nothing allows ${what}.`
        : `Implicitly denied: no statement allows ${what} for ${principal}.`;
    case "boundary-implicit-deny":
      return `Implicitly denied: a policy allows ${what}, but the permissions boundary "${set.boundary!.name}" does not.`;
    case "session-implicit-deny":
      return set.session
        ? `Implicitly denied: the session policy "${set.session.name}" does not allow ${what}.`
        : `Implicitly denied: ${principal} is a federated user session without a session policy, so it has no permissions.`;
    case "cross-account-no-identity-allow":
      return `Implicitly denied: cross-account access needs an identity-based policy of ${principal}'s account to allow ${what}, and none does.`;
    case "cross-account-no-resource-allow":
      return `Implicitly denied: cross-account access needs the resource's policy (account ${req.resourceAccount}) to allow ${what} for ${principal}, and it does not.`;
  }
}

export function explain(req: PreparedRequest, set: PolicySet, reason: DecisionReason): Explanation {
  const statements: StatementTrace[] = [];
  // Every matching Deny shares the blame for an explicit deny; an allow names the statement that granted.
  const denies: StatementRef[] = [];
  for (const { policy, type, level } of policiesOf(set)) {
    for (const statement of policy.statements) {
      const t = trace(policy, type, level, statement, req);
      statements.push(t);
      if (reason.code === "explicit-deny" && t.matched && t.effect === "Deny") denies.push(ref(policy, type, level, statement));
    }
  }
  const by = "by" in reason ? ref(reason.by.policy, reason.by.type, reason.by.level, reason.by.statement) : undefined;
  const decidedBy: StatementRef[] = reason.code === "explicit-deny" ? denies : by ? [by] : [];
  return { summary: summarize(req, set, reason, by), reason: reason.code, decidedBy, statements };
}

/**
 * The explanation without the per-statement traces: the summary and the statements that decided.
 * An explicit deny is blamed on every matching Deny, as in the full explanation; only the
 * statements that name the action can match, so only those are looked at.
 */
export function explainDeciding(req: PreparedRequest, set: PolicySet, reason: DecisionReason): DecidingExplanation {
  const by = "by" in reason ? ref(reason.by.policy, reason.by.type, reason.by.level, reason.by.statement) : undefined;
  let decidedBy: StatementRef[] = by ? [by] : [];
  if (reason.code === "explicit-deny") {
    decidedBy = [];
    for (const c of candidatesFor(set, req.lowerAction).denies) {
      if (verdict(c.statement, c.type, req).matched) decidedBy.push(ref(c.policy, c.type, c.level, c.statement));
    }
  }
  return { summary: summarize(req, set, reason, by), reason: reason.code, decidedBy };
}

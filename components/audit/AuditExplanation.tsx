import type { AuditExplanation as Explanation, AuditStatement } from "@/lib/iam/audit/denialExplanation";

const POLICY_TYPES: Record<string, string> = {
  identity: "identity-based policy",
  boundary: "permissions boundary",
  session: "session policy",
  resource: "resource-based policy",
  scp: "service control policy",
  rcp: "resource control policy",
};

const REASONS: Record<string, string> = {
  "explicit-deny": "An explicit Deny statement applies, and a Deny always wins.",
  "no-allow": "No policy allows it: everything is denied unless a policy allows it.",
  "boundary-implicit-deny": "A policy allows it, but the permissions boundary does not.",
  "session-implicit-deny": "The session policy does not allow it.",
  "scp-implicit-deny": "A service control policy does not allow it.",
  "rcp-implicit-deny": "A resource control policy does not allow it.",
  "trust-policy-no-allow": "The role's trust policy does not allow this caller, and only a trust policy can let someone take on a role.",
  "trust-account-no-identity-allow": "The role trusts the caller's account, so the caller's own policies must allow it, and none does.",
  "root-cannot-assume-role": "The root user cannot assume roles.",
  "federated-user-cannot-assume-role": "A federated user session cannot assume roles.",
  "cross-account-no-identity-allow": "Cross-account access needs the caller's own policies to allow it too.",
  "cross-account-no-resource-allow": "Cross-account access needs the resource's policy to allow it.",
};

function Statements({ statements }: { statements: readonly AuditStatement[] }) {
  return (
    <ul className="flex flex-col gap-1.5">
      {statements.map((s) => (
        <li key={`${s.PolicyType}-${s.Policy}-${s.Statement}`} className="min-w-0">
          <span className="font-medium">{s.Effect}</span> statement <code className="font-mono text-xs font-semibold">{s.Statement}</code> in {POLICY_TYPES[s.PolicyType] ?? s.PolicyType}{" "}
          <code className="font-mono text-xs font-semibold wrap-anywhere">{s.Policy}</code>
          <span className="block text-slate-700 wrap-anywhere">{s.Reason}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Why the engine denied a request, as the audit log kept it: the summary, the deciding statements,
 * the near misses. `withSummary={false}` where the summary is already shown (the row's details line).
 */
export function AuditExplanation({ explanation, withSummary = true }: { explanation: Explanation; withSummary?: boolean }) {
  const workflow = explanation.StoppedWorkflow;
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm text-slate-900 sm:grid-cols-[10rem_minmax(0,1fr)]" data-testid="audit-explanation">
      {withSummary && (
        <>
          <dt className="font-medium text-slate-600">Why</dt>
          <dd className="wrap-anywhere" data-testid="audit-explanation-summary">
            {explanation.Summary}
          </dd>
        </>
      )}
      <dt className="font-medium text-slate-600">Reason</dt>
      <dd>
        {REASONS[explanation.Reason] ?? explanation.Reason} <code className="font-mono text-xs text-slate-600">({explanation.Reason})</code>
      </dd>
      {explanation.DecidedBy.length > 0 && (
        <>
          <dt className="font-medium text-slate-600">Decided by</dt>
          <dd data-testid="audit-explanation-decided-by">
            <Statements statements={explanation.DecidedBy} />
          </dd>
        </>
      )}
      {explanation.NearMisses.length > 0 && (
        <>
          <dt className="font-medium text-slate-600">Allow statements that did not apply</dt>
          <dd>
            <Statements statements={explanation.NearMisses} />
          </dd>
        </>
      )}
      {workflow && (
        <>
          <dt className="font-medium text-slate-600">Workflow</dt>
          <dd>
            {workflow.Workflow} stopped at its {workflow.Step} step and changed nothing.
          </dd>
        </>
      )}
      <dt className="font-medium text-slate-600">Statements weighed</dt>
      <dd>{explanation.StatementsEvaluated}</dd>
    </dl>
  );
}

import type { SimulationResult } from "@/lib/iam/policies/simulation";
import type { StatementRef } from "@/lib/policy";
import { DECISION_LABELS } from "./simulation";

const DECISION_STYLES: Record<SimulationResult["EvalDecision"], string> = {
  allowed: "border-green-300 bg-green-50 text-green-900",
  explicitDeny: "border-red-300 bg-red-50 text-red-900",
  implicitDeny: "border-amber-300 bg-amber-50 text-amber-900",
};

/** `statement "ReadOnly" (#2)`: the Sid when there is one, and always the position in the policy. */
function statementName(ref: StatementRef): string {
  return ref.statement.startsWith("#") ? `statement #${ref.index + 1}` : `statement "${ref.statement}" (#${ref.index + 1})`;
}

/**
 * The engine's answer for one action and resource: the decision, its explanation, the statement that
 * decided (policy name and version, Sid or position) and, on request, why every statement did or did
 * not match.
 */
export function SimulationResultView({ result }: { result: SimulationResult }) {
  const { Explanation: explanation } = result;
  return (
    <section aria-label="Simulation result" className={`flex flex-col gap-2 rounded-md border p-4 text-sm ${DECISION_STYLES[result.EvalDecision]}`}>
      <p className="text-base font-semibold" data-testid="simulate-decision" data-decision={result.EvalDecision}>
        {DECISION_LABELS[result.EvalDecision]}
      </p>
      <p className="text-xs">
        <code className="font-mono">{result.EvalActionName}</code> on <code className="font-mono break-all">{result.EvalResourceName}</code>
      </p>
      <p data-testid="simulate-explanation">{explanation.summary}</p>
      {explanation.decidedBy.length > 0 && (
        <div>
          <h3 className="font-semibold">Deciding statement{explanation.decidedBy.length > 1 ? "s" : ""}</h3>
          <ul className="list-disc pl-5" data-testid="simulate-deciding-statements">
            {explanation.decidedBy.map((ref) => (
              <li key={`${ref.policy}#${ref.index}`}>
                {ref.effect} {statementName(ref)} in <span className="font-medium">{ref.policy}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {explanation.statements.length > 0 && (
        <details className="rounded-md border border-current/20 bg-white/60 text-slate-900" data-testid="simulate-trace">
          <summary className="cursor-pointer rounded-md px-3 py-2 font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
            Every statement evaluated ({explanation.statements.length})
          </summary>
          <ol className="divide-y divide-slate-200 border-t border-slate-200">
            {explanation.statements.map((trace) => (
              <li key={`${trace.policy}#${trace.index}`} className="flex flex-col gap-0.5 px-3 py-2">
                <span className="flex flex-wrap items-center gap-2">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${trace.matched ? "bg-slate-800 text-white" : "bg-slate-200 text-slate-700"}`}>
                    {trace.matched ? "Matched" : "Did not match"}
                  </span>
                  <span>
                    {trace.effect} {statementName(trace)} in <span className="font-medium">{trace.policy}</span>
                  </span>
                </span>
                <span className="text-xs text-slate-700">{trace.reason}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

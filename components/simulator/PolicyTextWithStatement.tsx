import type { PolicyText, StatementView } from "./simulatorView";
import { statementSpan } from "./statementSpan";

/** A policy's text with the deciding statement marked, so the reader sees exactly which lines decided. */
export function PolicyTextWithStatement({ policy, statement }: { policy: PolicyText | undefined; statement: StatementView }) {
  if (!policy) {
    return <p className="text-sm text-slate-700">Statement of {statement.policyId}: its text is not part of this simulation.</p>;
  }
  const span = statementSpan(policy.text, statement.start, statement.end);
  const where = statement.start && statement.end ? `lines ${statement.start.Line}–${statement.end.Line}` : "position unknown";
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="text-xs font-medium text-slate-700">
        {policy.label} · deciding statement at {where}
      </figcaption>
      <pre className="max-h-80 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all text-slate-800" tabIndex={0} aria-label={`${policy.label} text`}>
        {span ? (
          <>
            {policy.text.slice(0, span.from)}
            <mark className="rounded-sm bg-amber-200 text-slate-900 ring-1 ring-amber-400" data-testid="deciding-statement">
              {policy.text.slice(span.from, span.to)}
            </mark>
            {policy.text.slice(span.to)}
          </>
        ) : (
          policy.text
        )}
      </pre>
    </figure>
  );
}

import { DataTable, type Column } from "@/components/table/DataTable";
import { DECISION_LABELS } from "@/components/users/simulation";
import { PolicyTextWithStatement } from "./PolicyTextWithStatement";
import type { PolicyText, ResultRow } from "./simulatorView";

const DECISION_STYLES: Record<ResultRow["decision"], string> = {
  allowed: "bg-green-100 text-green-900",
  explicitDeny: "bg-red-100 text-red-900",
  implicitDeny: "bg-amber-100 text-amber-900",
};

const rowId = (index: number) => `simulation-result-${index + 1}`;

/**
 * One row per action and resource: the decision, the layer that decided, the context keys it was
 * not given (flagged: the answer may change with them). Under the table, each row's deciding
 * statements, marked in their policy's text.
 */
export function SimulationResultsTable({ rows, texts }: { rows: readonly ResultRow[]; texts: readonly PolicyText[] }) {
  const byKey = new Map(texts.map((text) => [text.key, text]));
  const indexed = rows.map((row, index) => ({ ...row, index }));
  const columns: Column<(typeof indexed)[number]>[] = [
    { key: "action", header: "Action", render: (row) => <code className="font-mono text-xs">{row.action}</code> },
    { key: "resource", header: "Resource", render: (row) => <code className="font-mono text-xs break-all">{row.resource}</code>, className: "max-w-64" },
    {
      key: "decision",
      header: "Decision",
      render: (row) => (
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${DECISION_STYLES[row.decision]}`} data-testid="result-decision" data-decision={row.decision}>
          {DECISION_LABELS[row.decision]}
        </span>
      ),
    },
    {
      key: "layer",
      header: "Decided by",
      render: (row) => (
        <span className="flex flex-col gap-0.5">
          <span data-testid="result-layer">{row.layer}</span>
          {row.statements.length > 0 && (
            <a href={`#${rowId(row.index)}`} className="text-xs text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600">
              {row.statements.map((s) => byKey.get(s.key)?.label ?? s.policyId).join(", ")}: see the statement
            </a>
          )}
          {row.allowedByBoundary !== undefined && <span className="text-xs text-slate-600">{row.allowedByBoundary ? "The permissions boundary allows it." : "The permissions boundary does not allow it."}</span>}
        </span>
      ),
    },
    {
      key: "missing",
      header: "Context values not given",
      render: (row) =>
        row.missingContextValues.length === 0 ? (
          <span className="text-xs text-slate-500">None needed</span>
        ) : (
          <span className="flex flex-col gap-0.5 text-xs text-amber-900" data-testid="result-missing">
            <span className="font-medium">⚠ Decided without:</span>
            {row.missingContextValues.map((key) => (
              <code key={key} className="font-mono">
                {key}
              </code>
            ))}
          </span>
        ),
    },
  ];
  const decided = indexed.filter((row) => row.statements.length > 0);
  return (
    <div className="flex flex-col gap-4">
      <DataTable caption="Simulation results" columns={columns} rows={indexed} rowKey={(row) => String(row.index)} rowTestId={() => "simulation-result"} testId="simulation-results" />
      {decided.length > 0 && (
        <section aria-labelledby="deciding-statements-heading" className="flex flex-col gap-3">
          <h2 id="deciding-statements-heading" className="text-lg font-semibold text-slate-900">
            Deciding statements
          </h2>
          {decided.map((row) => (
            <details key={row.index} id={rowId(row.index)} open={row.decision !== "allowed"} className="rounded-md border border-slate-200 bg-white" data-testid="deciding-statement-panel">
              <summary className="cursor-pointer rounded-md px-3 py-2 text-sm font-medium text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
                <code className="font-mono">{row.action}</code> on <code className="font-mono break-all">{row.resource}</code>: {DECISION_LABELS[row.decision].toLowerCase()}
              </summary>
              <div className="flex flex-col gap-3 border-t border-slate-200 p-3">
                <p className="text-sm text-slate-700">{row.summary}</p>
                {row.statements.map((statement, i) => (
                  <PolicyTextWithStatement key={i} policy={byKey.get(statement.key)} statement={statement} />
                ))}
              </div>
            </details>
          ))}
        </section>
      )}
    </div>
  );
}

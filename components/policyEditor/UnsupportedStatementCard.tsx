import { buttonStyles } from "@/components/forms/buttonStyles";
import type { UnsupportedStatement } from "./visualModel";

/** A statement the visual editor cannot show: read-only JSON, kept exactly as written. */
export function UnsupportedStatementCard({ statement, index, onRemove }: { statement: UnsupportedStatement; index: number; onRemove?: () => void }) {
  const title = `Statement ${index + 1}`;
  return (
    // Focusable from a finding about it (tabIndex -1); its JSON below is where the fix goes.
    <section
      aria-label={title}
      tabIndex={-1}
      data-statement-index={index}
      className="flex flex-col gap-3 rounded-md border border-slate-300 bg-white p-4 shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      data-testid="policy-statement-unsupported"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="text-base font-semibold text-slate-900">{title}</h3>
        {onRemove && (
          <button type="button" className={buttonStyles.dangerOutline} onClick={onRemove} aria-label={`Remove statement ${index + 1}`}>
            Remove statement
          </button>
        )}
      </div>
      <p className="rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900" data-testid="policy-statement-unsupported-note">
        This statement uses {statement.feature}, which the visual editor cannot show; edit it in JSON. It is kept unchanged.
      </p>
      <pre
        tabIndex={0}
        aria-label={`${title} JSON`}
        className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        {JSON.stringify(statement.raw, null, 2)}
      </pre>
    </section>
  );
}

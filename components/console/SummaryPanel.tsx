import { CopyButton } from "./CopyButton";

export interface SummaryItem {
  readonly label: string;
  readonly value: React.ReactNode;
  readonly testId?: string;
  /** An ARN or ID people paste elsewhere: a Copy button beside it, named `copy.label` ("Copy ARN"). */
  readonly copy?: { readonly value: string; readonly label: string };
}

/** A "Summary" box of label/value pairs (ARN, Created, …); long values such as ARNs wrap anywhere. */
export function SummaryPanel({ title = "Summary", items, testId }: { title?: string; items: readonly SummaryItem[]; testId?: string }) {
  return (
    <section aria-label={title} className="rounded-md border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((item) => (
          <div key={item.label} className="min-w-0">
            <dt className="text-xs font-medium text-slate-500">{item.label}</dt>
            <dd className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-900">
              <span className="min-w-0 wrap-anywhere" data-testid={item.testId}>
                {item.value}
              </span>
              {item.copy && <CopyButton value={item.copy.value} label={item.copy.label} />}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** A "Summary" box of label/value pairs (ARN, Created, …); long values such as ARNs wrap anywhere. */
export function SummaryPanel({
  title = "Summary",
  items,
  testId,
}: {
  title?: string;
  items: readonly { label: string; value: React.ReactNode; testId?: string }[];
  testId?: string;
}) {
  return (
    <section aria-label={title} className="rounded-md border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((item) => (
          <div key={item.label} className="min-w-0">
            <dt className="text-xs font-medium text-slate-500">{item.label}</dt>
            <dd className="mt-0.5 text-sm wrap-anywhere text-slate-900" data-testid={item.testId}>
              {item.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

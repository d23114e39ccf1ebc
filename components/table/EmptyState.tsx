/** What a list says when there is nothing in it, with the action that would fill it. */
export function EmptyState({
  title,
  description,
  action,
  testId,
}: {
  title: string;
  description?: React.ReactNode;
  action?: React.ReactNode;
  testId?: string;
}) {
  return (
    <section
      aria-label={title}
      data-testid={testId}
      className="flex flex-col items-center gap-2 rounded-md border border-dashed border-slate-300 bg-white px-6 py-10 text-center"
    >
      <h2 className="text-base font-semibold text-slate-800">{title}</h2>
      {description && <p className="max-w-md text-sm text-slate-600">{description}</p>}
      {action && <div className="mt-2">{action}</div>}
    </section>
  );
}

/** What a list says when there is nothing in it, with the action that would fill it. */
export function EmptyState({
  title,
  description,
  action,
  level = 2,
  testId,
}: {
  title: string;
  description?: React.ReactNode;
  action?: React.ReactNode;
  /** The heading's level: 3 when the list is inside a section headed by an h2 (a panel). */
  level?: 2 | 3;
  testId?: string;
}) {
  const Heading = level === 3 ? "h3" : "h2";
  return (
    <section
      aria-label={title}
      data-testid={testId}
      className="flex flex-col items-center gap-2 rounded-md border border-dashed border-slate-300 bg-white px-6 py-10 text-center"
    >
      <Heading className="text-base font-semibold text-slate-800">{title}</Heading>
      {description && <p className="max-w-md text-sm text-slate-600">{description}</p>}
      {action && <div className="mt-2">{action}</div>}
    </section>
  );
}

/**
 * A page's title, a line on what it is for, and its main actions on the right, as AWS lays them out.
 * A `badge` ("AWS managed") sits beside the heading, not in it, so the heading is named by the title alone.
 */
export function PageHeader({
  title,
  badge,
  description,
  actions,
  breadcrumbs,
}: {
  title: React.ReactNode;
  badge?: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  breadcrumbs?: React.ReactNode;
}) {
  return (
    <header className="flex flex-col gap-1">
      {breadcrumbs}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          {badge ? (
            <div className="flex flex-wrap items-center gap-3">
              <h1 className="text-2xl font-semibold break-words text-slate-900">{title}</h1>
              {badge}
            </div>
          ) : (
            <h1 className="text-2xl font-semibold break-words text-slate-900">{title}</h1>
          )}
          {description && <p className="mt-1 max-w-3xl text-sm text-slate-600">{description}</p>}
        </div>
        {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
      </div>
    </header>
  );
}

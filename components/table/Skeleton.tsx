/** Grey bars in the shape of the page to come, shown by loading.tsx while the server reads. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

/** A list page's skeleton: title, filter, and a table of `rows` rows. */
export function ListPageSkeleton({ label, rows = 8, columns = 4 }: { label: string; rows?: number; columns?: number }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="flex flex-col gap-4" data-testid="loading">
      <span className="sr-only">{label}</span>
      <div className="flex items-center justify-between">
        <Skeleton className="h-7 w-48" />
        <Skeleton className="h-8 w-28" />
      </div>
      <Skeleton className="h-9 w-80" />
      <div className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-4">
        {Array.from({ length: rows }, (_, row) => (
          <div key={row} className="flex gap-4">
            {Array.from({ length: columns }, (_, column) => (
              <Skeleton key={column} className={`h-4 ${column === 0 ? "w-1/4" : "flex-1"}`} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

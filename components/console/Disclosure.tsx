/**
 * A native <details> styled as a button that opens a form in place ("Add permissions", "Add user to
 * groups"): keyboard operable and works before any JavaScript has loaded.
 */
export function Disclosure({ summary, children, testId }: { summary: string; children: React.ReactNode; testId?: string }) {
  return (
    <details className="group rounded-md border border-slate-200 bg-slate-50 open:bg-white" data-testid={testId}>
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-blue-800 select-none hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
        <span aria-hidden="true" className="transition-transform group-open:rotate-90">
          ▸
        </span>
        {summary}
      </summary>
      <div className="border-t border-slate-200 p-3">{children}</div>
    </details>
  );
}

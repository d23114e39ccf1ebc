import Link from "next/link";
import { buttonStyles } from "@/components/forms/buttonStyles";

const inputClass =
  "h-9 w-full rounded-md border border-slate-300 bg-white aria-invalid:border-red-600 px-2.5 py-1.5 text-sm font-normal shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600";
const labelClass = "flex min-w-0 flex-col gap-1 text-sm font-medium text-slate-800";

export interface AuditFilterFields {
  readonly action?: string;
  readonly principal?: string;
  readonly result?: string;
  readonly readOnly: boolean;
  readonly from?: string;
  readonly to?: string;
}

/**
 * The audit log's filters: a plain GET form, so a filtered view is a link and works without
 * JavaScript. Every label sits above its field on one line; times are typed as the table shows them
 * (UTC), not in the browser's locale, so "From" and "Event time" read the same.
 */
export function AuditFilters({ values, filtered, invalid }: { values: AuditFilterFields; filtered: boolean; invalid?: "from" | "to" }) {
  const hint = "audit-time-hint";
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter audit events" className="grid grid-cols-2 items-end gap-x-3 gap-y-3 lg:grid-cols-6" data-testid="audit-filters">
      <label className={`${labelClass} col-span-2 sm:col-span-1 lg:col-span-2`}>
        <span>Action contains</span>
        <input type="search" name="action" defaultValue={values.action} className={inputClass} data-testid="audit-action" />
      </label>
      <label className={`${labelClass} col-span-2 sm:col-span-1 lg:col-span-3`}>
        <span>Principal ARN</span>
        <input name="principal" defaultValue={values.principal} spellCheck={false} className={`${inputClass} font-mono`} data-testid="audit-principal" />
      </label>
      {/* Labelled by id, not wrapped: a select inside its label would be named "Result Any result". */}
      <div className={`${labelClass} col-span-2 sm:col-span-1 lg:col-span-1`}>
        <label htmlFor="audit-result">Result</label>
        <select id="audit-result" name="result" defaultValue={values.result ?? ""} className={inputClass} data-testid="audit-result">
          <option value="">Any result</option>
          <option value="Allowed">Allowed</option>
          <option value="Denied">Denied</option>
          <option value="Failed">Failed</option>
        </select>
      </div>
      <label className={`${labelClass} lg:col-span-2`}>
        <span>From (UTC)</span>
        <input name="from" defaultValue={values.from} aria-describedby={hint} aria-invalid={invalid === "from" || undefined} autoComplete="off" className={inputClass} data-testid="audit-from" />
      </label>
      <label className={`${labelClass} lg:col-span-2`}>
        <span>To (UTC)</span>
        <input name="to" defaultValue={values.to} aria-describedby={hint} aria-invalid={invalid === "to" || undefined} autoComplete="off" className={inputClass} data-testid="audit-to" />
      </label>
      <div className="col-span-2 flex flex-wrap items-center justify-between gap-x-3 gap-y-2 sm:col-span-1 lg:col-span-2">
        {/* As tall as the fields beside it, so the box lines up with them. */}
        <label className="flex h-9 items-center gap-2 text-sm font-medium text-slate-800">
          <input type="checkbox" name="readOnly" value="show" defaultChecked={values.readOnly} className="size-4 accent-blue-700" data-testid="audit-read-only" />
          Show read-only events
        </label>
        <div className="flex items-center gap-3">
          {filtered && (
            <Link href="/audit" className={`${buttonStyles.link} text-sm`}>
              Clear
            </Link>
          )}
          <button type="submit" className={buttonStyles.secondary}>
            Apply
          </button>
        </div>
      </div>
      <p id={hint} className="col-span-2 -mt-1 text-xs text-slate-600 lg:col-span-6">
        Times are UTC, written as the table shows them: 1 Dec 2026, 12:00:05 (seconds optional), or 2026-12-01 12:00. A date alone covers the whole day.
      </p>
    </form>
  );
}

import { FilterBox } from "@/components/table/FilterBox";
import type { SearchParams } from "@/components/table/queryHref";

const inputClass =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-normal shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600";

/** The audit log's filters: principal, action, result, read-only events, and a UTC time range. */
export function AuditFilters({ current, values }: { current: SearchParams; values: { principal?: string; result?: string; readOnly: boolean; from?: string; to?: string } }) {
  return (
    <FilterBox label="Action contains" name="action" current={current} childNames={["principal", "result", "readOnly", "from", "to"]} testId="audit-action">
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        Principal ARN
        <input name="principal" defaultValue={values.principal} className={`${inputClass} w-80 max-w-full`} data-testid="audit-principal" />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        Result
        <select name="result" defaultValue={values.result ?? ""} className={inputClass} data-testid="audit-result">
          <option value="">Any result</option>
          <option value="Allowed">Allowed</option>
          <option value="Denied">Denied</option>
          <option value="Failed">Failed</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        From (UTC)
        <input type="datetime-local" name="from" defaultValue={values.from} className={inputClass} data-testid="audit-from" />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        To (UTC)
        <input type="datetime-local" name="to" defaultValue={values.to} className={inputClass} data-testid="audit-to" />
      </label>
      <label className="flex items-center gap-2 self-center pt-5 text-sm font-medium text-slate-800">
        <input type="checkbox" name="readOnly" value="show" defaultChecked={values.readOnly} className="size-4 accent-blue-700" data-testid="audit-read-only" />
        Show read-only events
      </label>
    </FilterBox>
  );
}

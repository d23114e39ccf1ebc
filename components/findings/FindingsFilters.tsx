import type { UnusedFindingType } from "@/lib/iam/reports/unusedAccessFindings";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { FINDING_TYPE_LABELS } from "./findingLabels";

const FIELD =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-normal shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600";

/**
 * The findings' unused access age and type, as a plain GET form: it works from the keyboard and
 * without script, and the URL says what is shown. The status travels along as a hidden field.
 */
export function FindingsFilters({ days, type, status }: { days: number; type?: UnusedFindingType; status: string }) {
  return (
    <form method="get" role="search" aria-label="Filter findings" className="flex flex-wrap items-end gap-3" data-testid="findings-filters">
      {status !== "ACTIVE" && <input type="hidden" name="status" value={status} />}
      <div className="flex flex-col gap-1">
        <label htmlFor="findings-days" className="text-sm font-medium text-slate-800">
          Unused for at least (days)
        </label>
        <input id="findings-days" name="days" type="number" min={1} max={365} required defaultValue={days} className={`${FIELD} w-28`} data-testid="findings-days" />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="findings-type" className="text-sm font-medium text-slate-800">
          Finding type
        </label>
        <select id="findings-type" name="type" defaultValue={type ?? ""} className={FIELD} data-testid="findings-type">
          <option value="">All types</option>
          {Object.entries(FINDING_TYPE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonStyles.secondary}>
        Apply
      </button>
    </form>
  );
}

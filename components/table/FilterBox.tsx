import { buttonStyles } from "@/components/forms/buttonStyles";
import { RESET_PAGE, type SearchParams } from "./queryHref";

/**
 * A filter that is a plain GET form: it works without JavaScript, the result is linkable, and the
 * other view settings (sort, type filter) ride along as hidden inputs while the page position resets.
 */
export function FilterBox({
  label,
  name = "filter",
  current,
  testId,
  childNames = [],
  children,
}: {
  label: string;
  name?: string;
  current: SearchParams;
  testId?: string;
  /** The parameter names the extra controls own, so they are not also carried as hidden inputs. */
  childNames?: readonly string[];
  /** Extra filter controls (selects, checkboxes) submitted with the same form. */
  children?: React.ReactNode;
}) {
  const controlled = new Set([name, ...childNames, ...Object.keys(RESET_PAGE)]);
  const value = current[name];
  return (
    <form method="get" role="search" aria-label={label} className="flex flex-wrap items-end gap-2">
      {Object.entries(current).map(([key, v]) =>
        controlled.has(key) || v === undefined
          ? null
          : (Array.isArray(v) ? v : [v]).map((one, i) => <input key={`${key}-${i}`} type="hidden" name={key} value={one} />),
      )}
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        {label}
        <input
          type="search"
          name={name}
          defaultValue={Array.isArray(value) ? value[0] : value}
          data-testid={testId}
          className="w-72 max-w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-normal shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
        />
      </label>
      {children}
      <button type="submit" className={buttonStyles.secondary}>
        Apply
      </button>
    </form>
  );
}

"use client";

import { useId, useState } from "react";

export interface CheckboxListItem {
  readonly value: string;
  readonly label: string;
  readonly description?: string;
  readonly badge?: React.ReactNode;
  /** Already chosen elsewhere (the user is already in this group): shown, not selectable. */
  readonly disabled?: boolean;
  readonly disabledReason?: string;
}

/** A checkbox is named by its label alone; its badge, reason and description describe it. */
function describedBy(inputId: string, item: CheckboxListItem): string | undefined {
  const parts = [item.badge && `${inputId}-badge`, item.disabled && item.disabledReason && `${inputId}-reason`, item.description && `${inputId}-description`];
  return parts.filter(Boolean).join(" ") || undefined;
}

/**
 * A filterable list of checkboxes (groups to join, policies to attach). Every checkbox carries
 * `name`/`value`, so it submits with a plain form; the wizard instead controls `selected`.
 * Filtering only hides rows: hidden choices stay selected.
 */
export function CheckboxList({
  legend,
  name,
  items,
  selected: controlled,
  onChange,
  filterLabel,
  emptyText,
  testId,
}: {
  legend: string;
  name: string;
  items: readonly CheckboxListItem[];
  selected?: readonly string[];
  onChange?: (selected: string[]) => void;
  filterLabel: string;
  emptyText: string;
  testId?: string;
}) {
  const id = useId();
  const [own, setOwn] = useState<readonly string[]>([]);
  const [filter, setFilter] = useState("");
  const selected = controlled ?? own;
  const chosen = new Set(selected);
  const needle = filter.trim().toLowerCase();
  const visible = needle ? items.filter((item) => item.label.toLowerCase().includes(needle)) : items;
  const toggle = (value: string, on: boolean) => {
    const next = on ? [...selected, value] : selected.filter((other) => other !== value);
    setOwn(next);
    onChange?.(next);
  };
  return (
    <fieldset className="flex flex-col gap-2" data-testid={testId}>
      <legend className="text-sm font-medium text-slate-800">
        {legend} <span className="font-normal text-slate-600">({selected.length} selected)</span>
      </legend>
      <label htmlFor={`${id}-filter`} className="text-xs text-slate-600">
        {filterLabel}
      </label>
      <input
        id={`${id}-filter`}
        type="search"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        className="w-72 max-w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
      />
      <ul className="max-h-72 divide-y divide-slate-200 overflow-y-auto rounded-md border border-slate-200 bg-white">
        {visible.length === 0 && <li className="px-3 py-3 text-sm text-slate-600">{items.length === 0 ? emptyText : "Nothing matches the filter."}</li>}
        {visible.map((item) => (
          <li key={item.value} className="flex items-start gap-2 px-3 py-2">
            <input
              id={`${id}-${item.value}`}
              type="checkbox"
              name={name}
              value={item.value}
              checked={item.disabled ? true : chosen.has(item.value)}
              disabled={item.disabled}
              aria-describedby={describedBy(`${id}-${item.value}`, item)}
              onChange={(event) => toggle(item.value, event.target.checked)}
              className="mt-0.5 size-4 shrink-0 accent-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
            />
            <div className="min-w-0 flex-1 text-sm">
              <span className="flex flex-wrap items-center gap-2">
                <label htmlFor={`${id}-${item.value}`} className="font-medium wrap-anywhere text-slate-900">
                  {item.label}
                </label>
                {item.badge && <span id={`${id}-${item.value}-badge`}>{item.badge}</span>}
                {item.disabled && item.disabledReason && (
                  <span id={`${id}-${item.value}-reason`} className="text-xs text-slate-500">
                    {item.disabledReason}
                  </span>
                )}
              </span>
              {item.description && (
                <span id={`${id}-${item.value}-description`} className="block text-xs text-slate-600">
                  {item.description}
                </span>
              )}
            </div>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

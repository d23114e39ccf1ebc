"use client";

import { useId, useState } from "react";
import { Checkbox } from "@/components/forms/Checkbox";
import { groupActionsByAccessLevel } from "@/lib/catalog/accessLevels";
import type { ServiceCatalog } from "@/lib/catalog/catalogTypes";

/**
 * "Actions allowed/denied": every action of the service grouped by access level, with a filter
 * and an "All actions (service:*)" switch. Names are compared case-insensitively, as IAM does;
 * actions the catalog does not know stay listed so they can be unticked.
 */
export function ActionPicker({
  catalog,
  actions,
  onChange,
  disabled,
}: {
  catalog: ServiceCatalog;
  actions: readonly string[];
  onChange: (actions: string[]) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const [filter, setFilter] = useState("");
  const chosen = new Set(actions.map((a) => a.toLowerCase()));
  const all = chosen.has("*");
  const needle = filter.trim().toLowerCase();
  const known = new Set(catalog.actions.map((a) => a.name.toLowerCase()));
  const unknown = actions.filter((a) => a !== "*" && !known.has(a.toLowerCase()));
  const groups = groupActionsByAccessLevel(catalog.actions.filter((a) => !needle || a.name.toLowerCase().includes(needle)));
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...actions.filter((a) => a !== "*"), name] : actions.filter((a) => a.toLowerCase() !== name.toLowerCase()));

  return (
    <fieldset className="flex flex-col gap-2" data-testid="policy-actions" disabled={disabled}>
      <legend className="mb-1 text-sm font-medium text-slate-800">
        Actions <span className="font-normal text-slate-600">({all ? "all" : `${chosen.size} selected`})</span>
      </legend>
      <Checkbox
        label={`All ${catalog.key} actions (${catalog.key}:*)`}
        checked={all}
        onChange={(event) => onChange(event.target.checked ? ["*"] : [])}
        testId="policy-actions-all"
      />
      {!all && (
        <>
          <label htmlFor={`${id}-filter`} className="text-xs font-medium text-slate-800">
            Filter {catalog.key} actions
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            className="w-72 max-w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
          />
          {groups.length === 0 && <p className="text-sm text-slate-600">No {catalog.key} action matches the filter.</p>}
          {groups.map((group) => {
            const selected = group.actions.filter((a) => chosen.has(a.name.toLowerCase())).length;
            return (
              <details key={`${group.level}-${needle ? "filtered" : "all"}`} open={needle !== "" || undefined} className="rounded-md border border-slate-200">
                <summary className="cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600">
                  {group.level} <span className="font-normal text-slate-600">({selected} of {group.actions.length} selected)</span>
                </summary>
                <ul className="grid grid-cols-1 gap-x-4 gap-y-1.5 border-t border-slate-200 px-3 py-2 sm:grid-cols-2 lg:grid-cols-3">
                  {group.actions.map((action) => (
                    <li key={action.name} title={action.description} className="min-w-0 wrap-anywhere">
                      <Checkbox label={action.name} checked={chosen.has(action.name.toLowerCase())} onChange={(event) => toggle(action.name, event.target.checked)} />
                    </li>
                  ))}
                </ul>
              </details>
            );
          })}
          {unknown.length > 0 && (
            <div className="flex flex-col gap-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2">
              <p className="text-sm text-amber-900">Not in the {catalog.key} catalog:</p>
              {unknown.map((name) => (
                <Checkbox key={name} label={`${catalog.key}:${name}`} checked onChange={() => toggle(name, false)} />
              ))}
            </div>
          )}
        </>
      )}
    </fieldset>
  );
}

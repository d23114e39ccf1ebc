"use client";

import { useId } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import type { ContextRow } from "./simulatorQuery";
import type { ActionConditionKeys } from "./simulatorView";

/**
 * A value field for each context key the policies test, each selected action's own keys from the
 * catalog (one click adds a row for one), and rows for more keys (the catalog's keys of the selected
 * services are offered). A key the policies test left empty is not sent: the results flag it.
 */
export function ContextValuesEditor({
  policyKeys,
  actionKeys,
  catalogKeys,
  rows,
  onChange,
}: {
  policyKeys: readonly string[];
  actionKeys: readonly ActionConditionKeys[];
  catalogKeys: readonly string[];
  rows: readonly ContextRow[];
  onChange: (rows: ContextRow[]) => void;
}) {
  const id = useId();
  const lower = new Set(policyKeys.map((key) => key.toLowerCase()));
  const valueOf = (key: string) => rows.find((row) => row.key.toLowerCase() === key.toLowerCase())?.value ?? "";
  const setPolicyKey = (key: string, value: string) => {
    const others = rows.filter((row) => row.key.toLowerCase() !== key.toLowerCase());
    onChange(value === "" ? others : [...others, { key, value }]);
  };
  const extra = rows.map((row, index) => ({ row, index })).filter(({ row }) => !lower.has(row.key.toLowerCase()) || row.key === "");
  const setRow = (index: number, change: Partial<ContextRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset className="flex flex-col gap-3" data-testid="simulator-context">
      <legend className="mb-1 text-sm font-medium text-slate-800">Context keys</legend>
      {policyKeys.length === 0 ? (
        <p className="text-xs text-slate-600">The policies test no condition keys.</p>
      ) : (
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {policyKeys.map((key, index) => (
            <div key={key} className="flex flex-col gap-1">
              <label htmlFor={`${id}-key-${index}`} className="font-mono text-xs font-medium text-slate-800">
                {key}
              </label>
              <input
                id={`${id}-key-${index}`}
                value={valueOf(key)}
                onChange={(event) => setPolicyKey(key, event.target.value)}
                placeholder="No value: flagged in the results"
                data-testid="context-value"
                data-key={key}
                className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
              />
            </div>
          ))}
        </div>
      )}
      {actionKeys.length > 0 && (
        <div className="flex flex-col gap-1.5" data-testid="simulator-action-keys">
          <p className="text-xs text-slate-600">Keys the selected actions can be conditioned on (AWS&apos;s Service Authorization Reference):</p>
          <ul className="flex flex-col gap-1.5">
            {actionKeys.map(({ action, keys }) => (
              <li key={action} className="flex flex-wrap items-center gap-1.5 text-xs">
                <span className="font-mono font-medium text-slate-800">{action}</span>
                {keys.map((key) => {
                  const given = lower.has(key.toLowerCase()) || rows.some((row) => row.key.toLowerCase() === key.toLowerCase());
                  return (
                    <button
                      key={key}
                      type="button"
                      disabled={given}
                      title={given ? `${key} already has a field` : undefined}
                      onClick={() => onChange([...rows, { key, value: "" }])}
                      aria-label={given ? `${key} (already has a field)` : `Add a value for ${key}`}
                      className="rounded border border-slate-300 bg-white px-1.5 py-0.5 font-mono text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 disabled:cursor-default disabled:opacity-60"
                    >
                      {key}
                    </button>
                  );
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <datalist id={`${id}-catalog-keys`}>
        {catalogKeys.map((key) => (
          <option key={key} value={key} />
        ))}
      </datalist>
      {extra.map(({ row, index }) => (
        <div key={index} className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <div className="flex flex-1 flex-col gap-1">
            <label htmlFor={`${id}-extra-key-${index}`} className="text-xs font-medium text-slate-700">
              Key
            </label>
            <input id={`${id}-extra-key-${index}`} list={`${id}-catalog-keys`} value={row.key} onChange={(event) => setRow(index, { key: event.target.value })} placeholder="aws:SourceIp" className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600" />
          </div>
          <div className="flex flex-1 flex-col gap-1">
            <label htmlFor={`${id}-extra-value-${index}`} className="text-xs font-medium text-slate-700">
              Value
            </label>
            <input id={`${id}-extra-value-${index}`} value={row.value} onChange={(event) => setRow(index, { value: event.target.value })} className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600" />
          </div>
          <button type="button" className={buttonStyles.secondary} onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={`Remove context key ${row.key || index + 1}`}>
            Remove
          </button>
        </div>
      ))}
      <p className="text-xs text-slate-600">Give a key several values by adding it more than once.</p>
      <div>
        <button type="button" className={buttonStyles.secondary} onClick={() => onChange([...rows, { key: "", value: "" }])}>
          Add context key
        </button>
      </div>
    </fieldset>
  );
}

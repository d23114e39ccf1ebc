"use client";

import { useId } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { useServiceCatalog, useServiceList } from "@/components/policyEditor/useCatalog";
import { MAX_ACTION_ROWS, type ActionRow } from "./simulatorQuery";

/** The action catalog's names for what is typed: the services before a colon, that service's actions after it. */
function ActionField({ value, onChange, index }: { value: string; onChange: (value: string) => void; index: number }) {
  const id = useId();
  const colon = value.indexOf(":");
  const prefix = colon > 0 ? value.slice(0, colon).toLowerCase() : undefined;
  const services = useServiceList();
  const catalog = useServiceCatalog(prefix);
  const options =
    prefix === undefined
      ? services.state === "ready"
        ? services.value.map((service) => ({ value: `${service.key}:`, label: service.name }))
        : []
      : catalog?.state === "ready"
        ? catalog.value.actions.map((action) => ({ value: `${prefix}:${action.name}`, label: action.accessLevel }))
        : [];
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-700">
        Action {index + 1}
      </label>
      <input
        id={id}
        list={`${id}-catalog`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="iam:CreateUser"
        autoComplete="off"
        spellCheck={false}
        data-testid="simulator-action"
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
      />
      <datalist id={`${id}-catalog`}>
        {options.map((option) => (
          <option key={option.value} value={option.value} label={option.label} />
        ))}
      </datalist>
    </div>
  );
}

/** The actions to simulate, from the catalog, each with the resource ARN to simulate it on ("*" by default). */
export function ActionRowsEditor({ rows, onChange }: { rows: readonly ActionRow[]; onChange: (rows: ActionRow[]) => void }) {
  const id = useId();
  const set = (index: number, change: Partial<ActionRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset className="flex flex-col gap-3" data-testid="simulator-actions">
      <legend className="mb-1 text-sm font-medium text-slate-800">Actions and resources</legend>
      <p className="text-xs text-slate-600">Type a service prefix and a colon to choose from its actions. Each action is simulated on its resource; leave the resource empty for *.</p>
      {rows.map((row, index) => (
        <div key={index} className="flex flex-col gap-2 rounded-md border border-slate-200 bg-white p-2 sm:flex-row sm:items-end">
          <ActionField value={row.action} index={index} onChange={(action) => set(index, { action })} />
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <label htmlFor={`${id}-resource-${index}`} className="text-xs font-medium text-slate-700">
              Resource for action {index + 1}
            </label>
            <input
              id={`${id}-resource-${index}`}
              value={row.resource}
              onChange={(event) => set(index, { resource: event.target.value })}
              placeholder="*"
              spellCheck={false}
              data-testid="simulator-resource"
              className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
            />
          </div>
          <button type="button" className={buttonStyles.secondary} onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={`Remove action ${index + 1}`}>
            Remove
          </button>
        </div>
      ))}
      {rows.length < MAX_ACTION_ROWS && (
        <div>
          <button type="button" className={buttonStyles.secondary} onClick={() => onChange([...rows, { action: "", resource: "" }])} data-testid="simulator-add-action">
            Add action
          </button>
        </div>
      )}
    </fieldset>
  );
}

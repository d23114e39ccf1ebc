"use client";

import { useId } from "react";

export interface RadioOption<V extends string> {
  readonly value: V;
  readonly label: string;
  readonly description?: string;
}

/**
 * A fieldset of radio buttons: the legend labels the group, arrow keys move between options.
 * `cards` lays the options out as AWS's selection tiles (the create-role wizard's trusted entity
 * types): same inputs and keyboard, each option a bordered tile that shows when it is chosen.
 */
export function RadioGroup<V extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  layout = "list",
  testId,
}: {
  legend: string;
  name: string;
  options: readonly RadioOption<V>[];
  value: V;
  onChange: (value: V) => void;
  layout?: "list" | "cards";
  testId?: string;
}) {
  const id = useId();
  const cards = layout === "cards";
  return (
    <fieldset className={cards ? "grid grid-cols-1 gap-3 sm:grid-cols-3" : "flex flex-col gap-2"} data-testid={testId}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
      {options.map((option) => (
        <div
          key={option.value}
          className={
            cards
              ? "flex items-start gap-2 rounded-md border border-slate-300 bg-white p-3 has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50 has-[:checked]:ring-1 has-[:checked]:ring-blue-700"
              : "flex items-start gap-2"
          }
        >
          <input
            id={`${id}-${option.value}`}
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            className="mt-0.5 size-4 accent-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          />
          <label htmlFor={`${id}-${option.value}`} className="text-sm">
            <span className="font-medium text-slate-800">{option.label}</span>
            {option.description && <span className="block text-xs text-slate-600">{option.description}</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

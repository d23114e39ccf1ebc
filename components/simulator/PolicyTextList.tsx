"use client";

import { useId } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";

/** Policies pasted as JSON, one text area each, with add and remove; `labelOf` names each one. */
export function PolicyTextList({
  legend,
  values,
  onChange,
  labelOf,
  addLabel,
  max,
  testId,
}: {
  legend: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  labelOf: (index: number) => string;
  addLabel: string;
  max: number;
  testId: string;
}) {
  const id = useId();
  const set = (index: number, text: string) => onChange(values.map((value, i) => (i === index ? text : value)));
  return (
    <fieldset className="flex flex-col gap-3" data-testid={testId}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
      {values.map((value, index) => (
        <div key={index} className="flex flex-col gap-1">
          <div className="flex items-center justify-between gap-2">
            <label htmlFor={`${id}-${index}`} className="text-sm font-medium text-slate-800">
              {labelOf(index)}
            </label>
            <button type="button" className={buttonStyles.link + " text-xs"} onClick={() => onChange(values.filter((_, i) => i !== index))}>
              Remove {labelOf(index)}
            </button>
          </div>
          <textarea
            id={`${id}-${index}`}
            value={value}
            onChange={(event) => set(index, event.target.value)}
            rows={8}
            spellCheck={false}
            placeholder='{"Version": "2012-10-17", "Statement": [...]}'
            className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-xs shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
          />
        </div>
      ))}
      {values.length < max && (
        <div>
          <button type="button" className={buttonStyles.secondary} onClick={() => onChange([...values, ""])}>
            {addLabel}
          </button>
        </div>
      )}
    </fieldset>
  );
}

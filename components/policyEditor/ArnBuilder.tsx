"use client";

import { useId, useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { arnTemplateParts, buildArn } from "./arnTemplate";

/**
 * "Add ARN" for one resource type: a field per part of AWS's ARN format (Region, Account,
 * Path + user name, …), the resulting ARN shown as it is typed. An empty part means any (*).
 */
export function ArnBuilder({ resourceType, template, onAdd }: { resourceType: string; template: string; onAdd: (arn: string) => void }) {
  const id = useId();
  const parts = arnTemplateParts(template);
  const [values, setValues] = useState<Record<string, string>>({});
  const arn = buildArn(template, values);
  return (
    <div className="flex flex-col gap-2" data-testid="policy-arn-builder" data-resource-type={resourceType}>
      <p className="text-xs text-slate-600">
        Leave a part empty, or type <code>*</code>, to match any value; <code>*</code> and <code>?</code> also work inside a part.
      </p>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        {parts.map((part) => (
          <div key={part.name} className="flex flex-col gap-1">
            <label htmlFor={`${id}-${part.name}`} className="text-xs font-medium text-slate-800">
              {part.label}
            </label>
            <input
              id={`${id}-${part.name}`}
              value={values[part.name] ?? ""}
              onChange={(event) => setValues({ ...values, [part.name]: event.target.value })}
              autoComplete="off"
              spellCheck={false}
              className="rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
            />
          </div>
        ))}
      </div>
      <p className="text-xs text-slate-700">
        <span className="font-medium">ARN:</span>{" "}
        <output htmlFor={parts.map((part) => `${id}-${part.name}`).join(" ")} className="font-mono wrap-anywhere" data-testid="policy-arn-preview">
          {arn}
        </output>
      </p>
      <button
        type="button"
        className={`${buttonStyles.secondary} self-start`}
        onClick={() => {
          onAdd(arn);
          setValues({});
        }}
      >
        Add ARN
      </button>
    </div>
  );
}

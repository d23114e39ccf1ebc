"use client";

import { useId, useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import type { CatalogConditionKey } from "@/lib/catalog/catalogTypes";
import { defaultOperatorFor, VISUAL_CONDITION_OPERATORS } from "./conditionOperators";
import { nextModelId, type VisualCondition } from "./visualModel";

const INPUT =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600";

function splitValues(text: string): string[] {
  return text
    .split(",")
    .map((value) => value.trim())
    .filter((value) => value !== "");
}

function ConditionRow({
  condition,
  index,
  keysListId,
  keys,
  onChange,
  onRemove,
}: {
  condition: VisualCondition;
  index: number;
  keysListId: string;
  keys: readonly CatalogConditionKey[];
  onChange: (next: VisualCondition) => void;
  onRemove: () => void;
}) {
  const id = useId();
  // The values as typed: splitting on every keystroke would swallow a comma before the next value.
  const [valuesText, setValuesText] = useState(condition.values.join(", "));
  const operators = VISUAL_CONDITION_OPERATORS.includes(condition.operator) ? VISUAL_CONDITION_OPERATORS : [condition.operator, ...VISUAL_CONDITION_OPERATORS];
  return (
    <li className="grid grid-cols-1 items-end gap-2 rounded-md bg-slate-50 p-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,1.4fr)_minmax(0,2fr)_auto]" data-testid="policy-condition">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-key`} className="text-xs font-medium text-slate-800">
          Condition key {index + 1}
        </label>
        <input
          id={`${id}-key`}
          list={keysListId}
          value={condition.key}
          onChange={(event) => {
            const key = event.target.value;
            const known = keys.find((k) => k.key.toLowerCase() === key.toLowerCase());
            const operator = condition.key === "" && known ? defaultOperatorFor(known.type) : condition.operator;
            onChange({ ...condition, key, operator });
          }}
          spellCheck={false}
          autoComplete="off"
          className={`${INPUT} font-mono`}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-operator`} className="text-xs font-medium text-slate-800">
          Operator
        </label>
        <select id={`${id}-operator`} value={condition.operator} onChange={(event) => onChange({ ...condition, operator: event.target.value })} className={INPUT}>
          {operators.map((operator) => (
            <option key={operator}>{operator}</option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-values`} className="text-xs font-medium text-slate-800">
          Values (separate with commas)
        </label>
        <input
          id={`${id}-values`}
          value={valuesText}
          onChange={(event) => {
            setValuesText(event.target.value);
            onChange({ ...condition, values: splitValues(event.target.value) });
          }}
          spellCheck={false}
          autoComplete="off"
          className={`${INPUT} font-mono`}
        />
      </div>
      <button type="button" className={buttonStyles.dangerOutline} onClick={onRemove} aria-label={`Remove condition ${index + 1}`}>
        Remove
      </button>
    </li>
  );
}

/** "Request conditions": key (global and service keys offered), operator and values per row. */
export function ConditionsEditor({
  conditions,
  keys,
  onChange,
}: {
  conditions: readonly VisualCondition[];
  keys: readonly CatalogConditionKey[];
  onChange: (conditions: VisualCondition[]) => void;
}) {
  const keysListId = useId();
  return (
    <fieldset className="flex flex-col gap-2" data-testid="policy-conditions">
      <legend className="mb-1 text-sm font-medium text-slate-800">
        Request conditions <span className="font-normal text-slate-600">(optional; all must be true)</span>
      </legend>
      <datalist id={keysListId}>
        {keys.map((key) => (
          <option key={key.key} value={key.key}>
            {key.type}
          </option>
        ))}
      </datalist>
      {conditions.length > 0 && (
        <ul className="flex flex-col gap-2">
          {conditions.map((condition, index) => (
            <ConditionRow
              key={condition.id}
              condition={condition}
              index={index}
              keysListId={keysListId}
              keys={keys}
              onChange={(next) => onChange(conditions.map((c) => (c.id === condition.id ? next : c)))}
              onRemove={() => onChange(conditions.filter((c) => c.id !== condition.id))}
            />
          ))}
        </ul>
      )}
      <button
        type="button"
        className={`${buttonStyles.secondary} self-start`}
        onClick={() => onChange([...conditions, { id: nextModelId("condition"), operator: "StringEquals", key: "", values: [] }])}
      >
        Add condition
      </button>
    </fieldset>
  );
}

"use client";

import { useId } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { RadioGroup } from "@/components/forms/RadioGroup";
import { ActionPicker } from "./ActionPicker";
import { ConditionsEditor } from "./ConditionsEditor";
import { ResourceEditor } from "./ResourceEditor";
import { ServicePicker } from "./ServicePicker";
import { useServiceCatalog } from "./useCatalog";
import type { Effect, VisualStatement } from "./visualModel";

/** One statement in the visual editor: effect, service, actions, resources and conditions. */
export function StatementCard({
  statement,
  index,
  onChange,
  onRemove,
}: {
  statement: VisualStatement;
  index: number;
  onChange: (next: VisualStatement) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const catalog = useServiceCatalog(statement.service);
  const ready = catalog?.state === "ready" ? catalog.value : undefined;
  const title = `Statement ${index + 1}${statement.sid ? ` (${statement.sid})` : ""}`;
  return (
    // tabIndex -1: a finding about the statement as a whole moves the focus to its card.
    <section
      aria-label={title}
      tabIndex={-1}
      data-statement-index={index}
      className="flex flex-col gap-4 rounded-md border border-slate-300 bg-white p-4 shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      data-testid="policy-statement"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="text-base font-semibold text-slate-900">{title}</h3>
        <button type="button" className={buttonStyles.dangerOutline} onClick={onRemove} aria-label={`Remove statement ${index + 1}`}>
          Remove statement
        </button>
      </div>
      <div className="flex flex-wrap gap-x-8 gap-y-3">
        <div data-policy-field="Effect">
          <RadioGroup<Effect>
            legend="Effect"
            name={`${id}-effect`}
            value={statement.effect}
            onChange={(effect) => onChange({ ...statement, effect })}
            options={[
              { value: "Allow", label: "Allow" },
              { value: "Deny", label: "Deny" },
            ]}
          />
        </div>
        <div className="flex flex-col gap-1" data-policy-field="Sid">
          <label htmlFor={`${id}-sid`} className="text-sm font-medium text-slate-800">
            Statement ID (Sid, optional)
          </label>
          <input
            id={`${id}-sid`}
            value={statement.sid ?? ""}
            onChange={(event) => onChange({ ...statement, sid: event.target.value === "" ? undefined : event.target.value })}
            autoComplete="off"
            spellCheck={false}
            className="w-64 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
          />
        </div>
      </div>
      {/* The service and its actions are one element in JSON: "Action": "s3:GetObject". */}
      <div className="flex flex-col gap-4" data-policy-field="Action">
        <ServicePicker
          service={statement.service}
          onChange={(service) =>
            service !== statement.service &&
            onChange({ ...statement, service, actions: [], resources: statement.resources.includes("*") ? statement.resources : [] })
          }
        />
        {catalog?.state === "loading" && <p className="text-sm text-slate-600">Loading the {statement.service} catalog…</p>}
        {catalog?.state === "failed" && <p className="text-sm text-red-800">The {statement.service} catalog could not be loaded: {catalog.message}</p>}
        {ready && <ActionPicker catalog={ready} actions={statement.actions} onChange={(actions) => onChange({ ...statement, actions })} />}
      </div>
      {statement.service !== undefined && (
        <div data-policy-field="Resource">
          <ResourceEditor catalog={ready} actions={statement.actions} resources={statement.resources} onChange={(resources) => onChange({ ...statement, resources })} />
        </div>
      )}
      {statement.service !== undefined && (
        <div data-policy-field="Condition">
          <ConditionsEditor conditions={statement.conditions} keys={ready?.conditionKeys ?? []} onChange={(conditions) => onChange({ ...statement, conditions })} />
        </div>
      )}
    </section>
  );
}

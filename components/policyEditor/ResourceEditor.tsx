"use client";

import { useId, useState } from "react";
import { Disclosure } from "@/components/console/Disclosure";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { RadioGroup } from "@/components/forms/RadioGroup";
import type { CatalogResourceType, ServiceCatalog } from "@/lib/catalog/catalogTypes";
import { ArnBuilder } from "./ArnBuilder";
import { resourceTypeOfArn } from "./arnTemplate";

type Mode = "all" | "specific";

/** The resource types the chosen actions act on; every type of the service for `service:*`. */
export function resourceTypesFor(catalog: ServiceCatalog, actions: readonly string[]): CatalogResourceType[] {
  if (actions.includes("*")) return [...catalog.resourceTypes];
  const chosen = new Set(actions.map((a) => a.toLowerCase()));
  const needed = new Set(catalog.actions.filter((a) => chosen.has(a.name.toLowerCase())).flatMap((a) => a.resourceTypes.map((t) => t.name)));
  return catalog.resourceTypes.filter((type) => needed.has(type.key));
}

function ArnList({ arns, onRemove }: { arns: readonly string[]; onRemove: (arn: string) => void }) {
  if (arns.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1">
      {arns.map((arn) => (
        <li key={arn} className="flex items-center justify-between gap-2 rounded bg-slate-50 px-2 py-1" data-testid="policy-resource-arn">
          <code className="text-xs wrap-anywhere text-slate-800">{arn}</code>
          <button type="button" className={`${buttonStyles.link} text-xs`} onClick={() => onRemove(arn)} aria-label={`Remove ${arn}`}>
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}

/** "Resources": all resources, or specific ARNs per resource type, built or typed. */
export function ResourceEditor({
  catalog,
  actions,
  resources,
  onChange,
}: {
  catalog?: ServiceCatalog;
  actions: readonly string[];
  resources: readonly string[];
  onChange: (resources: string[]) => void;
}) {
  const id = useId();
  const [raw, setRaw] = useState("");
  const mode: Mode = resources.includes("*") ? "all" : "specific";
  const types = catalog ? resourceTypesFor(catalog, actions) : [];
  const add = (arn: string) => {
    const text = arn.trim();
    if (text && !resources.includes(text)) onChange([...resources, text]);
  };
  const addRaw = () => {
    add(raw);
    setRaw("");
  };
  const remove = (arn: string) => onChange(resources.filter((r) => r !== arn));
  const filed = new Map(resources.map((arn) => [arn, resourceTypeOfArn(arn, types)]));
  const other = resources.filter((arn) => filed.get(arn) === undefined);

  return (
    <div className="flex flex-col gap-3" data-testid="policy-resources">
      <RadioGroup<Mode>
        legend="Resources"
        name={`${id}-mode`}
        value={mode}
        onChange={(next) => onChange(next === "all" ? ["*"] : [])}
        options={[
          { value: "specific", label: "Specific", description: "Only the resources whose ARNs you list (least privilege)." },
          { value: "all", label: "All resources", description: 'Resource "*": every resource the actions can act on.' },
        ]}
      />
      {mode === "specific" && (
        <div className="flex flex-col gap-3 border-l-2 border-slate-200 pl-3">
          {catalog && actions.length > 0 && types.length === 0 && (
            <p className="text-sm text-slate-700">The selected actions do not support resource-level permissions; choose All resources for them.</p>
          )}
          {types.map((type) => (
            <section key={type.key} aria-label={`${type.key} resources`} className="flex flex-col gap-1.5">
              <h4 className="text-sm font-medium text-slate-800">
                {type.key} <code className="text-xs font-normal wrap-anywhere text-slate-500">{type.arn}</code>
              </h4>
              <ArnList arns={resources.filter((arn) => filed.get(arn) === type.key)} onRemove={remove} />
              <Disclosure summary={`Add ARN for ${type.key}`}>
                <ArnBuilder resourceType={type.key} template={type.arn} onAdd={add} />
              </Disclosure>
            </section>
          ))}
          {other.length > 0 && (
            <section aria-label="Other resources" className="flex flex-col gap-1.5">
              <h4 className="text-sm font-medium text-slate-800">Other ARNs</h4>
              <ArnList arns={other} onRemove={remove} />
            </section>
          )}
          {/* Not a <form>: the editor usually sits inside the page's form, and forms cannot nest. */}
          <div className="flex flex-wrap items-end gap-2">
            <div className="flex min-w-72 flex-1 flex-col gap-1">
              <label htmlFor={`${id}-raw`} className="text-xs font-medium text-slate-800">
                ARN (type it in full)
              </label>
              <input
                id={`${id}-raw`}
                value={raw}
                onChange={(event) => setRaw(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === "Enter") addRaw();
                }}
                spellCheck={false}
                autoComplete="off"
                data-testid="policy-raw-arn"
                className="rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
              />
            </div>
            <button type="button" className={buttonStyles.secondary} disabled={!raw.trim()} onClick={addRaw}>
              Add ARN
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

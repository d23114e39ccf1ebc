"use client";

import { useId, useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { plural } from "@/components/text/plural";
import { useServiceList } from "./useCatalog";

const SHOWN = 40;

/** "Service": the chosen AWS service, or a searchable list of every service in the catalog. */
export function ServicePicker({ service, onChange, disabled }: { service?: string; onChange: (service: string) => void; disabled?: boolean }) {
  const id = useId();
  const services = useServiceList();
  const [choosing, setChoosing] = useState(service === undefined);
  const [filter, setFilter] = useState("");
  const nameOf = (key: string) => (services.state === "ready" ? services.value.find((s) => s.key === key)?.name : undefined);

  if (!choosing && service !== undefined) {
    return (
      <div className="flex flex-wrap items-center gap-3" data-testid="policy-service">
        <p className="text-sm text-slate-800">
          <span className="font-medium">Service:</span> {nameOf(service) ?? service} <code className="text-xs text-slate-600">({service})</code>
        </p>
        {!disabled && (
          <button type="button" className={buttonStyles.link} onClick={() => setChoosing(true)}>
            Change service
          </button>
        )}
      </div>
    );
  }

  const needle = filter.trim().toLowerCase();
  const matches = services.state === "ready" ? services.value.filter((s) => !needle || s.key.includes(needle) || s.name.toLowerCase().includes(needle)) : [];
  return (
    <div className="flex flex-col gap-2" data-testid="policy-service-picker">
      <label htmlFor={`${id}-search`} className="text-sm font-medium text-slate-800">
        Choose a service
      </label>
      <input
        id={`${id}-search`}
        type="search"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        aria-describedby={`${id}-count`}
        className="w-80 max-w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
      />
      <p id={`${id}-count`} className="text-xs text-slate-600" aria-live="polite">
        {services.state === "loading" && "Loading services…"}
        {services.state === "failed" && `The service list could not be loaded: ${services.message}`}
        {services.state === "ready" &&
          (matches.length > SHOWN ? `${matches.length} services match; showing the first ${SHOWN}. Type to narrow the list.` : `${plural(matches.length, "service matches", "services match")}.`)}
      </p>
      <ul className="grid max-h-64 grid-cols-1 gap-1 overflow-y-auto rounded-md border border-slate-200 bg-white p-1 sm:grid-cols-2" aria-label="Services">
        {matches.slice(0, SHOWN).map((s) => (
          <li key={s.key}>
            <button
              type="button"
              onClick={() => {
                onChange(s.key);
                setChoosing(false);
                setFilter("");
              }}
              className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600"
            >
              <span className="font-medium text-slate-900">{s.key}</span> <span className="text-slate-600">{s.name}</span>
            </button>
          </li>
        ))}
      </ul>
      {service !== undefined && (
        <button type="button" className={`${buttonStyles.link} self-start text-sm`} onClick={() => setChoosing(false)}>
          Keep {service}
        </button>
      )}
    </div>
  );
}

"use client";

import { useId, useState } from "react";
import { useServiceCatalog, useServiceList } from "@/components/policyEditor/useCatalog";

/**
 * The action to ask about, picked from AWS's catalog as it is typed: first the services (iam:,
 * s3:…), then, once a prefix is typed, that service's actions. A plain input inside a GET form, so
 * the question works without JavaScript and its URL can be shared.
 */
export function ActionNameField({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  const id = useId();
  const [value, setValue] = useState(defaultValue ?? "");
  const prefix = value.includes(":") ? value.slice(0, value.indexOf(":")).toLowerCase() : undefined;
  const services = useServiceList();
  const catalog = useServiceCatalog(prefix && /^[a-z0-9-]+$/.test(prefix) ? prefix : undefined);
  const options =
    catalog?.state === "ready"
      ? catalog.value.actions.map((a) => ({ value: `${catalog.value.key}:${a.name}`, label: a.accessLevel }))
      : services.state === "ready"
        ? services.value.map((s) => ({ value: `${s.key}:`, label: s.name }))
        : [];
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        Action
      </label>
      <input
        id={id}
        name="action"
        list={`${id}-options`}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        required
        autoComplete="off"
        spellCheck={false}
        placeholder="iam:DeleteUser"
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
        aria-invalid={error ? true : undefined}
        data-testid="who-can-action"
        className={`w-80 max-w-full rounded-md border bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 ${error ? "border-red-500" : "border-slate-300"}`}
      />
      <datalist id={`${id}-options`}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </datalist>
      <p id={`${id}-help`} className="text-xs text-slate-600">
        One action, service prefix first: type <code>iam:</code> to choose among IAM&apos;s actions.
      </p>
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

"use client";

import type { SimulatedPolicy } from "@/lib/iam/policies/contextKeys";

/** The principal's policies, each with a switch: a policy switched off is left out of the simulation. */
export function PolicySwitches({ policies, labels, off, onToggle }: { policies: readonly SimulatedPolicy[]; labels: ReadonlyMap<string, string>; off: readonly string[]; onToggle: (key: string, on: boolean) => void }) {
  if (policies.length === 0) {
    return <p className="text-sm text-slate-600">This principal has no policies: every action is implicitly denied unless a policy below grants it.</p>;
  }
  return (
    <fieldset className="flex flex-col gap-2" data-testid="simulator-policies">
      <legend className="mb-1 text-sm font-medium text-slate-800">Policies in the simulation</legend>
      <ul className="flex flex-col divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
        {policies.map((policy) => {
          const on = !off.includes(policy.Key);
          const switchId = `policy-switch-${policy.Key}`;
          return (
            <li key={policy.Key} className="flex items-center justify-between gap-3 px-3 py-2">
              <label htmlFor={switchId} className="min-w-0 text-sm">
                <span className={`block font-medium break-words ${on ? "text-slate-900" : "text-slate-500 line-through"}`}>{labels.get(policy.Key) ?? policy.PolicyName}</span>
                {policy.PolicyArn && <span className="block font-mono text-xs break-all text-slate-600">{policy.PolicyArn}</span>}
              </label>
              <span className="flex shrink-0 items-center gap-2 text-xs text-slate-700">
                <input
                  id={switchId}
                  type="checkbox"
                  role="switch"
                  checked={on}
                  onChange={(event) => onToggle(policy.Key, event.target.checked)}
                  data-testid="policy-switch"
                  data-policy={policy.PolicyName}
                  className="size-4 accent-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
                />
                <span aria-hidden="true">{on ? "On" : "Off"}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

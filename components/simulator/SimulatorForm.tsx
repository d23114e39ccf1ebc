"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { SimulatedPolicy } from "@/lib/iam/policies/contextKeys";
import { Checkbox } from "@/components/forms/Checkbox";
import { RadioGroup } from "@/components/forms/RadioGroup";
import { TextField } from "@/components/forms/TextField";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { isDenied, type ControlPermission } from "@/components/permissions/controlPermission";
import { PermissionNote } from "@/components/permissions/PermissionNote";
import { ActionRowsEditor } from "./ActionRowsEditor";
import { ContextValuesEditor } from "./ContextValuesEditor";
import { PolicySwitches } from "./PolicySwitches";
import { PolicyTextList } from "./PolicyTextList";
import { PrincipalPicker } from "./PrincipalPicker";
import type { PrincipalOption } from "./principalOption";
import { MAX_SCP_LEVELS, simulatorHref, type SimulatorInputs, type SimulatorMode } from "./simulatorQuery";
import type { ActionConditionKeys } from "./simulatorView";

const MODES = [
  { value: "principal", label: "Existing principal", description: "A user, group or role of this account, with each of its policies on or off." },
  { value: "custom", label: "New policies", description: "Policies pasted into a sandbox, for no principal of the account." },
] as const;

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <section aria-label={title} className="flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-3">
    <h2 className="text-base font-semibold text-slate-900">{title}</h2>
    {children}
  </section>
);

/**
 * Every input of a simulation. Running it (or switching a policy) puts the inputs in the URL, and
 * the page simulates what the URL says: a reload or a shared link gives the same answer. Until then
 * the inputs live here, so nothing typed is lost.
 */
export function SimulatorForm({
  initial,
  policies,
  policyLabels,
  contextKeys,
  actionKeys,
  catalogKeys,
  runPermissions,
  search,
}: {
  initial: SimulatorInputs;
  policies?: readonly SimulatedPolicy[];
  policyLabels: ReadonlyMap<string, string>;
  contextKeys: readonly string[];
  actionKeys: readonly ActionConditionKeys[];
  catalogKeys: readonly string[];
  runPermissions: Readonly<Record<SimulatorMode, ControlPermission>>;
  search: (text: string) => Promise<PrincipalOption[]>;
}) {
  const router = useRouter();
  const noteId = useId();
  const [inputs, setInputs] = useState<SimulatorInputs>(initial.actions.length > 0 ? initial : { ...initial, actions: [{ action: "", resource: "" }] });
  const [pending, startTransition] = useTransition();
  const update = (change: Partial<SimulatorInputs>) => setInputs((current) => ({ ...current, ...change }));
  const run = (next: SimulatorInputs) => startTransition(() => router.push(simulatorHref(next), { scroll: false }));
  const permission = runPermissions[inputs.mode];
  const principalChosen = inputs.mode === "principal" && inputs.principal !== "" && inputs.principal === initial.principal;
  return (
    <form
      className="flex flex-col gap-4"
      aria-label="Simulation inputs"
      onSubmit={(event) => {
        event.preventDefault();
        if (!isDenied(permission)) run(inputs);
      }}
    >
      <RadioGroup legend="Simulate" name="mode" options={MODES} value={inputs.mode} onChange={(mode: SimulatorMode) => update({ mode })} layout="cards" testId="simulator-mode" />
      {inputs.mode === "principal" ? (
        <Section title="Principal">
          <PrincipalPicker value={inputs.principal} onChange={(principal) => update({ principal, off: [] })} search={search} />
          {!principalChosen && inputs.principal !== "" && <p className="text-xs text-slate-600">Run the simulation to list this principal&apos;s policies, each with a switch.</p>}
          {principalChosen && policies && (
            <PolicySwitches
              policies={policies}
              labels={policyLabels}
              off={inputs.off}
              onToggle={(key, on) => {
                const next = { ...inputs, off: on ? inputs.off.filter((k) => k !== key) : [...inputs.off, key] };
                setInputs(next);
                // A switch re-runs the simulation at once, so its effect shows beside it.
                if (next.actions.some((row) => row.action.trim()) && !isDenied(permission)) run(next);
              }}
            />
          )}
          <Checkbox label="Signed in with MFA" description="Sets aws:MultiFactorAuthPresent for the simulated requests." checked={inputs.mfa} onChange={(event) => update({ mfa: event.target.checked })} />
        </Section>
      ) : (
        <Section title="Policies">
          <PolicyTextList
            legend="Identity-based policies"
            values={inputs.policies.length > 0 ? inputs.policies : [""]}
            onChange={(policies) => update({ policies })}
            labelOf={(i) => `Identity policy ${i + 1}`}
            addLabel="Add policy"
            max={10}
            testId="simulator-custom-policies"
          />
          <PolicyTextList
            legend="Permissions boundary (optional)"
            values={inputs.boundary ? [inputs.boundary] : []}
            onChange={([boundary]) => update({ boundary: boundary ?? "" })}
            labelOf={() => "Permissions boundary"}
            addLabel="Add permissions boundary"
            max={1}
            testId="simulator-boundary"
          />
        </Section>
      )}
      <Section title="Actions">
        <ActionRowsEditor rows={inputs.actions} onChange={(actions) => update({ actions })} />
      </Section>
      <Section title="Resource policy and organization">
        <PolicyTextList
          legend="Resource-based policy (optional)"
          values={inputs.resourcePolicy ? [inputs.resourcePolicy] : []}
          onChange={([resourcePolicy]) => update({ resourcePolicy: resourcePolicy ?? "" })}
          labelOf={() => "Resource-based policy"}
          addLabel="Add resource-based policy"
          max={1}
          testId="simulator-resource-policy"
        />
        {inputs.resourcePolicy && (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <TextField
              label="Caller ARN"
              value={inputs.callerArn}
              onChange={(event) => update({ callerArn: event.target.value.trim() })}
              placeholder="arn:aws:iam::123456789012:user/alice"
              description="The caller the policy's Principal is matched against. Required for a group, a role or new policies; a user is its own caller."
            />
            <TextField label="Resource owner (optional)" value={inputs.resourceOwner} onChange={(event) => update({ resourceOwner: event.target.value.trim() })} placeholder="arn:aws:iam::123456789012:root" description="The account that owns the resource; this account when empty." />
          </div>
        )}
        <PolicyTextList
          legend="Service control policies, one per level (optional)"
          values={inputs.scps}
          onChange={(scps) => update({ scps })}
          labelOf={(i) => `SCP level ${i + 1}${i === 0 ? " (organization root)" : ""}`}
          addLabel="Add SCP level"
          max={MAX_SCP_LEVELS}
          testId="simulator-scps"
        />
      </Section>
      <Section title="Context">
        <ContextValuesEditor policyKeys={contextKeys} actionKeys={actionKeys} catalogKeys={catalogKeys} rows={inputs.context} onChange={(context) => update({ context })} />
      </Section>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={pending || isDenied(permission)} aria-describedby={isDenied(permission) ? noteId : undefined} data-testid="simulator-run">
          {pending ? "Simulating…" : "Run simulation"}
        </button>
        <p className="text-xs text-slate-600" aria-live="polite">
          {pending ? "Simulating with these inputs." : "The link of this page reproduces the simulation."}
        </p>
        <PermissionNote id={noteId} permission={permission} className="w-full" />
      </div>
    </form>
  );
}

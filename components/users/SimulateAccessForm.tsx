"use client";

import { startTransition, useActionState, useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { Checkbox } from "@/components/forms/Checkbox";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { TextField } from "@/components/forms/TextField";
import { Panel } from "@/components/console/Panel";
import type { ContextRowDraft, SimulationRequest, SimulationState } from "./simulation";
import { SimulationResultView } from "./SimulationResultView";

type SimulateAction = (previous: SimulationState, request: SimulationRequest) => Promise<SimulationState>;

/**
 * "Can this user…?": asks the policy engine, through SimulatePrincipalPolicy, what it would decide
 * if this user made the request, with the user's real policies and tags and the MFA state and
 * context keys chosen here.
 */
export function SimulateAccessForm({
  owner = "user",
  userName,
  simulate,
}: {
  /** Who is simulated: a user, or a session of a role (`userName` is then the role's name). */
  owner?: "user" | "role";
  userName: string;
  simulate: SimulateAction;
}) {
  const [action, setAction] = useState("");
  const [resource, setResource] = useState("*");
  const [mfaPresent, setMfaPresent] = useState(false);
  const [rows, setRows] = useState<ContextRowDraft[]>([]);
  const [state, dispatch, pending] = useActionState(simulate, {});
  const nextId = () => rows.reduce((max, row) => Math.max(max, row.id), 0) + 1;
  const update = (id: number, change: Partial<ContextRowDraft>) => setRows(rows.map((row) => (row.id === id ? { ...row, ...change } : row)));

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(() => dispatch({ action, resource, mfaPresent, context: rows.map(({ key, value }) => ({ key, value })) }));
  };

  return (
    <Panel
      title={`Can ${userName}…?`}
      description={
        owner === "user"
          ? "Ask the policy engine whether this user may perform an action on a resource, decided with the user's policies, groups and tags."
          : "Ask the policy engine whether a session of this role may perform an action on a resource, decided with the role's policies, permissions boundary and tags (without session policies)."
      }
    >
      <form onSubmit={submit} className="flex flex-col gap-4" aria-label={`Simulate a request by ${userName}`} data-testid="simulate-form">
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            label="Action"
            value={action}
            onChange={(event) => setAction(event.target.value)}
            description="Service prefix and action name, such as iam:CreateUser or s3:GetObject."
            autoComplete="off"
            required
            testId="simulate-action"
          />
          <TextField
            label="Resource ARN"
            value={resource}
            onChange={(event) => setResource(event.target.value)}
            description="* for any resource, or an ARN such as arn:aws:iam::123456789012:user/alice."
            autoComplete="off"
            testId="simulate-resource"
          />
        </div>
        <Checkbox
          checked={mfaPresent}
          onChange={(event) => setMfaPresent(event.target.checked)}
          label="MFA present"
          description={`Decide as if the ${owner === "user" ? "user signed in" : "session was created"} with multi-factor authentication (aws:MultiFactorAuthPresent = true).`}
          testId="simulate-mfa"
        />
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium text-slate-800">Context keys (optional)</legend>
          <p className="text-xs text-slate-600">Values for condition keys such as aws:SourceIp. Add the same key twice for a key with several values.</p>
          {rows.map((row, index) => (
            <div key={row.id} className="grid grid-cols-1 items-end gap-2 sm:grid-cols-[1fr_1fr_auto]">
              <TextField label={`Key ${index + 1}`} value={row.key} onChange={(event) => update(row.id, { key: event.target.value })} autoComplete="off" />
              <TextField label={`Value ${index + 1}`} value={row.value} onChange={(event) => update(row.id, { value: event.target.value })} autoComplete="off" />
              <button type="button" className={buttonStyles.secondary} onClick={() => setRows(rows.filter((other) => other.id !== row.id))} aria-label={`Remove context key ${row.key || index + 1}`}>
                Remove
              </button>
            </div>
          ))}
          <div>
            <button type="button" className={buttonStyles.secondary} onClick={() => setRows([...rows, { id: nextId(), key: "", value: "" }])} data-testid="simulate-add-context">
              Add context key
            </button>
          </div>
        </fieldset>
        <div>
          <button type="submit" className={buttonStyles.primary} disabled={pending || action.trim() === ""} data-testid="simulate-submit">
            {pending ? "Simulating…" : "Simulate"}
          </button>
        </div>
        <ErrorRegion error={state.error} testId="simulate-error" />
        <div role="status" aria-live="polite">
          {state.result && <SimulationResultView result={state.result} />}
        </div>
      </form>
    </Panel>
  );
}

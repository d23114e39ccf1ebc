"use client";

import { startTransition, useActionState, useState } from "react";
import type { PolicyContainer } from "@/lib/policy";
import { PolicyEditor } from "@/components/policyEditor/PolicyEditor";
import { PolicySaveBar } from "./PolicySaveBar";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { TextField } from "@/components/forms/TextField";
import type { ActionState } from "@/components/forms/actionState";
import { Panel } from "@/components/console/Panel";
import { POLICY_NAME_HELP, policyNameError, type InlinePolicyDraft } from "./policyDraft";

type SaveInlinePolicyAction = (previous: ActionState, draft: InlinePolicyDraft) => Promise<ActionState>;

/**
 * Create or edit an inline policy of one user, group or role: the same editors as managed policies,
 * with the container's size quota (user 2,048, group 5,120, role 10,240 characters without white
 * space). An existing inline policy keeps its name, as in AWS (Put*Policy replaces the document).
 */
export function InlinePolicyForm({
  ownerLabel,
  container,
  existingName,
  initialDocument,
  cancelHref,
  save,
}: {
  /** "user alice", "group Developers" or "role Deployer", for the labels. */
  ownerLabel: string;
  container: Extract<PolicyContainer, "user-inline" | "group-inline" | "role-inline">;
  existingName?: string;
  initialDocument: string;
  cancelHref: string;
  save: SaveInlinePolicyAction;
}) {
  const [document, setDocument] = useState(initialDocument);
  const [documentHasErrors, setDocumentHasErrors] = useState(false);
  const [policyName, setPolicyName] = useState(existingName ?? "");
  const [touched, setTouched] = useState(false);
  const [state, dispatch, pending] = useActionState(save, {});
  const nameError = touched && existingName === undefined ? policyNameError(policyName) : undefined;

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouched(true);
    if (documentHasErrors || policyNameError(policyName)) return;
    startTransition(() => dispatch({ policyName, document }));
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-5" aria-label={existingName ? `Edit inline policy ${existingName}` : "Create inline policy"} data-testid="inline-policy-form" noValidate>
      <Panel title="Specify permissions" description={`An inline policy is embedded in ${ownerLabel} and is deleted with it.`}>
        <PolicyEditor value={document} onChange={setDocument} kind="identity" container={container} onHasErrorsChange={setDocumentHasErrors} />
      </Panel>
      <Panel title="Policy details">
        <div className="max-w-2xl">
          {existingName === undefined ? (
            <TextField
              label="Policy name"
              name="policyName"
              value={policyName}
              onChange={(event) => setPolicyName(event.target.value)}
              onBlur={() => setTouched(true)}
              description={`${POLICY_NAME_HELP.replace("in the account", `among the inline policies of ${ownerLabel}`)}`}
              error={nameError}
              autoComplete="off"
              maxLength={128}
              testId="inline-policy-name"
            />
          ) : (
            <TextField label="Policy name" value={existingName} readOnly description="An inline policy's name cannot be changed." testId="inline-policy-name" />
          )}
        </div>
      </Panel>
      <PolicySaveBar
        id="inline-policy"
        documentHasErrors={documentHasErrors}
        pending={pending}
        cancelHref={cancelHref}
        label={existingName ? "Save changes" : "Create policy"}
        pendingLabel="Saving…"
        testId="save-inline-policy"
      />
      <ErrorRegion error={state.error} testId="inline-policy-error" />
    </form>
  );
}

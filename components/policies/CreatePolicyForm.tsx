"use client";

import { startTransition, useActionState, useState } from "react";
import { PolicyEditor } from "@/components/policyEditor/PolicyEditor";
import { PolicySaveBar } from "./PolicySaveBar";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { TextField } from "@/components/forms/TextField";
import type { ActionState } from "@/components/forms/actionState";
import { Panel } from "@/components/console/Panel";
import { TagRowsEditor } from "@/components/users/TagRowsEditor";
import type { TagDraft } from "@/components/users/wizard/draft";
import { MAX_DESCRIPTION, POLICY_NAME_HELP, STARTER_POLICY, policyNameError, policyPathError, type CreatePolicyDraft } from "./policyDraft";

type CreatePolicyAction = (previous: ActionState, draft: CreatePolicyDraft) => Promise<ActionState>;

/**
 * Create a customer managed policy: the document first (Visual or JSON editor), then its name, path,
 * description and tags. Only error-severity findings block "Create policy"; warnings and suggestions
 * are advice. Everything stays in the browser's state, so a refusal from the server loses nothing.
 */
export function CreatePolicyForm({ create }: { create: CreatePolicyAction }) {
  const [document, setDocument] = useState(STARTER_POLICY);
  const [documentHasErrors, setDocumentHasErrors] = useState(false);
  const [policyName, setPolicyName] = useState("");
  const [path, setPath] = useState("/");
  const [description, setDescription] = useState("");
  const [tags, setTags] = useState<TagDraft[]>([]);
  const [touched, setTouched] = useState(false);
  const [state, dispatch, pending] = useActionState(create, {});

  const nameError = touched ? policyNameError(policyName) : undefined;
  const pathError = touched ? policyPathError(path) : undefined;
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouched(true);
    if (documentHasErrors || policyNameError(policyName) || policyPathError(path)) return;
    const draft: CreatePolicyDraft = { policyName, path, description, document, tags: tags.map(({ key, value }) => ({ key, value })) };
    startTransition(() => dispatch(draft));
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-5" aria-label="Create policy" data-testid="create-policy-form" noValidate>
      <Panel title="Specify permissions" description="Add permissions by selecting services, actions, resources and conditions, or write the policy in JSON.">
        <PolicyEditor value={document} onChange={setDocument} kind="identity" container="managed" onHasErrorsChange={setDocumentHasErrors} />
      </Panel>
      <Panel title="Policy details">
        <div className="grid max-w-2xl gap-4">
          <TextField
            label="Policy name"
            name="policyName"
            value={policyName}
            onChange={(event) => setPolicyName(event.target.value)}
            onBlur={() => setTouched(true)}
            description={POLICY_NAME_HELP}
            error={nameError}
            autoComplete="off"
            required
            maxLength={128}
            testId="policy-name"
          />
          <TextField
            label="Path (optional)"
            name="path"
            value={path}
            onChange={(event) => setPath(event.target.value)}
            description="Organizes policies, as /engineering/ does: part of the ARN, arn:aws:iam::account:policy/path/name."
            error={pathError}
            autoComplete="off"
            testId="policy-path"
          />
          <DescriptionField value={description} onChange={setDescription} />
        </div>
      </Panel>
      <Panel title="Add tags (optional)" description="Tags are key/value pairs you can use to organize, track or control access to this policy.">
        <TagRowsEditor tags={tags} onChange={setTags} />
      </Panel>
      <PolicySaveBar
        id="create-policy"
        documentHasErrors={documentHasErrors}
        pending={pending}
        cancelHref="/policies"
        label="Create policy"
        pendingLabel="Creating…"
        blockedMessage="Fix the errors in the policy document before creating the policy."
        testId="create-policy-submit"
      />
      <ErrorRegion error={state.error} testId="create-policy-error" />
    </form>
  );
}

function DescriptionField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="policy-description" className="text-sm font-medium text-slate-800">
        Description (optional)
      </label>
      <textarea
        id="policy-description"
        name="description"
        value={value}
        maxLength={MAX_DESCRIPTION}
        rows={3}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby="policy-description-help"
        data-testid="policy-description"
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
      />
      <p id="policy-description-help" className="text-xs text-slate-600">
        Up to {MAX_DESCRIPTION.toLocaleString("en-US")} characters ({value.length} used). A description cannot be changed after the policy is created.
      </p>
    </div>
  );
}

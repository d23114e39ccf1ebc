"use client";

import { useActionState, useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { CheckboxList } from "@/components/forms/CheckboxList";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { TextField } from "@/components/forms/TextField";
import type { ActionState, FormAction } from "@/components/forms/actionState";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import type { IamErrorView } from "@/lib/iam/core/errors";
import { PolicyTypeBadge } from "@/components/policies/PolicyTypeBadge";
import type { AttachablePolicy } from "@/components/policies/AttachPoliciesDisclosure";

const GROUP_NAME = /^[\w+=,.@-]{1,128}$/;

/** "Create user group": name, optional path, and policies to attach at once. Inputs are controlled so a refusal keeps them. */
export function CreateGroupForm({
  createGroup,
  policies,
}: {
  createGroup: FormAction;
  policies: { ok: true; items: readonly AttachablePolicy[] } | { ok: false; error: IamErrorView };
}) {
  const [name, setName] = useState("");
  const [path, setPath] = useState("/");
  const [selected, setSelected] = useState<string[]>([]);
  const [state, submit, pending] = useActionState<ActionState, FormData>(createGroup, {});
  const nameError = name !== "" && !GROUP_NAME.test(name) ? "Use 1–128 letters, digits and + = , . @ _ - only." : undefined;
  return (
    <form action={submit} className="flex flex-col gap-5 rounded-md border border-slate-200 bg-white p-5 shadow-sm" aria-label="Create user group">
      <TextField
        label="User group name"
        name="groupName"
        value={name}
        onChange={(event) => setName(event.target.value)}
        description="Up to 128 characters: letters, digits and + = , . @ _ - (hyphen). Unique in the account, not case-sensitive."
        error={nameError}
        required
        maxLength={128}
        autoComplete="off"
        testId="group-name"
      />
      <TextField label="Path (optional)" name="path" value={path} onChange={(event) => setPath(event.target.value)} description="For example /engineering/. Leave / for none." />
      {policies.ok ? (
        <CheckboxList
          legend="Attach permissions policies (optional, up to 10)"
          name="policyArn"
          items={policies.items.map((policy) => ({
            value: policy.Arn,
            label: policy.PolicyName,
            description: policy.Description,
            badge: <PolicyTypeBadge awsManaged={policy.IsAwsManaged} />,
          }))}
          selected={selected}
          onChange={setSelected}
          filterLabel="Filter policies by name"
          emptyText="There are no managed policies."
        />
      ) : (
        <ErrorPanel error={policies.error} />
      )}
      <div>
        <button type="submit" className={buttonStyles.primary} disabled={pending} data-testid="create-group-submit">
          {pending ? "Creating group…" : "Create user group"}
        </button>
      </div>
      <ErrorRegion error={state.error} testId="create-group-error" />
    </form>
  );
}

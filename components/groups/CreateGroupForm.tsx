"use client";

import { useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { SearchPicker } from "@/components/forms/SearchPicker";
import { TextField } from "@/components/forms/TextField";
import type { ActionState, FormAction } from "@/components/forms/actionState";
import type { PickerSearch } from "@/components/forms/pickerSearch";
import { useFormAction } from "@/components/forms/useFormAction";

const GROUP_NAME = /^[\w+=,.@-]{1,128}$/;

/**
 * "Create user group": name, optional path, and policies to attach at once. A refusal keeps
 * everything entered, the picker's choices too.
 */
export function CreateGroupForm({
  createGroup,
  searchPolicies,
  maxPolicies,
}: {
  createGroup: FormAction;
  searchPolicies: PickerSearch;
  /** AWS's quota of managed policies per group. */
  maxPolicies: number;
}) {
  const [name, setName] = useState("");
  const [path, setPath] = useState("/");
  const [state, formProps, pending] = useFormAction<ActionState>(createGroup, {});
  const nameError = name !== "" && !GROUP_NAME.test(name) ? "Use 1–128 letters, digits and + = , . @ _ - only." : undefined;
  return (
    <form {...formProps} className="flex flex-col gap-5 rounded-md border border-slate-200 bg-white p-5 shadow-sm" aria-label="Create user group">
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
      <SearchPicker
        legend={`Attach permissions policies (optional, up to ${maxPolicies})`}
        name="policyArn"
        search={searchPolicies}
        max={maxPolicies}
        maxMessage={`A group can have at most ${maxPolicies} managed policies attached.`}
        filterLabel="Search policies by name"
        emptyText="There are no managed policies."
        testId="create-group-policies"
      />
      <div>
        <button type="submit" className={buttonStyles.primary} disabled={pending} data-testid="create-group-submit">
          {pending ? "Creating group…" : "Create user group"}
        </button>
      </div>
      <ErrorRegion error={state.error} testId="create-group-error" />
    </form>
  );
}

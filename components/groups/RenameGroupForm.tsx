"use client";

import { useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { TextField } from "@/components/forms/TextField";
import type { ActionState, FormAction } from "@/components/forms/actionState";
import { useFormAction } from "@/components/forms/useFormAction";
import { Disclosure } from "@/components/console/Disclosure";
import type { ControlPermission } from "@/components/permissions/controlPermission";

/** "Edit" the group's name (UpdateGroup). Policies that name the old group ARN are not rewritten, as in AWS. */
export function RenameGroupForm({ groupName, rename, permission }: { groupName: string; rename: FormAction; permission?: ControlPermission }) {
  const [name, setName] = useState(groupName);
  const [state, formProps, pending] = useFormAction<ActionState>(rename, {});
  return (
    <Disclosure summary="Edit group name" testId="rename-group" permission={permission}>
      <form {...formProps} className="flex flex-col gap-3" aria-label="Edit group name">
        <TextField
          label="New group name"
          name="newGroupName"
          value={name}
          onChange={(event) => setName(event.target.value)}
          description="Policies that refer to the group by its old ARN are not updated."
          maxLength={128}
          required
          testId="new-group-name"
        />
        <div>
          <button type="submit" className={buttonStyles.primary} disabled={pending} data-testid="rename-group-submit">
            {pending ? "Saving…" : "Save name"}
          </button>
        </div>
        <ErrorRegion error={state.error} />
      </form>
    </Disclosure>
  );
}

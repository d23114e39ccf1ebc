"use client";

import { useActionState, useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { Checkbox } from "@/components/forms/Checkbox";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { TextField } from "@/components/forms/TextField";
import type { ActionState, FormAction } from "@/components/forms/actionState";

/** Typed confirmation, plus the offer to remove members and policies first when there are any. */
export function DeleteGroupForm({ groupName, hasDependents, deleteGroup }: { groupName: string; hasDependents: boolean; deleteGroup: FormAction }) {
  const [typed, setTyped] = useState("");
  const [removeDependents, setRemoveDependents] = useState(true);
  const [state, submit, pending] = useActionState<ActionState, FormData>(deleteGroup, {});
  return (
    <form action={submit} className="flex flex-col gap-3" aria-label={`Delete group ${groupName}`}>
      {hasDependents && (
        <Checkbox
          name="removeDependents"
          checked={removeDependents}
          onChange={(event) => setRemoveDependents(event.target.checked)}
          label="Remove all users, detach all managed policies and delete all inline policies first"
          description="Without this, IAM refuses to delete a group that still has members or policies (DeleteConflict)."
          testId="remove-dependents"
        />
      )}
      <TextField
        label={`To confirm, type the group name “${groupName}”`}
        name="confirmation"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        autoComplete="off"
        testId="delete-confirmation"
      />
      <div>
        <button type="submit" className={buttonStyles.danger} disabled={pending} data-testid="delete-group-submit">
          {pending ? "Deleting…" : "Delete group"}
        </button>
      </div>
      <ErrorRegion error={state.error} />
    </form>
  );
}

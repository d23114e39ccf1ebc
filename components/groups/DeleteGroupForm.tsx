"use client";

import { useState } from "react";
import { Checkbox } from "@/components/forms/Checkbox";
import { TypedDeleteForm } from "@/components/forms/TypedDeleteForm";
import type { FormAction } from "@/components/forms/actionState";
import type { ControlPermission } from "@/components/permissions/controlPermission";

/** Typed confirmation, plus the offer to remove members and policies first when there are any. */
export function DeleteGroupForm({
  groupName,
  hasDependents,
  deleteGroup,
  permission,
}: {
  groupName: string;
  hasDependents: boolean;
  deleteGroup: FormAction;
  permission?: ControlPermission;
}) {
  const [removeDependents, setRemoveDependents] = useState(true);
  return (
    <TypedDeleteForm entity="group" name={groupName} action={deleteGroup} testId="delete-group-submit" permission={permission}>
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
    </TypedDeleteForm>
  );
}

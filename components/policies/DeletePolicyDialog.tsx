"use client";

import { useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { Checkbox } from "@/components/forms/Checkbox";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { TextField } from "@/components/forms/TextField";
import type { ActionState, FormAction } from "@/components/forms/actionState";
import { useFormAction } from "@/components/forms/useFormAction";
import { ModalDialog } from "@/components/console/ModalDialog";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { usePermissionNote } from "@/components/permissions/usePermissionNote";

/**
 * Delete a customer managed policy, as the AWS console asks: say what is attached, offer to detach it
 * from every entity first (DeletePolicy refuses an attached policy), and require the name typed out.
 */
export function DeletePolicyDialog({
  policyName,
  attachmentCount,
  deletePolicy,
  permission,
}: {
  policyName: string;
  attachmentCount: number;
  deletePolicy: FormAction;
  /** What the engine said about DeletePolicy: denied keeps the button off, with the reason. */
  permission?: ControlPermission;
}) {
  const note = usePermissionNote(permission);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [detachAll, setDetachAll] = useState(true);
  const [state, formProps, pending] = useFormAction<ActionState>(deletePolicy, {});
  const attached = attachmentCount > 0;
  const entities = `${attachmentCount} entit${attachmentCount === 1 ? "y" : "ies"}`;
  // "Detach from all 3 entities", but "Detach from the 1 entity": "all" reads wrong for one.
  const everyEntity = attachmentCount === 1 ? "the 1 entity" : `all ${entities}`;
  return (
    <>
      <button
        type="button"
        className={buttonStyles.dangerOutline}
        onClick={() => setOpen(true)}
        disabled={note.denied}
        aria-describedby={note.describedBy}
        data-testid="delete-policy"
      >
        Delete
      </button>
      {note.note()}
      <ModalDialog open={open} onClose={() => setOpen(false)} title={`Delete ${policyName}?`} testId="delete-policy-dialog">
        <form {...formProps} className="flex flex-col gap-4" aria-label={`Delete policy ${policyName}`}>
          <p className="text-sm text-slate-700" data-testid="delete-policy-attachments">
            {attached
              ? `This policy is attached to ${entities}. They lose the permissions it grants as soon as it is detached.`
              : "This policy is not attached to any entity."}{" "}
            Deleting it also deletes all of its versions.
          </p>
          {attached && (
            <Checkbox
              name="detachAll"
              checked={detachAll}
              onChange={(event) => setDetachAll(event.target.checked)}
              label={`Detach from ${everyEntity} first`}
              description="Without this, IAM refuses to delete a policy that is still attached (DeleteConflict)."
              testId="delete-policy-detach-all"
            />
          )}
          <TextField
            label={`To confirm, type the policy name “${policyName}”`}
            name="confirmation"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            testId="delete-policy-confirmation"
          />
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonStyles.secondary} onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className={buttonStyles.danger} disabled={pending || typed !== policyName} data-testid="delete-policy-submit">
              {pending ? "Deleting…" : attached && detachAll ? `Detach from ${everyEntity} and delete` : "Delete policy"}
            </button>
          </div>
          <ErrorRegion error={state.error} />
        </form>
      </ModalDialog>
    </>
  );
}

"use client";

import { useId } from "react";
import { ConfirmActionDialog } from "@/components/console/ConfirmActionDialog";
import { isDenied, type ControlPermission } from "@/components/permissions/controlPermission";
import { PermissionNote } from "@/components/permissions/PermissionNote";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import type { ActionState, FormAction } from "@/components/forms/actionState";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { useFormAction } from "@/components/forms/useFormAction";

/** Activate or deactivate one key, and delete it after a confirmation that says what breaks. */
export function AccessKeyRowActions({
  accessKeyId,
  status,
  setStatus,
  remove,
  permissions = {},
}: {
  accessKeyId: string;
  status: "Active" | "Inactive";
  setStatus: FormAction;
  remove: FormAction;
  /** What the engine said about UpdateAccessKey and DeleteAccessKey (the same for every row). */
  permissions?: { readonly setStatus?: ControlPermission; readonly remove?: ControlPermission };
}) {
  const noteId = useId();
  const [state, formProps, pending] = useFormAction<ActionState>(setStatus, {});
  const next = status === "Active" ? "Inactive" : "Active";
  return (
    <div className="flex flex-col items-end gap-1 text-left">
      <div className="flex flex-wrap justify-end gap-2">
        <form {...formProps}>
          <input type="hidden" name="AccessKeyId" value={accessKeyId} />
          <input type="hidden" name="Status" value={next} />
          <button
            type="submit"
            className={buttonStyles.secondary}
            disabled={pending || isDenied(permissions.setStatus)}
            aria-label={`${status === "Active" ? "Deactivate" : "Activate"} ${accessKeyId}`}
            aria-describedby={isDenied(permissions.setStatus) ? noteId : undefined}
            data-testid="toggle-access-key"
          >
            {status === "Active" ? "Deactivate" : "Activate"}
          </button>
        </form>
        <ConfirmActionDialog
          action={remove}
          hidden={{ AccessKeyId: accessKeyId }}
          triggerLabel="Delete"
          triggerAriaLabel={`Delete ${accessKeyId}`}
          title={`Delete access key ${accessKeyId}?`}
          confirmLabel="Delete access key"
          testId="delete-access-key"
          permission={permissions.remove}
        >
          <p>
            Any application or script using this key stops working immediately, and the key cannot be restored.
            {status === "Active" ? " Deactivating it first lets you check that nothing still depends on it." : ""}
          </p>
        </ConfirmActionDialog>
      </div>
      <PermissionNote id={noteId} permission={isDenied(permissions.setStatus) ? permissions.setStatus : undefined} className="justify-end" />
      <ErrorRegion error={state.error} />
    </div>
  );
}

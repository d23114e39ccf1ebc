"use client";

import { useState } from "react";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { usePermissionNote } from "@/components/permissions/usePermissionNote";
import { ModalDialog } from "@/components/console/ModalDialog";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { MfaEnrollment } from "./MfaEnrollment";
import type { MfaActions } from "./mfaState";

/**
 * "Assign MFA device": opens the enrollment dialog; each opening starts a fresh enrollment. When the
 * engine denies creating or enabling a device, the button is off with the reason beside it, before
 * anyone types a device name.
 */
export function AssignMfaDeviceButton({
  actions,
  suggestedName,
  disabled,
  permission,
}: {
  actions: Pick<MfaActions, "create" | "enable">;
  suggestedName: string;
  disabled?: boolean;
  permission?: ControlPermission;
}) {
  const [open, setOpen] = useState(false);
  const note = usePermissionNote(permission);
  return (
    <>
      <div className="flex max-w-sm flex-col items-end gap-1 text-right">
        <button
          type="button"
          className={buttonStyles.primary}
          onClick={() => setOpen(true)}
          disabled={disabled || note.denied}
          aria-describedby={note.describedBy}
          data-testid="assign-mfa-device"
        >
          Assign MFA device
        </button>
        {note.note("justify-end")}
      </div>
      <ModalDialog open={open} onClose={() => setOpen(false)} title="Assign MFA device" testId="assign-mfa-dialog">
        <MfaEnrollment actions={actions} suggestedName={suggestedName} onDone={() => setOpen(false)} />
      </ModalDialog>
    </>
  );
}

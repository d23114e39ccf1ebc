"use client";

import { useState } from "react";
import { ModalDialog } from "@/components/console/ModalDialog";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { MfaEnrollment } from "./MfaEnrollment";
import type { MfaActions } from "./mfaState";

/** "Assign MFA device": opens the enrollment dialog; each opening starts a fresh enrollment. */
export function AssignMfaDeviceButton({ actions, suggestedName, disabled }: { actions: Pick<MfaActions, "create" | "enable">; suggestedName: string; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonStyles.primary} onClick={() => setOpen(true)} disabled={disabled} data-testid="assign-mfa-device">
        Assign MFA device
      </button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title="Assign MFA device" testId="assign-mfa-dialog">
        <MfaEnrollment actions={actions} suggestedName={suggestedName} onDone={() => setOpen(false)} />
      </ModalDialog>
    </>
  );
}

"use client";

import { useState } from "react";
import { ModalDialog } from "@/components/console/ModalDialog";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import type { ActionState } from "@/components/forms/actionState";
import { useFormAction } from "@/components/forms/useFormAction";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { usePermissionNote } from "@/components/permissions/usePermissionNote";
import { MfaCodeFields } from "./MfaCodeFields";
import type { MfaActions } from "./mfaState";

function ResyncForm({ resync, serialNumber, onDone }: { resync: MfaActions["resync"]; serialNumber: string; onDone: () => void }) {
  const [state, formProps, pending] = useFormAction<ActionState>(resync, {}, onDone);
  return (
    <form {...formProps} className="flex flex-col gap-4" data-testid="mfa-resync-form">
      <input type="hidden" name="serialNumber" value={serialNumber} />
      <p className="text-sm text-slate-700">
        If sign-in keeps refusing this device&apos;s codes, check that its clock is set automatically, then enter two consecutive codes it shows.
      </p>
      <MfaCodeFields testIdPrefix="mfa-resync" />
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className={buttonStyles.primary} disabled={pending} data-testid="mfa-resync-submit">
          {pending ? "Checking…" : "Resync"}
        </button>
      </div>
      <ErrorRegion error={state.error} />
    </form>
  );
}

/** "Resync" for one device, in a dialog. */
export function ResyncMfaDeviceButton({
  resync,
  serialNumber,
  deviceName,
  permission,
}: {
  resync: MfaActions["resync"];
  serialNumber: string;
  deviceName: string;
  permission?: ControlPermission;
}) {
  const [open, setOpen] = useState(false);
  const note = usePermissionNote(permission);
  return (
    <>
      <button
        type="button"
        className={buttonStyles.secondary}
        onClick={() => setOpen(true)}
        disabled={note.denied}
        aria-label={`Resync ${deviceName}`}
        aria-describedby={note.describedBy}
        data-testid={`resync-mfa-${deviceName}`}
      >
        Resync
      </button>
      {note.note()}
      <ModalDialog open={open} onClose={() => setOpen(false)} title={`Resync ${deviceName}`}>
        <ResyncForm resync={resync} serialNumber={serialNumber} onDone={() => setOpen(false)} />
      </ModalDialog>
    </>
  );
}

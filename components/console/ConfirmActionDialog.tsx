"use client";

import { useState } from "react";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { usePermissionNote } from "@/components/permissions/usePermissionNote";
import { buttonStyles, type ButtonVariant } from "@/components/forms/buttonStyles";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import type { ActionState, FormAction } from "@/components/forms/actionState";
import { useFormAction } from "@/components/forms/useFormAction";
import { ModalDialog } from "./ModalDialog";

/**
 * A button that asks before it acts ("Delete version v2?"): the dialog says what will happen and
 * runs the server action only on "confirm". An error stays in the dialog; success closes it.
 */
export function ConfirmActionDialog({
  action,
  hidden = {},
  triggerLabel,
  triggerAriaLabel,
  triggerVariant = "dangerOutline",
  title,
  children,
  confirmLabel,
  testId,
  permission,
}: {
  action: FormAction;
  hidden?: Record<string, string>;
  triggerLabel: string;
  triggerAriaLabel?: string;
  triggerVariant?: ButtonVariant;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  testId?: string;
  /** What the engine said about the action: denied disables the trigger, with the reason beside it. */
  permission?: ControlPermission;
}) {
  const note = usePermissionNote(permission);
  const [open, setOpen] = useState(false);
  const [state, formProps, pending] = useFormAction<ActionState>(action, {}, () => setOpen(false));
  return (
    <>
      <button
        type="button"
        className={buttonStyles[triggerVariant]}
        onClick={() => setOpen(true)}
        disabled={note.denied}
        aria-label={triggerAriaLabel}
        aria-describedby={note.describedBy}
        data-testid={testId}
      >
        {triggerLabel}
      </button>
      {note.note()}
      <ModalDialog open={open} onClose={() => setOpen(false)} title={title} testId={testId ? `${testId}-dialog` : undefined}>
        <form {...formProps} className="flex flex-col gap-4">
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="text-sm text-slate-700">{children}</div>
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonStyles.secondary} onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className={buttonStyles.danger} disabled={pending} data-testid={testId ? `${testId}-confirm` : undefined}>
              {pending ? `${confirmLabel}…` : confirmLabel}
            </button>
          </div>
          <ErrorRegion error={state.error} />
        </form>
      </ModalDialog>
    </>
  );
}

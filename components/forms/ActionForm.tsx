"use client";

import { Fragment, useRef, useState } from "react";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { usePermissionNote } from "@/components/permissions/usePermissionNote";
import { buttonStyles, type ButtonVariant } from "./buttonStyles";
import { ErrorRegion } from "./ErrorRegion";
import type { ActionState, FormAction } from "./actionState";
import { useFormAction } from "./useFormAction";

/**
 * A form that runs one server action (Detach, Remove, Attach policies, …) and shows its error, if
 * any, right under it. An error keeps every choice made in `children`; a success starts them afresh
 * (a picker's selection cleared) and folds away the Disclosure the form was opened from, since the
 * revalidated page now shows the change.
 */
export function ActionForm({
  action,
  hidden = {},
  submitLabel,
  pendingLabel,
  variant = "secondary",
  children,
  testId,
  submitTestId,
  className = "",
  submitAriaLabel,
  disabled,
  permission,
  describedBy,
}: {
  action: FormAction;
  hidden?: Record<string, string>;
  submitLabel: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  children?: React.ReactNode;
  testId?: string;
  submitTestId?: string;
  className?: string;
  submitAriaLabel?: string;
  disabled?: boolean;
  /** What the engine said about the submit button's operation: denied disables it, with the reason beside it. */
  permission?: ControlPermission;
  /** The id of a note elsewhere that explains a `disabled` button (one reason shown once for a table's row buttons). */
  describedBy?: string;
}) {
  const note = usePermissionNote(permission);
  const form = useRef<HTMLFormElement>(null);
  const [round, setRound] = useState(0);
  const [state, formProps, pending] = useFormAction<ActionState>(action, {}, () => {
    setRound((previous) => previous + 1);
    const disclosure = form.current?.closest("details");
    if (disclosure) disclosure.open = false;
  });
  return (
    <form ref={form} {...formProps} className={className} data-testid={testId}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Fragment key={round}>{children}</Fragment>
      <button
        type="submit"
        className={buttonStyles[variant]}
        disabled={pending || disabled || note.denied}
        aria-label={submitAriaLabel}
        aria-describedby={note.describedBy ?? describedBy}
        data-testid={submitTestId}
      >
        {pending ? (pendingLabel ?? `${submitLabel}…`) : submitLabel}
      </button>
      {note.note("mt-1")}
      <ErrorRegion error={state.error} />
    </form>
  );
}

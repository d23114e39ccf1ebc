"use client";

import { useState } from "react";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { usePermissionNote } from "@/components/permissions/usePermissionNote";
import { buttonStyles } from "./buttonStyles";
import { ErrorRegion } from "./ErrorRegion";
import { TextField } from "./TextField";
import type { ActionState, FormAction } from "./actionState";
import { useFormAction } from "./useFormAction";

/**
 * The typed confirmation AWS asks for before deleting an entity: type its name, then delete. The
 * server action checks the typed name again; extra fields (such as "remove dependents first") go in
 * `children`, inside the same form.
 */
export function TypedDeleteForm({
  entity,
  name,
  action,
  testId,
  children,
  permission,
}: {
  /** "user", "group": used in the label, the button and the form's name. */
  entity: string;
  name: string;
  action: FormAction;
  testId: string;
  children?: React.ReactNode;
  /** What the engine said about deleting it: denied disables the button, with the reason beside it. */
  permission?: ControlPermission;
}) {
  const note = usePermissionNote(permission);
  const [typed, setTyped] = useState("");
  const [state, formProps, pending] = useFormAction<ActionState>(action, {});
  return (
    <form {...formProps} className="flex flex-col gap-3" aria-label={`Delete ${entity} ${name}`}>
      {children}
      <TextField
        label={`To confirm, type the ${entity} name “${name}”`}
        name="confirmation"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        autoComplete="off"
        testId="delete-confirmation"
      />
      <div>
        <button type="submit" className={buttonStyles.danger} disabled={pending || note.denied} aria-describedby={note.describedBy} data-testid={testId}>
          {pending ? "Deleting…" : `Delete ${entity}`}
        </button>
        {note.note("mt-1")}
      </div>
      <ErrorRegion error={state.error} />
    </form>
  );
}

"use client";

import { useState } from "react";
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
}: {
  /** "user", "group": used in the label, the button and the form's name. */
  entity: string;
  name: string;
  action: FormAction;
  testId: string;
  children?: React.ReactNode;
}) {
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
        <button type="submit" className={buttonStyles.danger} disabled={pending} data-testid={testId}>
          {pending ? "Deleting…" : `Delete ${entity}`}
        </button>
      </div>
      <ErrorRegion error={state.error} />
    </form>
  );
}

"use client";

import { useActionState, useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { TextField } from "@/components/forms/TextField";
import type { ActionState, FormAction } from "@/components/forms/actionState";

/** The typed confirmation AWS asks for before deleting a user; the server action checks the typed name. */
export function DeleteUserForm({ userName, deleteUser }: { userName: string; deleteUser: FormAction }) {
  const [typed, setTyped] = useState("");
  const [state, submit, pending] = useActionState<ActionState, FormData>(deleteUser, {});
  return (
    <form action={submit} className="flex flex-col gap-3" aria-label={`Delete user ${userName}`}>
      <TextField
        label={`To confirm, type the user name “${userName}”`}
        name="confirmation"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        autoComplete="off"
        testId="delete-confirmation"
      />
      <div>
        <button type="submit" className={buttonStyles.danger} disabled={pending} data-testid="delete-user-submit">
          {pending ? "Deleting…" : "Delete user"}
        </button>
      </div>
      <ErrorRegion error={state.error} />
    </form>
  );
}

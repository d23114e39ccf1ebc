"use client";

import { TypedDeleteForm } from "@/components/forms/TypedDeleteForm";
import type { FormAction } from "@/components/forms/actionState";

/** The typed confirmation AWS asks for before deleting a user; the server action checks the typed name. */
export function DeleteUserForm({ userName, deleteUser }: { userName: string; deleteUser: FormAction }) {
  return <TypedDeleteForm entity="user" name={userName} action={deleteUser} testId="delete-user-submit" />;
}

"use client";

import { TypedDeleteForm } from "@/components/forms/TypedDeleteForm";
import type { FormAction } from "@/components/forms/actionState";
import type { ControlPermission } from "@/components/permissions/controlPermission";

/** The typed confirmation AWS asks for before deleting a user; the server action checks the typed name. */
export function DeleteUserForm({ userName, deleteUser, permission }: { userName: string; deleteUser: FormAction; permission?: ControlPermission }) {
  return <TypedDeleteForm entity="user" name={userName} action={deleteUser} testId="delete-user-submit" permission={permission} />;
}

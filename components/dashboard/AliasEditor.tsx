"use client";

import { TextField } from "@/components/forms/TextField";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { buttonStyles } from "@/components/forms/buttonStyles";
import type { ActionState, FormAction } from "@/components/forms/actionState";
import { useFormAction } from "@/components/forms/useFormAction";
import { isDenied, type ControlPermission } from "@/components/permissions/controlPermission";
import { PermissionNote } from "@/components/permissions/PermissionNote";

/**
 * Creates, replaces or deletes the account alias (an account has at most one). The alias replaces
 * the account ID in the IAM users' sign-in URL, so the page re-renders with the new URL on success.
 * A principal the engine would refuse sees the buttons disabled, with the reason beside them.
 */
export function AliasEditor({
  alias,
  save,
  remove,
  permissions,
}: {
  alias?: string;
  save: FormAction;
  remove: FormAction;
  permissions: { readonly create: ControlPermission; readonly delete: ControlPermission };
}) {
  const [saved, saveProps, saving] = useFormAction<ActionState>(save, {});
  const [deleted, deleteProps, deleting] = useFormAction<ActionState>(remove, {});
  return (
    <div className="flex flex-col gap-2">
      <form {...saveProps} className="flex flex-wrap items-end gap-2" data-testid="alias-form">
        <div className="min-w-56 flex-1">
          <TextField
            key={alias ?? ""}
            label="Account alias"
            name="AccountAlias"
            defaultValue={alias ?? ""}
            required
            maxLength={63}
            spellCheck={false}
            autoComplete="off"
            description="3-63 lower-case letters, digits and hyphens. Unique across Portcullis."
            testId="alias-input"
            // Shown, not editable, to a principal who may not set it; the reason is under the button.
            readOnly={isDenied(permissions.create)}
            aria-describedby={isDenied(permissions.create) ? "alias-save-permission" : undefined}
          />
        </div>
        <button
          type="submit"
          className={`${buttonStyles.primary} mb-5`}
          disabled={saving || isDenied(permissions.create)}
          aria-describedby={isDenied(permissions.create) ? "alias-save-permission" : undefined}
          data-testid="alias-save"
        >
          {saving ? "Saving…" : alias ? "Save alias" : "Create alias"}
        </button>
      </form>
      <PermissionNote id="alias-save-permission" permission={permissions.create} />
      {alias && (
        <form {...deleteProps}>
          <input type="hidden" name="AccountAlias" value={alias} />
          <button
            type="submit"
            className={buttonStyles.dangerOutline}
            disabled={deleting || isDenied(permissions.delete)}
            aria-describedby={isDenied(permissions.delete) ? "alias-delete-permission" : undefined}
            data-testid="alias-delete"
          >
            {deleting ? "Deleting…" : `Delete alias ${alias}`}
          </button>
          <PermissionNote id="alias-delete-permission" permission={permissions.delete} className="mt-1" />
        </form>
      )}
      <ErrorRegion error={saved.error ?? deleted.error} testId="alias-error" />
    </div>
  );
}

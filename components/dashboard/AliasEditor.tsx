"use client";

import { useActionState } from "react";
import { TextField } from "@/components/forms/TextField";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { buttonStyles } from "@/components/forms/buttonStyles";
import type { IamErrorView } from "@/lib/iam/core/errors";

export interface AliasState {
  readonly error?: IamErrorView;
  readonly done?: "saved" | "deleted";
}

type AliasAction = (previous: AliasState, form: FormData) => Promise<AliasState>;

/**
 * Creates, replaces or deletes the account alias (an account has at most one). The alias replaces
 * the account ID in the IAM users' sign-in URL, so the page re-renders with the new URL on success.
 */
export function AliasEditor({ alias, save, remove }: { alias?: string; save: AliasAction; remove: AliasAction }) {
  const [saved, saveAction, saving] = useActionState(save, {});
  const [deleted, deleteAction, deleting] = useActionState(remove, {});
  const outcome = saving || deleting ? undefined : (saved.done ?? deleted.done);
  return (
    <div className="flex flex-col gap-2">
      <form action={saveAction} className="flex flex-wrap items-end gap-2" data-testid="alias-form">
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
          />
        </div>
        <button type="submit" className={`${buttonStyles.primary} mb-5`} disabled={saving} data-testid="alias-save">
          {saving ? "Saving…" : alias ? "Save alias" : "Create alias"}
        </button>
      </form>
      {alias && (
        <form action={deleteAction}>
          <input type="hidden" name="AccountAlias" value={alias} />
          <button type="submit" className={buttonStyles.dangerOutline} disabled={deleting} data-testid="alias-delete">
            {deleting ? "Deleting…" : `Delete alias ${alias}`}
          </button>
        </form>
      )}
      <ErrorRegion error={saved.error ?? deleted.error} testId="alias-error" />
      <p role="status" aria-live="polite" className="text-sm text-emerald-800" data-testid="alias-status">
        {outcome === "saved" && !saved.error ? "Alias saved. The sign-in URL below uses it now." : null}
        {outcome === "deleted" && !deleted.error ? "Alias deleted. IAM users sign in with the account ID." : null}
      </p>
    </div>
  );
}

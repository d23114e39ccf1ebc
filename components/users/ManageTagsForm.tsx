"use client";

import { useState } from "react";
import type { Tag } from "@/lib/iam/core/tags";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import type { ActionState, FormAction } from "@/components/forms/actionState";
import { useFormAction } from "@/components/forms/useFormAction";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { usePermissionNote } from "@/components/permissions/usePermissionNote";
import { TagRowsEditor } from "./TagRowsEditor";
import { hasErrors, tagErrors, type TagDraft } from "./wizard/draft";

/** "Manage tags": edit, add and remove a user's tags, saved together (SetUserTags: UntagUser and TagUser, all or nothing). */
export function ManageTagsForm({ tags, save, permission }: { tags: readonly Tag[]; save: FormAction; permission?: ControlPermission }) {
  const note = usePermissionNote(permission);
  const initial = tags.map((tag, i) => ({ id: i + 1, key: tag.Key, value: tag.Value }));
  const [rows, setRows] = useState<TagDraft[]>(initial);
  const [state, formProps, pending] = useFormAction<ActionState>(save, {});
  const errors = tagErrors(rows.filter((row) => row.key !== "" || row.value !== ""));
  return (
    <form {...formProps} className="flex flex-col gap-3" aria-label="Manage tags" data-testid="manage-tags">
      <TagRowsEditor tags={rows} onChange={setRows} errors={errors} />
      <div className="flex gap-2">
        <button
          type="submit"
          className={buttonStyles.primary}
          disabled={pending || hasErrors(errors) || note.denied}
          aria-describedby={note.describedBy}
          data-testid="save-tags"
        >
          {pending ? "Saving…" : "Save changes"}
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={() => setRows(initial)} disabled={pending}>
          Undo changes
        </button>
      </div>
      {note.note()}
      <ErrorRegion error={state.error} />
    </form>
  );
}

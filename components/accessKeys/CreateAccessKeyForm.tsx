"use client";

import { useState } from "react";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { usePermissionNote } from "@/components/permissions/usePermissionNote";
import { Checkbox } from "@/components/forms/Checkbox";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { useFormAction } from "@/components/forms/useFormAction";
import type { CreateAccessKeyAction, CreateAccessKeyState } from "./accessKeyState";
import { NewAccessKeyPanel } from "./NewAccessKeyPanel";

/**
 * "Create access key", then the one-time panel with the new key. The root user must first confirm
 * AWS's warning, as the AWS console asks; at the two-key limit the button explains why it is off.
 */
export function CreateAccessKeyForm({
  create,
  isRoot,
  atLimit,
  permission,
}: {
  create: CreateAccessKeyAction;
  isRoot: boolean;
  atLimit: boolean;
  /** What the engine said about CreateAccessKey: denied turns the button off, with the reason. */
  permission?: ControlPermission;
}) {
  const note = usePermissionNote(permission);
  const denied = note.denied;
  // Each creation asks for the root user's acknowledgement again: the checkbox starts afresh.
  const [round, setRound] = useState(0);
  const [state, formProps, pending] = useFormAction<CreateAccessKeyState>(create, {}, () => setRound((previous) => previous + 1));
  const [dismissed, setDismissed] = useState<string | undefined>();
  const showing = state.created && state.created.AccessKeyId !== dismissed ? state.created : undefined;
  return (
    <div className="flex flex-col gap-3">
      {showing && <NewAccessKeyPanel accessKey={showing} onDone={() => setDismissed(showing.AccessKeyId)} />}
      <form {...formProps} className="flex flex-col gap-3">
        {isRoot && !atLimit && !denied && (
          // Required, so the browser asks for it.
          <Checkbox
            key={round}
            name="understood"
            required
            label="I understand creating a root access key is not a best practice, but I still want to create one."
            testId="root-key-understood"
          />
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            className={buttonStyles.primary}
            disabled={pending || atLimit || denied}
            aria-describedby={note.describedBy}
            data-testid="create-access-key"
          >
            {pending ? "Creating access key…" : "Create access key"}
          </button>
          {atLimit && <span className="text-sm text-slate-600">Two access keys is the limit. Delete one to create another.</span>}
        </div>
        {note.note()}
      </form>
      <ErrorRegion error={state.error} testId="create-access-key-error" />
    </div>
  );
}

"use client";

import { useState } from "react";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { usePermissionNote } from "@/components/permissions/usePermissionNote";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { TextField } from "@/components/forms/TextField";
import type { ActionState, FormAction } from "@/components/forms/actionState";
import { useFormAction } from "@/components/forms/useFormAction";
import { SWITCH_ROLE_COLOR_NAMES, type SwitchRoleColor } from "@/lib/iam/roles/switchRoleColors";
import { ROLE_COLOR_CLASSES, ROLE_COLOR_LABELS } from "./roleColors";

export interface SwitchRoleValues {
  readonly account: string;
  readonly roleName: string;
  readonly displayName: string;
  readonly color: SwitchRoleColor;
}

/**
 * AWS's switch-role form: the account (ID or alias), the role (with its path), and how the header
 * should show the session. Prefilled from a shared link; an error keeps everything typed and shows
 * why (a trust policy that refused is explained statement by statement).
 */
export function SwitchRoleForm({ action, initial, permission }: { action: FormAction; initial: SwitchRoleValues; permission?: ControlPermission }) {
  const [state, formProps, pending] = useFormAction<ActionState>(action, {});
  const [color, setColor] = useState<SwitchRoleColor>(initial.color);
  const note = usePermissionNote(permission);
  return (
    <form {...formProps} className="flex max-w-xl flex-col gap-4" data-testid="switch-role-form">
      <TextField label="Account ID or alias" name="account" defaultValue={initial.account} required autoComplete="off" description="The 12-digit account ID, or the account's alias." testId="switch-role-account" />
      <TextField
        label="IAM role name"
        name="roleName"
        defaultValue={initial.roleName}
        required
        autoComplete="off"
        description="With its path if it has one, such as service/Deployer."
        testId="switch-role-name"
      />
      <TextField label="Display name (optional)" name="displayName" defaultValue={initial.displayName} maxLength={64} description="What the console header shows while you work in the role." testId="switch-role-display-name" />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-800">Display colour</legend>
        <div className="flex flex-wrap gap-2">
          {SWITCH_ROLE_COLOR_NAMES.map((name) => (
            <label key={name} className={`flex cursor-pointer items-center gap-1.5 rounded-md px-2.5 py-1 text-sm font-medium ${ROLE_COLOR_CLASSES[name]} has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-600`}>
              <input type="radio" name="color" value={name} checked={color === name} onChange={() => setColor(name)} className="accent-slate-900" />
              {ROLE_COLOR_LABELS[name]}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <button type="submit" className={buttonStyles.primary} disabled={pending || note.denied} aria-describedby={note.describedBy} data-testid="switch-role-submit">
          {pending ? "Switching…" : "Switch role"}
        </button>
        {note.note("mt-1")}
      </div>
      <ErrorRegion error={state.error} testId="switch-role-error" />
    </form>
  );
}

"use client";

import { useEffect } from "react";
import { useNoticeCheck } from "@/components/feedback/NoticeRegion";
import type { ActionState, FormAction } from "@/components/forms/actionState";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { ErrorRegion } from "@/components/forms/ErrorRegion";
import { useFormAction } from "@/components/forms/useFormAction";
import { isDenied, type ControlPermission } from "@/components/permissions/controlPermission";
import { PermissionNote } from "@/components/permissions/PermissionNote";

/**
 * "Attach ForceMFA-ManageOwnCredentials to group Readers": the dashboard's fix for users who sign in
 * without MFA and cannot enroll a device themselves. Disabled, with the reason, for a principal who
 * may not attach policies to that group.
 */
export function SelfServiceFixButton({
  groupName,
  policyName,
  members,
  permission,
  attach,
}: {
  groupName: string;
  policyName: string;
  /** The users without MFA in the group, for the description. */
  members: readonly string[];
  permission?: ControlPermission;
  attach: FormAction;
}) {
  const [state, formProps, pending] = useFormAction<ActionState>(attach, {});
  // Success removes this button (the page re-renders without the fix it offered) before
  // useFormAction's own check runs, so the notice the action left is looked for as it goes.
  const checkNotices = useNoticeCheck();
  useEffect(() => checkNotices, [checkNotices]);
  const id = `fix-${groupName}`;
  const noteId = `${id}-permission`;
  const denied = isDenied(permission);
  return (
    <form {...formProps} className="flex flex-col gap-1" data-testid="self-service-fix">
      <input type="hidden" name="GroupName" value={groupName} />
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="submit"
          // Long group names wrap on a phone rather than overflow.
          className={`${buttonStyles.secondary} max-w-full whitespace-normal! text-left`}
          disabled={pending || denied}
          aria-describedby={`${id}-members${permission && permission.state !== "allowed" ? ` ${noteId}` : ""}`}
        >
          {pending ? "Attaching…" : `Attach ${policyName} to group ${groupName}`}
        </button>
        <span id={`${id}-members`} className="text-xs text-slate-600">
          Members without MFA: {members.join(", ")}
        </span>
      </div>
      <PermissionNote id={noteId} permission={permission} />
      <ErrorRegion error={state.error} testId="self-service-fix-error" />
    </form>
  );
}

"use client";

import type { FindingStatus } from "@/lib/iam/reports/unusedAccessFindings";
import { ActionForm } from "@/components/forms/ActionForm";
import type { FormAction } from "@/components/forms/actionState";
import { isDenied, type ControlPermission } from "@/components/permissions/controlPermission";

/** What a person may do with a finding in each status: archive or resolve an active one, reopen the others. */
const CHOICES: Record<FindingStatus, readonly { status: FindingStatus; label: string }[]> = {
  ACTIVE: [
    { status: "ARCHIVED", label: "Archive" },
    { status: "RESOLVED", label: "Resolve" },
  ],
  ARCHIVED: [{ status: "ACTIVE", label: "Unarchive" }],
  RESOLVED: [{ status: "ACTIVE", label: "Reopen" }],
};

/**
 * A finding's buttons. When the engine denies UpdateFindings they are disabled and point at the one
 * reason the page shows above the table (`reasonId`), rather than repeating it on every row.
 */
export function FindingActions({
  id,
  status,
  subject,
  update,
  permission,
  reasonId,
}: {
  id: string;
  status: FindingStatus;
  subject: string;
  update: FormAction;
  permission: ControlPermission;
  reasonId: string;
}) {
  const denied = isDenied(permission);
  return (
    <div className="flex flex-wrap gap-2">
      {CHOICES[status].map((choice) => (
        <ActionForm
          key={choice.status}
          action={update}
          hidden={{ Id: id, Status: choice.status }}
          submitLabel={choice.label}
          submitAriaLabel={`${choice.label} finding: ${subject}`}
          submitTestId={`finding-${choice.label.toLowerCase()}`}
          {...(denied ? { disabled: true, describedBy: reasonId } : { permission })}
        />
      ))}
    </div>
  );
}

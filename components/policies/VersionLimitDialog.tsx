"use client";

import { useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { RadioGroup } from "@/components/forms/RadioGroup";
import { ModalDialog } from "@/components/console/ModalDialog";
import { formatDateTime } from "@/components/console/DateTime";
import type { PolicyVersionSummary } from "./PolicyVersionsTable";

/**
 * A managed policy keeps at most five versions. Saving a sixth asks, as the AWS console does, which
 * non-default version to delete to make room; the save then deletes it in the same transaction.
 */
export function VersionLimitDialog({
  open,
  candidates,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  candidates: readonly PolicyVersionSummary[];
  onCancel: () => void;
  onConfirm: (versionId: string) => void;
}) {
  // The oldest version is the usual one to let go, so it is chosen to begin with.
  const oldest = [...candidates].sort((a, b) => Number(a.VersionId.slice(1)) - Number(b.VersionId.slice(1)))[0]?.VersionId ?? "";
  const [chosen, setChosen] = useState(oldest);
  const selected = candidates.some((c) => c.VersionId === chosen) ? chosen : oldest;
  return (
    <ModalDialog open={open} onClose={onCancel} title="Version limit reached" testId="version-limit-dialog">
      <p className="text-sm text-slate-700">
        This policy already has 5 versions, the most a managed policy can keep. Choose a version to delete; the new version is saved in its place.
      </p>
      <RadioGroup
        legend="Version to delete"
        name="deleteVersionId"
        value={selected}
        onChange={setChosen}
        options={candidates.map((c) => ({ value: c.VersionId, label: c.VersionId, description: `Created ${formatDateTime(c.CreateDate)}` }))}
        testId="version-limit-choices"
      />
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className={buttonStyles.danger} disabled={!selected} onClick={() => onConfirm(selected)} data-testid="version-limit-confirm">
          Delete {selected} and save
        </button>
      </div>
    </ModalDialog>
  );
}

import Link from "next/link";
import { ActionForm } from "@/components/forms/ActionForm";
import { buttonStyles } from "@/components/forms/buttonStyles";
import type { FormAction } from "@/components/forms/actionState";
import { ConfirmActionDialog } from "@/components/console/ConfirmActionDialog";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { DateTime } from "@/components/console/DateTime";
import { policyHref } from "./policyHref";

export interface PolicyVersionSummary {
  readonly VersionId: string;
  readonly IsDefaultVersion: boolean;
  readonly CreateDate: Date | string;
}

/**
 * The Policy versions table: each version links to its document; customer managed policies can set
 * any other version as default or delete a non-default one (the default must stay: DeleteConflict).
 */
export function PolicyVersionsTable({
  policyArn,
  versions,
  shownVersionId,
  readOnly,
  setDefault,
  remove,
  permissions = {},
}: {
  policyArn: string;
  versions: readonly PolicyVersionSummary[];
  shownVersionId?: string;
  readOnly: boolean;
  setDefault: FormAction;
  remove: FormAction;
  /** What the engine said about setting a default and deleting a version (the same for every row). */
  permissions?: { readonly setDefault?: ControlPermission; readonly remove?: ControlPermission };
}) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="w-full border-collapse text-left text-sm" data-testid="policy-versions-table">
        <caption className="sr-only">Versions of this policy</caption>
        <thead className="bg-slate-100 text-xs font-semibold tracking-wide text-slate-700 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">Version</th>
            <th scope="col" className="px-3 py-2">Created</th>
            {!readOnly && (
              <th scope="col" className="px-3 py-2 text-right">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {versions.map((version) => (
            <tr key={version.VersionId} data-testid="policy-version-row" data-version={version.VersionId} className={version.VersionId === shownVersionId ? "bg-blue-50" : undefined}>
              <td className="px-3 py-2">
                <span className="flex flex-wrap items-center gap-2">
                  <Link
                    href={`${policyHref(policyArn)}?tab=versions&version=${version.VersionId}`}
                    aria-current={version.VersionId === shownVersionId ? "true" : undefined}
                    aria-label={`View version ${version.VersionId}`}
                    className={`${buttonStyles.link} font-mono font-medium`}
                  >
                    {version.VersionId}
                  </Link>
                  {version.IsDefaultVersion && (
                    <span className="rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-900" data-testid="default-version-badge">
                      Default
                    </span>
                  )}
                </span>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <DateTime value={version.CreateDate} />
              </td>
              {!readOnly && (
                <td className="px-3 py-2">
                  {!version.IsDefaultVersion && (
                    <div className="flex flex-wrap items-start justify-end gap-2">
                      <ActionForm
                        action={setDefault}
                        hidden={{ versionId: version.VersionId }}
                        submitLabel="Set as default"
                        pendingLabel="Setting…"
                        submitAriaLabel={`Set ${version.VersionId} as default`}
                        submitTestId="set-default-version"
                        permission={permissions.setDefault}
                      />
                      <ConfirmActionDialog
                        action={remove}
                        hidden={{ versionId: version.VersionId }}
                        triggerLabel="Delete"
                        triggerAriaLabel={`Delete version ${version.VersionId}`}
                        title={`Delete version ${version.VersionId}?`}
                        confirmLabel="Delete version"
                        testId="delete-policy-version"
                        permission={permissions.remove}
                      >
                        The version&apos;s document is removed for good. The default version, which is what applies, does not change.
                      </ConfirmActionDialog>
                    </div>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

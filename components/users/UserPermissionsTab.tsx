import Link from "next/link";
import type { IamErrorView } from "@/lib/iam/core/errors";
import { QUOTAS } from "@/lib/iam/core/rules";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ActionForm } from "@/components/forms/ActionForm";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { buttonStyles } from "@/components/forms/buttonStyles";
import type { FormAction } from "@/components/forms/actionState";
import type { PickerSearch } from "@/components/forms/pickerSearch";
import { ConfirmActionDialog } from "@/components/console/ConfirmActionDialog";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { Panel } from "@/components/console/Panel";
import { DataTable, type Column } from "@/components/table/DataTable";
import { groupHref } from "@/components/groups/groupHref";
import { policyHref } from "@/components/policies/policyHref";
import { AttachPoliciesDisclosure } from "@/components/policies/AttachPoliciesDisclosure";
import { inlinePolicyHref } from "@/components/policies/inlinePolicyHref";
import { permissionRowKey, type PermissionRow } from "./permissionRow";

/**
 * Every policy that applies to the user, each naming how it gets there ("Directly", "Group
 * Developers", "Inline"), as the AWS console's Permissions tab. Direct attachments can be detached
 * and the user's own inline policies edited or deleted here; group policies are changed on the group.
 */
export function UserPermissionsTab({
  userName,
  rows,
  readError,
  searchPolicies,
  attach,
  detach,
  deleteInline,
  permissions = {},
}: {
  userName: string;
  rows: readonly PermissionRow[];
  readError?: IamErrorView;
  searchPolicies: PickerSearch;
  attach: FormAction;
  detach: FormAction;
  deleteInline: FormAction;
  /** What the engine said about each kind of button (pagePermissions); one answer stands for every row. */
  permissions?: {
    readonly attach?: ControlPermission;
    readonly detach?: ControlPermission;
    readonly createInline?: ControlPermission;
    readonly deleteInline?: ControlPermission;
  };
}) {
  const directArns = new Set(rows.flatMap((row) => (row.kind === "direct" ? [row.policyArn] : [])));
  const columns: Column<PermissionRow>[] = [
    {
      key: "name",
      header: "Policy name",
      render: (row) =>
        "policyArn" in row ? (
          <Link href={policyHref(row.policyArn)} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
            {row.policyName}
          </Link>
        ) : (
          <Link
            href={row.kind === "inline" ? inlinePolicyHref("user", userName, row.policyName) : inlinePolicyHref("group", row.groupName, row.policyName)}
            className={`${buttonStyles.link} font-medium wrap-anywhere`}
          >
            {row.policyName}
          </Link>
        ),
    },
    { key: "type", header: "Type", render: (row) => (row.kind === "inline" || row.kind === "groupInline" ? "Customer inline" : "Managed policy") },
    {
      key: "via",
      header: "Attached via",
      render: (row) =>
        row.kind === "direct" ? (
          "Directly"
        ) : row.kind === "inline" ? (
          "Inline"
        ) : (
          <Link href={groupHref(row.groupName, "permissions")} className={buttonStyles.link}>
            Group {row.groupName}
          </Link>
        ),
    },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      className: "text-right",
      render: (row) =>
        row.kind === "direct" ? (
          <ActionForm
            action={detach}
            hidden={{ policyArn: row.policyArn }}
            submitLabel="Detach"
            pendingLabel="Detaching…"
            submitAriaLabel={`Detach ${row.policyName}`}
            submitTestId={`detach-${row.policyName}`}
            permission={permissions.detach}
          />
        ) : row.kind === "inline" ? (
          <div className="flex flex-wrap justify-end gap-2">
            <ButtonLink href={inlinePolicyHref("user", userName, row.policyName)} variant="secondary">
              Edit<span className="sr-only"> {row.policyName}</span>
            </ButtonLink>
            <ConfirmActionDialog
              action={deleteInline}
              hidden={{ policyName: row.policyName }}
              triggerLabel="Delete"
              triggerAriaLabel={`Delete inline policy ${row.policyName}`}
              title={`Delete inline policy ${row.policyName}?`}
              confirmLabel="Delete policy"
              testId={`delete-inline-${row.policyName}`}
              permission={permissions.deleteInline}
            >
              The permissions it grants to {userName} end immediately. An inline policy cannot be restored once deleted.
            </ConfirmActionDialog>
          </div>
        ) : null,
    },
  ];
  return (
    <Panel
      title={`Permissions policies (${rows.length})`}
      description="Permissions come from policies attached to the user directly, inline policies, and the policies of the user's groups."
      testId="user-permissions"
    >
      {readError && <ErrorPanel error={readError} />}
      <AttachPoliciesDisclosure search={searchPolicies} alreadyAttached={directArns} attach={attach} max={QUOTAS.AttachedPoliciesPerUser} permission={permissions.attach} />
      <div>
        <ButtonLink href={inlinePolicyHref("user", userName)} variant="secondary" testId="create-inline-policy" permission={permissions.createInline}>
          Create inline policy
        </ButtonLink>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="no-permissions">
          This user has no permissions. Add it to a group or attach a policy.
        </p>
      ) : (
        <DataTable caption="Policies that apply to this user" columns={columns} rows={rows} rowKey={permissionRowKey} rowTestId={(row) => (row.kind === "inline" ? "inline-policy-row" : undefined)} testId="user-permissions-table" />
      )}
    </Panel>
  );
}

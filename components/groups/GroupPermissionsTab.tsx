import Link from "next/link";
import { QUOTAS } from "@/lib/iam/core/rules";
import type { AttachedPolicy } from "@/lib/iam/policies/entity";
import { ActionForm } from "@/components/forms/ActionForm";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { buttonStyles } from "@/components/forms/buttonStyles";
import type { FormAction } from "@/components/forms/actionState";
import type { PickerSearch } from "@/components/forms/pickerSearch";
import { ConfirmActionDialog } from "@/components/console/ConfirmActionDialog";
import { Panel } from "@/components/console/Panel";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { DataTable, type Column } from "@/components/table/DataTable";
import { AttachPoliciesDisclosure } from "@/components/policies/AttachPoliciesDisclosure";
import { policyHref } from "@/components/policies/policyHref";
import { inlinePolicyHref } from "@/components/policies/inlinePolicyHref";

type Row = { kind: "managed"; policy: AttachedPolicy } | { kind: "inline"; name: string };

/** The group's managed policies (attach, detach) and inline policies (create, edit, delete). */
export function GroupPermissionsTab({
  groupName,
  attached,
  inline,
  searchPolicies,
  attach,
  detach,
  deleteInline,
  permissions = {},
}: {
  groupName: string;
  attached: readonly AttachedPolicy[];
  inline: readonly string[];
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
  const rows: Row[] = [...attached.map((policy) => ({ kind: "managed" as const, policy })), ...inline.map((name) => ({ kind: "inline" as const, name }))];
  const columns: Column<Row>[] = [
    {
      key: "name",
      header: "Policy name",
      render: (row) =>
        row.kind === "managed" ? (
          <Link href={policyHref(row.policy.PolicyArn)} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
            {row.policy.PolicyName}
          </Link>
        ) : (
          <Link href={inlinePolicyHref("group", groupName, row.name)} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
            {row.name}
          </Link>
        ),
    },
    { key: "type", header: "Type", render: (row) => (row.kind === "managed" ? "Managed policy" : "Customer inline") },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      className: "text-right",
      render: (row) =>
        row.kind === "managed" ? (
          <ActionForm
            action={detach}
            hidden={{ policyArn: row.policy.PolicyArn }}
            submitLabel="Detach"
            pendingLabel="Detaching…"
            submitAriaLabel={`Detach ${row.policy.PolicyName}`}
            submitTestId={`detach-${row.policy.PolicyName}`}
            permission={permissions.detach}
          />
        ) : (
          <div className="flex flex-wrap justify-end gap-2">
            <ButtonLink href={inlinePolicyHref("group", groupName, row.name)} variant="secondary">
              Edit<span className="sr-only"> {row.name}</span>
            </ButtonLink>
            <ConfirmActionDialog
              action={deleteInline}
              hidden={{ policyName: row.name }}
              triggerLabel="Delete"
              triggerAriaLabel={`Delete inline policy ${row.name}`}
              title={`Delete inline policy ${row.name}?`}
              confirmLabel="Delete policy"
              testId={`delete-inline-${row.name}`}
              permission={permissions.deleteInline}
            >
              Every member of {groupName} loses the permissions it grants, immediately. An inline policy cannot be restored once deleted.
            </ConfirmActionDialog>
          </div>
        ),
    },
  ];
  return (
    <Panel title={`Permissions policies (${rows.length})`} description="A group can have up to 10 managed policies attached, and inline policies of up to 5,120 characters in all." testId="group-permissions">
      <AttachPoliciesDisclosure search={searchPolicies} alreadyAttached={new Set(attached.map((p) => p.PolicyArn))} attach={attach} max={QUOTAS.AttachedPoliciesPerGroup} permission={permissions.attach} />
      <div>
        <ButtonLink href={inlinePolicyHref("group", groupName)} variant="secondary" testId="create-inline-policy" permission={permissions.createInline}>
          Create inline policy
        </ButtonLink>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No policies are attached to this group.</p>
      ) : (
        <DataTable caption="Policies attached to this group" columns={columns} rows={rows} rowKey={(row) => (row.kind === "managed" ? row.policy.PolicyArn : `inline:${row.name}`)} rowTestId={(row) => (row.kind === "inline" ? "inline-policy-row" : undefined)} testId="group-permissions-table" />
      )}
    </Panel>
  );
}

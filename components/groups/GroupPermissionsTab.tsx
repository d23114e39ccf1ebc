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

// What the tab says for each kind of owner: a role's Permissions tab is a group's without members.
const OWNERS = {
  group: {
    description: "A group can have up to 10 managed policies attached, and inline policies of up to 5,120 characters in all.",
    max: QUOTAS.AttachedPoliciesPerGroup,
    loses: (name: string) => `Every member of ${name} loses the permissions it grants, immediately.`,
    none: "No policies are attached to this group.",
    caption: "Policies attached to this group",
  },
  role: {
    description: "A role can have up to 10 managed policies attached, and inline policies of up to 10,240 characters in all. Its sessions get what these allow, within its permissions boundary.",
    max: QUOTAS.AttachedPoliciesPerRole,
    loses: (name: string) => `Sessions of ${name} lose the permissions it grants, immediately.`,
    none: "No policies are attached to this role: its sessions may do nothing.",
    caption: "Policies attached to this role",
  },
} as const;

/** The group's (or role's) managed policies (attach, detach) and inline policies (create, edit, delete). */
export function GroupPermissionsTab({
  owner = "group",
  groupName,
  attached,
  inline,
  searchPolicies,
  attach,
  detach,
  deleteInline,
  permissions = {},
}: {
  /** Whose policies these are: a group's, or a role's (`groupName` is then the role's name). */
  owner?: "group" | "role";
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
  const text = OWNERS[owner];
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
          <Link href={inlinePolicyHref(owner, groupName, row.name)} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
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
            <ButtonLink href={inlinePolicyHref(owner, groupName, row.name)} variant="secondary">
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
              {text.loses(groupName)} An inline policy cannot be restored once deleted.
            </ConfirmActionDialog>
          </div>
        ),
    },
  ];
  return (
    <Panel title={`Permissions policies (${rows.length})`} description={text.description} testId={`${owner}-permissions`}>
      <AttachPoliciesDisclosure search={searchPolicies} alreadyAttached={new Set(attached.map((p) => p.PolicyArn))} attach={attach} max={text.max} permission={permissions.attach} />
      <div>
        <ButtonLink href={inlinePolicyHref(owner, groupName)} variant="secondary" testId="create-inline-policy" permission={permissions.createInline}>
          Create inline policy
        </ButtonLink>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{text.none}</p>
      ) : (
        <DataTable caption={text.caption} columns={columns} rows={rows} rowKey={(row) => (row.kind === "managed" ? row.policy.PolicyArn : `inline:${row.name}`)} rowTestId={(row) => (row.kind === "inline" ? "inline-policy-row" : undefined)} testId={`${owner}-permissions-table`} />
      )}
    </Panel>
  );
}

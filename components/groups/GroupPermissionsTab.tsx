import Link from "next/link";
import type { IamErrorView } from "@/lib/iam/errors";
import type { AttachedPolicy } from "@/lib/iam/views";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ActionForm } from "@/components/forms/ActionForm";
import { buttonStyles } from "@/components/forms/buttonStyles";
import type { FormAction } from "@/components/forms/actionState";
import { Panel } from "@/components/console/Panel";
import { DataTable, type Column } from "@/components/table/DataTable";
import { AttachPoliciesDisclosure, type AttachablePolicy } from "@/components/policies/AttachPoliciesDisclosure";
import { policyHref } from "@/components/policies/policyHref";

type Row = { kind: "managed"; policy: AttachedPolicy } | { kind: "inline"; name: string };

/** The group's managed policies (attach, detach) and inline policies (read-only until the policy editor). */
export function GroupPermissionsTab({
  attached,
  inline,
  attachable,
  attach,
  detach,
}: {
  attached: readonly AttachedPolicy[];
  inline: readonly string[];
  attachable: { ok: true; items: readonly AttachablePolicy[] } | { ok: false; error: IamErrorView };
  attach: FormAction;
  detach: FormAction;
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
          <span className="font-medium wrap-anywhere">{row.name}</span>
        ),
    },
    { key: "type", header: "Type", render: (row) => (row.kind === "managed" ? "Managed policy" : "Inline policy") },
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
          />
        ) : null,
    },
  ];
  return (
    <Panel title={`Permissions policies (${rows.length})`} description="A group can have up to 10 managed policies attached." testId="group-permissions">
      {attachable.ok ? (
        <AttachPoliciesDisclosure policies={attachable.items} alreadyAttached={new Set(attached.map((p) => p.PolicyArn))} attach={attach} />
      ) : (
        <ErrorPanel error={attachable.error} />
      )}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No policies are attached to this group.</p>
      ) : (
        <DataTable caption="Policies attached to this group" columns={columns} rows={rows} rowKey={(row) => (row.kind === "managed" ? row.policy.PolicyArn : `inline:${row.name}`)} testId="group-permissions-table" />
      )}
    </Panel>
  );
}

import Link from "next/link";
import type { IamErrorView } from "@/lib/iam/core/errors";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { Panel } from "@/components/console/Panel";
import { DataTable, type Column } from "@/components/table/DataTable";
import { groupHref } from "@/components/groups/groupHref";
import { inlinePolicyHref } from "@/components/policies/inlinePolicyHref";
import { policyHref } from "@/components/policies/policyHref";
import { permissionRowKey, type PermissionRow } from "./permissionRow";

// AWS managed policies live in the "aws" partition account of the ARN: arn:aws:iam::aws:policy/….
const isAwsManaged = (arn: string) => arn.startsWith("arn:aws:iam::aws:");

function policyType(row: PermissionRow): string {
  if (row.kind === "inline" || row.kind === "groupInline") return "Customer inline";
  return isAwsManaged(row.policyArn) ? "AWS managed" : "Customer managed";
}

function policyLink(userName: string, row: PermissionRow): string {
  switch (row.kind) {
    case "direct":
    case "group":
      return policyHref(row.policyArn);
    case "inline":
      return inlinePolicyHref("user", userName, row.policyName);
    case "groupInline":
      return inlinePolicyHref("group", row.groupName, row.policyName);
  }
}

function Source({ row }: { row: PermissionRow }) {
  if (row.kind === "direct") return <>Directly</>;
  if (row.kind === "inline") return <>Inline</>;
  const group = (
    <Link href={groupHref(row.groupName, "permissions")} className={buttonStyles.link}>
      {row.groupName}
    </Link>
  );
  return row.kind === "group" ? <>Group {group}</> : <>Inline in group {group}</>;
}

/**
 * Every policy the engine weighs for this user, and the path it arrives by. The engine evaluates
 * them all together: any explicit Deny wins, otherwise any Allow grants.
 */
export function EffectivePermissionsPanel({ userName, rows, readError }: { userName: string; rows: readonly PermissionRow[]; readError?: IamErrorView }) {
  const columns: Column<PermissionRow>[] = [
    {
      key: "name",
      header: "Policy name",
      render: (row) => (
        <Link href={policyLink(userName, row)} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
          {row.policyName}
        </Link>
      ),
    },
    { key: "type", header: "Type", render: policyType },
    { key: "source", header: "Comes from", render: (row) => <Source row={row} /> },
  ];
  return (
    <Panel
      title={`Policies that apply (${rows.length})`}
      description="Every identity-based policy evaluated for this user's requests: attached directly, inline, and those of each group the user is in."
      testId="effective-permissions"
    >
      {readError && <ErrorPanel error={readError} />}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No policy applies to this user, so every request is implicitly denied.</p>
      ) : (
        <DataTable caption="Policies that apply to this user" columns={columns} rows={rows} rowKey={permissionRowKey} testId="effective-permissions-table" />
      )}
    </Panel>
  );
}

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

function policyLink(owner: "user" | "role", name: string, row: PermissionRow): string {
  switch (row.kind) {
    case "direct":
    case "group":
      return policyHref(row.policyArn);
    case "inline":
      return inlinePolicyHref(owner, name, row.policyName);
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

// A role has no groups: its sessions get its own attached and inline policies.
const DESCRIPTIONS = {
  user: "Every identity-based policy evaluated for this user's requests: attached directly, inline, and those of each group the user is in.",
  role: "Every identity-based policy evaluated for requests by sessions of this role: attached to the role, and inline.",
};

/**
 * Every policy the engine weighs for this user (or role), and the path it arrives by. The engine
 * evaluates them all together: any explicit Deny wins, otherwise any Allow grants.
 */
export function EffectivePermissionsPanel({
  owner = "user",
  userName,
  rows,
  readError,
  boundaryArn,
}: {
  /** Whose policies: a user's, or a role's (`userName` is then the role's name). */
  owner?: "user" | "role";
  userName: string;
  rows: readonly PermissionRow[];
  readError?: IamErrorView;
  /** The permissions boundary's ARN, when one is set: the engine weighs it too, as the cap on what these policies grant. */
  boundaryArn?: string;
}) {
  const columns: Column<PermissionRow>[] = [
    {
      key: "name",
      header: "Policy name",
      render: (row) => (
        <Link href={policyLink(owner, userName, row)} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
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
      description={DESCRIPTIONS[owner]}
      testId="effective-permissions"
    >
      {readError && <ErrorPanel error={readError} />}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No policy applies to this {owner}, so every request is implicitly denied.</p>
      ) : (
        <DataTable caption={`Policies that apply to this ${owner}`} columns={columns} rows={rows} rowKey={permissionRowKey} testId="effective-permissions-table" />
      )}
      {boundaryArn && (
        <p className="text-sm text-slate-700" data-testid="effective-permissions-boundary">
          Permissions boundary{" "}
          <Link href={policyHref(boundaryArn)} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
            {boundaryArn.slice(boundaryArn.lastIndexOf("/") + 1)}
          </Link>
          : these policies grant only what it allows too.
        </p>
      )}
    </Panel>
  );
}

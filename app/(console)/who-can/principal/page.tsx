import Link from "next/link";
import { requireCaller } from "@/lib/auth/session";
import type { ListPrincipalPermissionsOutput, ResourceGrant } from "@/lib/iam/policies/principalPermissions";
import { PageHeader } from "@/components/console/PageHeader";
import { Panel } from "@/components/console/Panel";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { groupHref } from "@/components/groups/groupHref";
import { policyHref } from "@/components/policies/policyHref";
import { roleHref } from "@/components/roles/roleHref";
import { DataTable, type Column } from "@/components/table/DataTable";
import { EmptyState } from "@/components/table/EmptyState";
import { FilterBox } from "@/components/table/FilterBox";
import { Pagination } from "@/components/table/Pagination";
import { param, type SearchParams } from "@/components/table/queryHref";
import { userHref } from "@/components/users/userHref";
import { DecisionBadge } from "@/components/whoCan/DecisionBadge";
import { grantGroups, type GrantGroup } from "@/components/whoCan/grantGroups";
import { StatementSource, type StatementOwner } from "@/components/whoCan/StatementSource";
import { VerdictNotes } from "@/components/whoCan/VerdictNotes";
import { loadPrincipalPermissions, PRINCIPAL_PERMISSIONS_PAGE_SIZE as PAGE_SIZE } from "./loadPrincipalPermissions";

export const dynamic = "force-dynamic";

const TYPE_LABELS = { user: "user", group: "user group", role: "role" } as const;

interface GrantRow {
  readonly group: GrantGroup;
  readonly grant: ResourceGrant;
  /** The first row of a group names its actions; the others continue it. */
  readonly first: boolean;
}

function ActionsCell({ group, catalogCount }: { group: GrantGroup; catalogCount: number }) {
  const names = group.actions.map((a) => (
    <code key={a.ActionName} className="font-mono text-xs font-medium wrap-anywhere" data-testid={`action-${a.ActionName}`}>
      {a.ActionName}
    </code>
  ));
  if (names.length === 1) return names[0];
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium text-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
        {names.length === catalogCount ? `All ${names.length} actions` : `${names.length} actions`}
      </summary>
      <ul className="mt-1 flex flex-col gap-0.5">
        {names.map((name, i) => (
          <li key={i}>{name}</li>
        ))}
      </ul>
    </details>
  );
}

function accessLevels(group: GrantGroup): React.ReactNode {
  const levels = [...new Set(group.actions.map((a) => a.AccessLevel))];
  if (levels.every((level) => level === undefined)) return <span className="text-slate-500">Not in AWS&apos;s catalog</span>;
  return levels.filter((level) => level !== undefined).join(", ");
}

function columns(owner: StatementOwner, catalogCount: number): Column<GrantRow>[] {
  return [
    {
      key: "action",
      header: "Actions",
      className: "min-w-40",
      render: (row) => (row.first ? <ActionsCell group={row.group} catalogCount={catalogCount} /> : <span className="text-xs text-slate-600">(continued)</span>),
    },
    { key: "level", header: "Access level", className: "hidden md:table-cell", render: (row) => (row.first ? accessLevels(row.group) : null) },
    { key: "resource", header: "Resource", render: (row) => <code className="font-mono text-xs wrap-anywhere">{row.grant.Resource}</code> },
    { key: "decision", header: "Decision", render: (row) => <DecisionBadge decision={row.grant.Decision} /> },
    {
      key: "statement",
      header: "Statement",
      className: "min-w-56",
      render: (row) => (
        <div className="flex flex-col gap-1 text-sm">
          {row.grant.DecidingStatements.map((s, i) => (
            <StatementSource key={i} statement={s} owner={owner} />
          ))}
          <VerdictNotes verdict={row.grant} owner={owner} />
        </div>
      ),
    },
  ];
}

function entityHref(out: ListPrincipalPermissionsOutput): string {
  return out.PrincipalType === "user" ? userHref(out.PrincipalName) : out.PrincipalType === "group" ? groupHref(out.PrincipalName) : roleHref(out.PrincipalName);
}

export default async function PrincipalPermissionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const current = await searchParams;
  const caller = await requireCaller();
  const arn = param(current, "arn") ?? "";
  const service = param(current, "service")?.trim().toLowerCase() || undefined;
  const result = arn ? await loadPrincipalPermissions(caller, { arn, service, marker: param(current, "marker") }) : undefined;
  const out = result?.ok ? result.value : undefined;
  const owner: StatementOwner | undefined = out ? { kind: out.PrincipalType, name: out.PrincipalName } : undefined;

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={out ? `What ${out.PrincipalName} can do` : "What it can do"}
        description="Every action the identity-based policies allow, service by service, decided by the engine on each resource pattern the policies name: with the statement that grants it, and the permissions boundary, conditions and Denies that limit it."
        actions={
          <Link href="/who-can" className={buttonStyles.secondary}>
            Who can…
          </Link>
        }
      />
      {result === undefined ? (
        <EmptyState title="No principal chosen" description="Open this page from a user, group or role, or from a “Who can” answer." testId="principal-permissions-unasked" />
      ) : !result.ok ? (
        <ErrorPanel error={result.error} />
      ) : (
        <>
          <p className="text-sm text-slate-800" data-testid="principal-permissions-summary">
            The {TYPE_LABELS[out!.PrincipalType]}{" "}
            <Link href={entityHref(out!)} className={`${buttonStyles.link} font-medium`}>
              {out!.PrincipalName}
            </Link>{" "}
            is allowed actions in {out!.ServiceCount === 1 ? "1 service" : `${out!.ServiceCount} services`}
            {service ? ` matching ${service}` : ""}.
            {out!.PermissionsBoundaryArn && (
              <>
                {" "}
                Its permissions boundary{" "}
                <Link href={policyHref(out!.PermissionsBoundaryArn)} className={buttonStyles.link}>
                  {out!.PermissionsBoundaryArn.split("/").at(-1)}
                </Link>{" "}
                caps every grant.
              </>
            )}
            {out!.SessionPoliciesMayLimit && " Session policies passed when the role is assumed may limit a session further."}
          </p>
          <FilterBox label="Service prefix" name="service" current={current} testId="principal-permissions-service" />
          {out!.Services.length === 0 ? (
            <EmptyState
              title={service ? "No matching service" : "Nothing allowed"}
              description={service ? `No policy of ${out!.PrincipalName} allows an action of ${service}.` : `No identity-based policy of ${out!.PrincipalName} allows any action.`}
              testId="principal-permissions-empty"
            />
          ) : (
            out!.Services.map((s) => (
              <Panel key={s.Service} title={`${s.ServiceName} (${s.Service})`} description={`${s.AllowedActionCount} of ${s.CatalogActionCount || s.Actions.length} actions allowed`} testId={`service-${s.Service}`}>
                <DataTable
                  caption={`${s.Service} actions`}
                  columns={columns(owner!, s.CatalogActionCount)}
                  rows={grantGroups(s.Actions).flatMap((group) => group.grants.map((grant, i) => ({ group, grant, first: i === 0 })))}
                  rowKey={(row) => `${row.group.actions[0]!.ActionName} ${row.grant.Resource}`}
                />
              </Panel>
            ))
          )}
          <Pagination path="/who-can/principal" current={current} nextMarker={out!.IsTruncated ? out!.Marker : undefined} pageSize={PAGE_SIZE} itemsOnPage={out!.Services.length} totalCount={out!.ServiceCount} noun="services" />
        </>
      )}
    </div>
  );
}

import Link from "next/link";
import { requireCaller } from "@/lib/auth/session";
import type { RoleView } from "@/lib/iam/roles/entity";
import { trustedEntities, trustedEntityLabel, trustsAnyone } from "@/lib/iam/roles/trustedEntities";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { PageHeader } from "@/components/console/PageHeader";
import { DateTime } from "@/components/console/DateTime";
import { roleHref } from "@/components/roles/roleHref";
import { DataTable, type Column } from "@/components/table/DataTable";
import { EmptyState } from "@/components/table/EmptyState";
import { FilterBox } from "@/components/table/FilterBox";
import { Pagination } from "@/components/table/Pagination";
import { hrefWith, param, RESET_PAGE, type SearchParams } from "@/components/table/queryHref";
import { LIST_PAGE_SIZE, loadRolesList } from "../../_server/listPages";

export const dynamic = "force-dynamic";

/** The trusted entities of one role, read from the trust policy ListRoles returned: no call per row. */
function TrustedEntities({ role, accountId }: { role: RoleView; accountId: string }) {
  const summary = trustedEntities(role.AssumeRolePolicyDocument, accountId);
  if (!summary.ok) return <span className="text-slate-500">{summary.problem}</span>;
  const labels = [...new Set(summary.entities.map(trustedEntityLabel))];
  if (labels.length === 0) return <span className="text-slate-500">Nobody (no Allow statement)</span>;
  const open = summary.entities.some(trustsAnyone);
  return (
    <ul className="flex flex-col gap-0.5">
      {labels.map((label) => (
        <li key={label} className="break-words">
          {label}
        </li>
      ))}
      {open && (
        <li>
          <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800" data-testid="trusts-anyone">
            Anyone can assume this role
          </span>
        </li>
      )}
    </ul>
  );
}

// AWS's roles-list columns; every one comes from the same ListRoles call (IncludeRoleLastUsed).
function columns(accountId: string): Column<RoleView>[] {
  return [
    {
      key: "name",
      header: "Role name",
      sortKey: "RoleName",
      render: (role) => (
        <Link href={roleHref(role.RoleName)} className={`${buttonStyles.link} font-medium break-words`}>
          {role.RoleName}
        </Link>
      ),
    },
    { key: "trusted", header: "Trusted entities", render: (role) => <TrustedEntities role={role} accountId={accountId} /> },
    { key: "lastActivity", header: "Last activity", render: (role) => <DateTime value={role.RoleLastUsed?.LastUsedDate} /> },
    { key: "created", header: "Creation date", sortKey: "CreateDate", className: "hidden md:table-cell", render: (role) => <DateTime value={role.CreateDate} /> },
  ];
}

export default async function RolesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const current = await searchParams;
  const caller = await requireCaller();
  const { result, sort, filter, permissions } = await loadRolesList(caller, current);
  const createButton = (
    <ButtonLink href="/roles/new" testId="create-role" permission={permissions.createRole}>
      Create role
    </ButtonLink>
  );

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Roles"
        description="A role is an identity with no long-term credentials: its trust policy says who may assume it, and a session of the role gets the role's permissions for a limited time."
        actions={createButton}
      />
      {!result.ok ? (
        <ErrorPanel error={result.error} />
      ) : result.value.Roles.length === 0 && !filter && !param(current, "marker") ? (
        <EmptyState
          title="No roles"
          description="Create a role for people of this or another account to switch into, or for an AWS service to act with, instead of sharing long-term access keys."
          action={createButton}
          testId="roles-empty"
        />
      ) : (
        <>
          <FilterBox label="Find roles by name" current={current} testId="roles-filter" />
          {result.value.Roles.length === 0 ? (
            <EmptyState title="No matching roles" description={`No role has a name containing “${filter}”.`} testId="roles-no-match" />
          ) : (
            <DataTable
              caption="IAM roles"
              columns={columns(caller.accountId ?? "")}
              rows={result.value.Roles}
              rowKey={(role) => role.RoleId}
              sort={{ ...sort, href: (by, order) => hrefWith("/roles", current, { ...RESET_PAGE, sort: by, order }) }}
              testId="roles-table"
            />
          )}
          <Pagination
            path="/roles"
            current={current}
            nextMarker={result.value.IsTruncated ? result.value.Marker : undefined}
            pageSize={LIST_PAGE_SIZE}
            itemsOnPage={result.value.Roles.length}
            totalCount={result.value.TotalCount}
            noun="roles"
          />
        </>
      )}
    </div>
  );
}

import Link from "next/link";
import { requireCaller } from "@/lib/auth/session";
import type { ListedGroup } from "@/lib/iam/groups/groups";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { DateTime } from "@/components/console/DateTime";
import { PageHeader } from "@/components/console/PageHeader";
import { groupHref } from "@/components/groups/groupHref";
import { DataTable, type Column } from "@/components/table/DataTable";
import { EmptyState } from "@/components/table/EmptyState";
import { FilterBox } from "@/components/table/FilterBox";
import { Pagination } from "@/components/table/Pagination";
import { hrefWith, param, RESET_PAGE, type SearchParams } from "@/components/table/queryHref";
import { LIST_PAGE_SIZE, loadGroupsList } from "../../_server/listPages";

export const dynamic = "force-dynamic";

// A count the caller may not read (its List/Get action was denied) says so rather than guessing.
const count = (value: number | undefined, action: string) =>
  value === undefined ? <span className="text-slate-500" title={`${action} was denied`}>Not authorized</span> : value;

const columns: Column<ListedGroup>[] = [
  {
    key: "name",
    header: "Group name",
    sortKey: "GroupName",
    render: (group) => (
      <Link href={groupHref(group.GroupName)} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
        {group.GroupName}
      </Link>
    ),
  },
  { key: "users", header: "Users", render: (group) => count(group.ConsoleColumns?.Users, "iam:GetGroup") },
  {
    key: "permissions",
    header: "Permissions",
    render: (group) => {
      const columns = group.ConsoleColumns;
      const total = columns?.AttachedPolicies === undefined || columns.InlinePolicies === undefined ? undefined : columns.AttachedPolicies + columns.InlinePolicies;
      return count(total, "iam:ListAttachedGroupPolicies or iam:ListGroupPolicies");
    },
  },
  { key: "path", header: "Path", render: (group) => <code className="font-mono text-xs wrap-anywhere">{group.Path}</code> },
  { key: "created", header: "Created", sortKey: "CreateDate", render: (group) => <DateTime value={group.CreateDate} /> },
];

export default async function GroupsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const current = await searchParams;
  const caller = await requireCaller();
  const { result, sort, filter, permissions } = await loadGroupsList(caller, current);
  const createButton = (
    <ButtonLink href="/groups/new" testId="create-group" permission={permissions.createGroup}>
      Create group
    </ButtonLink>
  );
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="User groups"
        description="A user group is a collection of IAM users. Policies attached to a group apply to every user in it."
        actions={createButton}
      />
      {!result.ok ? (
        <ErrorPanel error={result.error} />
      ) : result.value.Groups.length === 0 && !filter && !param(current, "marker") ? (
        <EmptyState
          title="No groups"
          description="Create a group for each job function (Developers, Auditors, …) and grant permissions to the group rather than to each user."
          action={createButton}
          testId="groups-empty"
        />
      ) : (
        <>
          <FilterBox label="Find groups by name" current={current} testId="groups-filter" />
          {result.value.Groups.length === 0 ? (
            <EmptyState title="No matching groups" description={`No group name contains “${filter}”.`} />
          ) : (
            <DataTable
              caption="User groups"
              columns={columns}
              rows={result.value.Groups}
              rowKey={(group) => group.GroupId}
              sort={{ ...sort, href: (by, order) => hrefWith("/groups", current, { ...RESET_PAGE, sort: by, order }) }}
              testId="groups-table"
            />
          )}
          <Pagination
            path="/groups"
            current={current}
            nextMarker={result.value.IsTruncated ? result.value.Marker : undefined}
            pageSize={LIST_PAGE_SIZE}
            itemsOnPage={result.value.Groups.length}
            totalCount={result.value.TotalCount}
            noun="groups"
          />
        </>
      )}
    </div>
  );
}

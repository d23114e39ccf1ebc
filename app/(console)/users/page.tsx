import Link from "next/link";
import { requireCaller } from "@/lib/auth/session";
import { ListUsers } from "@/lib/iam/users/users";
import type { UserView } from "@/lib/iam/users/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { PageHeader } from "@/components/console/PageHeader";
import { DateTime } from "@/components/console/DateTime";
import { DataTable, type Column } from "@/components/table/DataTable";
import { EmptyState } from "@/components/table/EmptyState";
import { FilterBox } from "@/components/table/FilterBox";
import { Pagination } from "@/components/table/Pagination";
import { hrefWith, param, RESET_PAGE, type SearchParams } from "@/components/table/queryHref";
import { readOperation } from "../_server/readOperation";
import { listSort } from "../_server/listSort";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 25;
const SORTABLE = ["UserName", "PasswordLastUsed", "CreateDate"] as const;


const columns: Column<UserView>[] = [
  {
    key: "name",
    header: "User name",
    sortKey: "UserName",
    render: (user) => (
      <Link href={`/users/${encodeURIComponent(user.UserName)}`} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
        {user.UserName}
      </Link>
    ),
  },
  { key: "path", header: "Path", render: (user) => <code className="font-mono text-xs wrap-anywhere">{user.Path}</code> },
  { key: "arn", header: "ARN", className: "hidden lg:table-cell", render: (user) => <code className="font-mono text-xs wrap-anywhere text-slate-600">{user.Arn}</code> },
  { key: "lastSignIn", header: "Last console sign-in", sortKey: "PasswordLastUsed", render: (user) => <DateTime value={user.PasswordLastUsed} /> },
  { key: "created", header: "Created", sortKey: "CreateDate", render: (user) => <DateTime value={user.CreateDate} /> },
];

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const current = await searchParams;
  const caller = await requireCaller();
  const filter = param(current, "filter")?.trim() || undefined;
  const sort = listSort(current, SORTABLE, "UserName");
  const result = await readOperation(
    ListUsers,
    { Filter: filter, SortBy: sort.by, SortOrder: sort.apiOrder, Marker: param(current, "marker"), MaxItems: PAGE_SIZE },
    caller,
  );
  const createButton = (
    <ButtonLink href="/users/new" testId="create-user">
      Create user
    </ButtonLink>
  );

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Users"
        description="An IAM user is an identity with long-term credentials for one person or application. Create one user per person and grant access through groups."
        actions={createButton}
      />
      {!result.ok ? (
        <ErrorPanel error={result.error} />
      ) : result.value.Users.length === 0 && !filter && !param(current, "marker") ? (
        <EmptyState
          title="No users"
          description="A new IAM user has no permissions until you add it to a group or attach a policy."
          action={createButton}
          testId="users-empty"
        />
      ) : (
        <>
          <FilterBox label="Find users by name" current={current} testId="users-filter" />
          {result.value.Users.length === 0 ? (
            <EmptyState title="No matching users" description={`No user name contains “${filter}”.`} testId="users-no-match" />
          ) : (
            <DataTable
              caption="IAM users"
              columns={columns}
              rows={result.value.Users}
              rowKey={(user) => user.UserId}
              sort={{ ...sort, href: (by, order) => hrefWith("/users", current, { ...RESET_PAGE, sort: by, order }) }}
              testId="users-table"
            />
          )}
          <Pagination
            path="/users"
            current={current}
            nextMarker={result.value.IsTruncated ? result.value.Marker : undefined}
            pageSize={PAGE_SIZE}
            itemsOnPage={result.value.Users.length}
            totalCount={result.value.TotalCount}
            noun="users"
          />
        </>
      )}
    </div>
  );
}

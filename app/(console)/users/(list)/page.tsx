import Link from "next/link";
import { requireCaller } from "@/lib/auth/session";
import type { ListedUser, UserConsoleColumns } from "@/lib/iam/users/users";
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
import { age } from "@/components/text/age";
import { plural } from "@/components/text/plural";
import { UsersListFilterSelects } from "@/components/users/UsersListFilterSelects";
import { describeUsersListFilter, USERS_LIST_FILTER_NAMES } from "@/components/users/usersListFilters";
import { LIST_PAGE_SIZE, loadUsersList } from "../../_server/listPages";

export const dynamic = "force-dynamic";

const muted = (text: string, title?: string) => (
  <span className="text-slate-500" title={title}>
    {text}
  </span>
);

/** A console column the caller may not read (its action was denied) says so rather than guessing. */
function column<K extends keyof UserConsoleColumns>(user: ListedUser, key: K, action: string, render: (value: NonNullable<UserConsoleColumns[K]> | null) => React.ReactNode) {
  const columns = user.ConsoleColumns;
  if (!columns || !(key in columns)) return muted("Not authorized", `${action} was denied`);
  return render((columns[key] ?? null) as NonNullable<UserConsoleColumns[K]> | null);
}

/** The most recent use of any of the user's credentials: a console sign-in or an access key's last request. */
function lastActivity(user: ListedUser): Date | undefined {
  const times = [user.PasswordLastUsed, ...(user.ConsoleColumns?.AccessKeys ?? []).map((key) => key.LastUsedDate)].filter((t): t is Date => t instanceof Date);
  return times.sort((a, b) => b.getTime() - a.getTime())[0];
}

// AWS's users-list columns. Every one comes from the same ListUsers call (IncludeConsoleColumns).
function columnsAt(now: number): Column<ListedUser>[] {
  return [
    {
      key: "name",
      header: "User name",
      sortKey: "UserName",
      render: (user) => (
        <Link href={`/users/${encodeURIComponent(user.UserName)}`} className={`${buttonStyles.link} font-medium break-words`}>
          {user.UserName}
        </Link>
      ),
    },
    { key: "path", header: "Path", className: "hidden xl:table-cell", render: (user) => <code className="font-mono text-xs wrap-anywhere">{user.Path}</code> },
    {
      key: "groups",
      header: "Groups",
      render: (user) => column(user, "Groups", "iam:ListGroupsForUser", (groups) => (groups && groups.length > 0 ? <span className="break-words">{groups.join(", ")}</span> : muted("None"))),
    },
    { key: "lastActivity", header: "Last activity", className: "hidden lg:table-cell", render: (user) => <DateTime value={lastActivity(user)} /> },
    {
      key: "mfa",
      header: "MFA",
      render: (user) => column(user, "MFADevices", "iam:ListMFADevices", (count) => (count ? (count === 1 ? "Virtual" : plural(count, "virtual device")) : <span className="whitespace-nowrap">{muted("Not enabled")}</span>)),
    },
    {
      key: "passwordAge",
      header: "Password age",
      render: (user) => column(user, "PasswordChangedAt", "iam:GetLoginProfile", (changed) => (changed ? age(changed, now) : muted("No console password"))),
    },
    { key: "lastSignIn", header: "Console last sign-in", sortKey: "PasswordLastUsed", render: (user) => <DateTime value={user.PasswordLastUsed} /> },
    {
      key: "accessKeyId",
      header: "Access key ID",
      render: (user) =>
        column(user, "AccessKeys", "iam:ListAccessKeys", (keys) =>
          keys && keys.length > 0 ? (
            <ul className="flex flex-col gap-0.5">
              {keys.map((key) => (
                <li key={key.AccessKeyId} className="whitespace-nowrap">
                  <code className="font-mono text-xs">{key.AccessKeyId}</code>{" "}
                  <span className="text-xs text-slate-600">
                    {key.Status} · {age(key.CreateDate, now)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            muted("None")
          ),
        ),
    },
    {
      key: "keyAge",
      header: "Active key age",
      render: (user) =>
        column(user, "AccessKeys", "iam:ListAccessKeys", (keys) => {
          const oldest = keys?.filter((key) => key.Status === "Active").map((key) => key.CreateDate.getTime()).sort((a, b) => a - b)[0];
          return oldest === undefined ? muted("None") : age(new Date(oldest), now);
        }),
    },
    { key: "created", header: "Created", sortKey: "CreateDate", className: "hidden lg:table-cell", render: (user) => <DateTime value={user.CreateDate} /> },
  ];
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const current = await searchParams;
  const caller = await requireCaller();
  const { result, sort, filter, credentials, permissions } = await loadUsersList(caller, current);
  const filteredBy = [...(filter ? [`a name containing “${filter}”`] : []), ...describeUsersListFilter(credentials)];
  const createButton = (
    <ButtonLink href="/users/new" testId="create-user" permission={permissions.createUser}>
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
      ) : result.value.Users.length === 0 && filteredBy.length === 0 && !param(current, "marker") ? (
        <EmptyState
          title="No users"
          description="A new IAM user has no permissions until you add it to a group or attach a policy."
          action={createButton}
          testId="users-empty"
        />
      ) : (
        <>
          <FilterBox label="Find users by name" current={current} testId="users-filter" childNames={USERS_LIST_FILTER_NAMES}>
            <UsersListFilterSelects chosen={credentials} />
          </FilterBox>
          {result.value.Users.length === 0 ? (
            <EmptyState title="No matching users" description={`No user matches: ${filteredBy.join(", ")}.`} testId="users-no-match" />
          ) : (
            <DataTable
              caption="IAM users"
              columns={columnsAt(Date.now())}
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
            pageSize={LIST_PAGE_SIZE}
            itemsOnPage={result.value.Users.length}
            totalCount={result.value.TotalCount}
            noun="users"
          />
        </>
      )}
    </div>
  );
}

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
import { LIST_PAGE_SIZE, loadUsersList } from "../../_server/listPages";

export const dynamic = "force-dynamic";

const DAY_MS = 24 * 60 * 60 * 1000;

/** "Today", "1 day", "93 days": how AWS's console shows password and access-key age. */
function age(since: Date, now: number): string {
  const days = Math.floor((now - since.getTime()) / DAY_MS);
  return days <= 0 ? "Today" : `${days} day${days === 1 ? "" : "s"}`;
}

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

function columnsAt(now: number): Column<ListedUser>[] {
  return [
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
  { key: "path", header: "Path", className: "hidden xl:table-cell", render: (user) => <code className="font-mono text-xs wrap-anywhere">{user.Path}</code> },
  {
    key: "groups",
    header: "Groups",
    render: (user) => column(user, "Groups", "iam:ListGroupsForUser", (groups) => (groups && groups.length > 0 ? <span title={groups.join(", ")}>{groups.length}</span> : muted("None"))),
  },
  { key: "lastSignIn", header: "Last console sign-in", sortKey: "PasswordLastUsed", render: (user) => <DateTime value={user.PasswordLastUsed} /> },
  {
    key: "mfa",
    header: "MFA",
    render: (user) => column(user, "MFADevices", "iam:ListMFADevices", (count) => (count ? "Virtual" : muted("Not enabled"))),
  },
  {
    key: "passwordAge",
    header: "Password age",
    render: (user) => column(user, "PasswordChangedAt", "iam:GetLoginProfile", (changed) => (changed ? age(changed, now) : muted("No console password"))),
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
  const { result, sort, filter } = await loadUsersList(caller, current);
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

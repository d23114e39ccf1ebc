import Link from "next/link";
import type { UserView } from "@/lib/iam/users/entity";
import { ActionForm } from "@/components/forms/ActionForm";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { SearchPicker } from "@/components/forms/SearchPicker";
import type { FormAction } from "@/components/forms/actionState";
import type { PickerSearch } from "@/components/forms/pickerSearch";
import { DateTime } from "@/components/console/DateTime";
import { Disclosure } from "@/components/console/Disclosure";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { Panel } from "@/components/console/Panel";
import { DataTable, type Column } from "@/components/table/DataTable";
import { userHref } from "@/components/users/userHref";

/** The group's members, with "Add users" (a picker that searches the account's users) and a Remove per member. */
export function GroupUsersTab({
  members,
  searchUsers,
  add,
  remove,
  permissions = {},
}: {
  members: readonly UserView[];
  searchUsers: PickerSearch;
  add: FormAction;
  remove: FormAction;
  /** What the engine said about adding a user (still to be picked) to the group and removing one. */
  permissions?: { readonly add?: ControlPermission; readonly remove?: ControlPermission };
}) {
  const isMember = new Set(members.map((user) => user.UserName));
  const columns: Column<UserView>[] = [
    {
      key: "name",
      header: "User name",
      render: (user) => (
        <Link href={userHref(user.UserName)} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
          {user.UserName}
        </Link>
      ),
    },
    { key: "lastSignIn", header: "Last console sign-in", render: (user) => <DateTime value={user.PasswordLastUsed} /> },
    { key: "created", header: "Created", render: (user) => <DateTime value={user.CreateDate} /> },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      className: "text-right",
      render: (user) => (
        <ActionForm
          action={remove}
          hidden={{ userName: user.UserName }}
          submitLabel="Remove"
          pendingLabel="Removing…"
          submitAriaLabel={`Remove ${user.UserName} from the group`}
          submitTestId={`remove-member-${user.UserName}`}
          permission={permissions.remove}
        />
      ),
    },
  ];
  return (
    <Panel title={`Users in this group (${members.length})`} description="Every user in the group gets the group's permissions." testId="group-users">
      <Disclosure summary="Add users" testId="add-users" permission={permissions.add}>
        <ActionForm action={add} submitLabel="Add users" pendingLabel="Adding…" variant="primary" className="flex flex-col items-start gap-3" submitTestId="add-users-submit">
          <SearchPicker
            legend="Users"
            name="userName"
            search={searchUsers}
            unavailable={isMember}
            unavailableReason="already a member"
            filterLabel="Search users by name"
            emptyText="There are no users in this account yet."
            testId="add-users-list"
          />
        </ActionForm>
      </Disclosure>
      {members.length === 0 ? (
        <p className="text-sm text-slate-600">No users in this group.</p>
      ) : (
        <DataTable caption="Users in this group" columns={columns} rows={members} rowKey={(user) => user.UserId} testId="group-users-table" />
      )}
    </Panel>
  );
}

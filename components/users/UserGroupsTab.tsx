import Link from "next/link";
import type { GroupView } from "@/lib/iam/groups/entity";
import type { IamErrorView } from "@/lib/iam/core/errors";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ActionForm } from "@/components/forms/ActionForm";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { CheckboxList } from "@/components/forms/CheckboxList";
import type { FormAction } from "@/components/forms/actionState";
import { DateTime } from "@/components/console/DateTime";
import { Disclosure } from "@/components/console/Disclosure";
import { Panel } from "@/components/console/Panel";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { DataTable, type Column } from "@/components/table/DataTable";
import { groupHref } from "@/components/groups/groupHref";

/** The groups a user belongs to, with "Add user to groups" and a Remove per membership. */
export function UserGroupsTab({
  memberOf,
  allGroups,
  add,
  remove,
  permissions = {},
}: {
  memberOf: readonly GroupView[];
  allGroups: { ok: true; items: readonly GroupView[] } | { ok: false; error: IamErrorView };
  add: FormAction;
  remove: FormAction;
  /** What the engine said about adding to a group (the group still to be chosen) and removing from one. */
  permissions?: { readonly add?: ControlPermission; readonly remove?: ControlPermission };
}) {
  const member = new Set(memberOf.map((group) => group.GroupName));
  const columns: Column<GroupView>[] = [
    {
      key: "name",
      header: "Group name",
      render: (group) => (
        <Link href={groupHref(group.GroupName)} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
          {group.GroupName}
        </Link>
      ),
    },
    { key: "path", header: "Path", render: (group) => <code className="font-mono text-xs">{group.Path}</code> },
    { key: "created", header: "Created", render: (group) => <DateTime value={group.CreateDate} /> },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      className: "text-right",
      render: (group) => (
        <ActionForm
          action={remove}
          hidden={{ groupName: group.GroupName }}
          submitLabel="Remove"
          pendingLabel="Removing…"
          submitAriaLabel={`Remove from group ${group.GroupName}`}
          submitTestId={`remove-from-${group.GroupName}`}
          permission={permissions.remove}
        />
      ),
    },
  ];
  return (
    <Panel title={`User groups membership (${memberOf.length})`} description="A user can be a member of up to 10 groups at a time." testId="user-groups">
      {allGroups.ok ? (
        <Disclosure summary="Add user to groups" testId="add-to-groups" permission={permissions.add}>
          <ActionForm action={add} submitLabel="Add to groups" pendingLabel="Adding…" variant="primary" className="flex flex-col items-start gap-3" submitTestId="add-to-groups-submit">
            <CheckboxList
              legend="Groups"
              name="groupName"
              items={allGroups.items.map((group) => ({
                value: group.GroupName,
                label: group.GroupName,
                disabled: member.has(group.GroupName),
                disabledReason: "already a member",
              }))}
              filterLabel="Filter groups by name"
              emptyText="There are no groups in this account yet."
            />
          </ActionForm>
        </Disclosure>
      ) : (
        <ErrorPanel error={allGroups.error} />
      )}
      {memberOf.length === 0 ? (
        <p className="text-sm text-slate-600">This user is not in any group.</p>
      ) : (
        <DataTable caption="Groups this user belongs to" columns={columns} rows={memberOf} rowKey={(group) => group.GroupId} testId="user-groups-table" />
      )}
    </Panel>
  );
}

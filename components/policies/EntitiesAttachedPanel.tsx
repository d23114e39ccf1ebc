import Link from "next/link";
import { ActionForm } from "@/components/forms/ActionForm";
import { SearchPicker } from "@/components/forms/SearchPicker";
import { buttonStyles } from "@/components/forms/buttonStyles";
import type { FormAction } from "@/components/forms/actionState";
import type { PickerSearch } from "@/components/forms/pickerSearch";
import { Disclosure } from "@/components/console/Disclosure";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { Panel } from "@/components/console/Panel";
import { groupHref } from "@/components/groups/groupHref";
import { userHref } from "@/components/users/userHref";

export interface PolicyEntities {
  readonly PolicyUsers: readonly { UserName: string; UserId: string }[];
  readonly PolicyGroups: readonly { GroupName: string; GroupId: string }[];
  readonly PolicyRoles: readonly { RoleName: string; RoleId: string }[];
}

type Row = { key: string; type: "User" | "Group" | "Role"; name: string; href?: string };

/**
 * The Entities attached tab: who has this policy, detach from any of them, and "Attach" to search for
 * more users and groups. Roles are listed (they count towards the attachments) but managed elsewhere.
 * Both pickers submit the field `entity`, as `user:NAME` and `group:NAME`.
 */
export function EntitiesAttachedPanel({
  policyName,
  attached,
  searchUsers,
  searchGroups,
  attach,
  detach,
  permissions = {},
}: {
  policyName: string;
  attached: PolicyEntities;
  searchUsers: PickerSearch;
  searchGroups: PickerSearch;
  attach: FormAction;
  detach: FormAction;
  /** What the engine said about attaching (to users or groups still to be picked) and detaching. */
  permissions?: { readonly attach?: ControlPermission; readonly detachFromUser?: ControlPermission; readonly detachFromGroup?: ControlPermission };
}) {
  const rows: Row[] = [
    ...attached.PolicyGroups.map((g) => ({ key: `group:${g.GroupId}`, type: "Group" as const, name: g.GroupName, href: groupHref(g.GroupName, "permissions") })),
    ...attached.PolicyUsers.map((u) => ({ key: `user:${u.UserId}`, type: "User" as const, name: u.UserName, href: userHref(u.UserName) })),
    ...attached.PolicyRoles.map((r) => ({ key: `role:${r.RoleId}`, type: "Role" as const, name: r.RoleName })),
  ];
  const attachedUsers = new Set(attached.PolicyUsers.map((u) => u.UserName));
  const attachedGroups = new Set(attached.PolicyGroups.map((g) => g.GroupName));
  return (
    <Panel title={`Entities attached (${rows.length})`} description="The users, groups and roles in this account that this policy is attached to." testId="entities-attached">
      <Disclosure summary="Attach" testId="attach-entities" permission={permissions.attach}>
        <ActionForm action={attach} submitLabel="Attach policy" pendingLabel="Attaching…" variant="primary" className="flex flex-col items-start gap-3" submitTestId="attach-entities-submit">
          <p className="text-sm text-slate-700">Choose the users and groups to attach {policyName} to.</p>
          <div className="grid w-full gap-4 md:grid-cols-2">
            <SearchPicker
              legend="Users"
              name="entity"
              valuePrefix="user:"
              search={searchUsers}
              unavailable={attachedUsers}
              unavailableReason="already attached"
              filterLabel="Search users by name"
              emptyText="There are no users in this account."
              testId="attach-entities-users"
            />
            <SearchPicker
              legend="Groups"
              name="entity"
              valuePrefix="group:"
              search={searchGroups}
              unavailable={attachedGroups}
              unavailableReason="already attached"
              filterLabel="Search groups by name"
              emptyText="There are no groups in this account."
              testId="attach-entities-groups"
            />
          </div>
        </ActionForm>
      </Disclosure>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="no-entities-attached">
          This policy is not attached to anything in this account.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200" data-testid="policy-entities-list">
          {rows.map((row) => (
            <li key={row.key} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm" data-testid="attached-entity-row">
              <span className="flex min-w-0 items-center gap-2">
                <EntityType type={row.type} />
                {row.href ? (
                  <Link href={row.href} className={`${buttonStyles.link} font-medium wrap-anywhere`}>
                    {row.name}
                  </Link>
                ) : (
                  <span className="font-medium wrap-anywhere">{row.name}</span>
                )}
              </span>
              {row.type !== "Role" && (
                <ActionForm
                  action={detach}
                  hidden={{ entityType: row.type.toLowerCase(), entityName: row.name }}
                  submitLabel="Detach"
                  pendingLabel="Detaching…"
                  submitAriaLabel={`Detach from ${row.type.toLowerCase()} ${row.name}`}
                  submitTestId={`detach-entity-${row.name}`}
                  permission={row.type === "Group" ? permissions.detachFromGroup : permissions.detachFromUser}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function EntityType({ type }: { type: Row["type"] }) {
  return <span className="inline-flex w-12 justify-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{type}</span>;
}

import { notFound } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { principalPermissionsHref } from "@/components/whoCan/principalPermissionsHref";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { DateTime } from "@/components/console/DateTime";
import { PageHeader } from "@/components/console/PageHeader";
import { SummaryPanel } from "@/components/console/SummaryPanel";
import { Tabs } from "@/components/console/Tabs";
import { groupHref } from "@/components/groups/groupHref";
import { GroupPermissionsTab } from "@/components/groups/GroupPermissionsTab";
import { GroupUsersTab } from "@/components/groups/GroupUsersTab";
import { RenameGroupForm } from "@/components/groups/RenameGroupForm";
import { Pagination } from "@/components/table/Pagination";
import { param, type SearchParams } from "@/components/table/queryHref";
import { deleteInlinePolicy } from "../../_server/inlinePolicyActions";
import { searchPolicies, searchUsers } from "../../_server/pickerSearch";
import { addUsersToGroup, attachGroupPolicies, detachGroupPolicy, removeUserFromGroup, renameGroup } from "./actions";
import { LastAccessedSection } from "../../_server/LastAccessedSection";
import { GROUP_TABS, loadGroupPage, MEMBERS_PAGE } from "./loadGroupPage";

export const dynamic = "force-dynamic";

export default async function GroupPage({ params, searchParams }: { params: Promise<{ groupName: string }>; searchParams: Promise<SearchParams> }) {
  const groupName = decodeURIComponent((await params).groupName);
  const query = await searchParams;
  const tab = GROUP_TABS.find((t) => t.id === param(query, "tab"))?.id ?? "users";
  const caller = await requireCaller();
  // The marker pages the open tab: the members on Users, the services on Last accessed.
  const { group, permissions, controls } = await loadGroupPage(caller, groupName, tab, tab === "users" ? param(query, "marker") : undefined);
  if (!group.ok && group.error.code === "NoSuchEntity") notFound();
  const trail = <Breadcrumbs trail={[{ label: "User groups", href: "/groups" }, { label: groupName }]} />;
  if (!group.ok) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeader breadcrumbs={trail} title={groupName} />
        <ErrorPanel error={group.error} />
      </div>
    );
  }
  const { Group, Users, IsTruncated, Marker } = group.value;
  const name = Group.GroupName;
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        breadcrumbs={trail}
        title={<span data-testid="group-title">{name}</span>}
        actions={
          <>
            <ButtonLink href={principalPermissionsHref(Group.Arn)} variant="secondary" testId="group-what-it-can-do" permission={controls.whatItCanDo}>
              What it can do
            </ButtonLink>
            <ButtonLink href={`${groupHref(name)}/delete`} variant="dangerOutline" testId="delete-group" permission={controls.deleteGroup}>
              Delete
            </ButtonLink>
          </>
        }
      />
      <SummaryPanel
        testId="group-summary"
        items={[
          { label: "ARN", value: <code className="font-mono text-xs">{Group.Arn}</code>, testId: "group-arn", copy: { value: Group.Arn, label: "Copy ARN" } },
          { label: "Created", value: <DateTime value={Group.CreateDate} /> },
          { label: "Path", value: <code className="font-mono text-xs">{Group.Path}</code> },
        ]}
      />
      <RenameGroupForm groupName={name} rename={renameGroup.bind(null, name)} permission={controls.renameGroup} />
      <Tabs label="Group details" tabs={GROUP_TABS} current={tab} hrefFor={(id) => groupHref(name, id)} />
      {tab === "users" && (
        <>
          <GroupUsersTab
            members={Users}
            searchUsers={searchUsers}
            add={addUsersToGroup.bind(null, name)}
            remove={removeUserFromGroup.bind(null, name)}
            permissions={{ add: controls.addUser, remove: controls.removeUser }}
          />
          {(IsTruncated || param(query, "marker")) && (
            <Pagination path={groupHref(name).split("?")[0]!} current={query} nextMarker={IsTruncated ? Marker : undefined} pageSize={MEMBERS_PAGE} itemsOnPage={Users.length} noun="members" />
          )}
        </>
      )}
      {tab === "permissions" &&
        permissions &&
        (permissions.attached.ok ? (
          <GroupPermissionsTab
            groupName={name}
            attached={permissions.attached.value.AttachedPolicies}
            inline={permissions.inline.ok ? permissions.inline.value.PolicyNames : []}
            searchPolicies={searchPolicies}
            attach={attachGroupPolicies.bind(null, name)}
            detach={detachGroupPolicy.bind(null, name)}
            deleteInline={deleteInlinePolicy.bind(null, { kind: "group", name })}
            permissions={{
              attach: controls.attachPolicy,
              detach: controls.detachPolicy,
              createInline: controls.putInlinePolicy,
              deleteInline: controls.deleteInlinePolicy,
            }}
          />
        ) : (
          <ErrorPanel error={permissions.attached.error} />
        ))}
      {tab === "last-accessed" && (
        <LastAccessedSection arn={Group.Arn} caller={caller} path={groupHref(name)} query={query} policies="this group's permissions policies" attemptsBy="its members" />
      )}
    </div>
  );
}

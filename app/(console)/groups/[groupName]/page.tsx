import { requireCaller } from "@/lib/auth/session";
import type { Caller } from "@/lib/auth/caller";
import { GetGroup } from "@/lib/iam/groups/groups";
import { ListAttachedGroupPolicies } from "@/lib/iam/policies/attachments";
import { ListGroupPolicies } from "@/lib/iam/policies/inline";
import { ListPolicies } from "@/lib/iam/policies/managed";
import { ListUsers } from "@/lib/iam/users/users";
import type { UserView } from "@/lib/iam/users/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { DateTime } from "@/components/console/DateTime";
import { PageHeader } from "@/components/console/PageHeader";
import { SummaryPanel } from "@/components/console/SummaryPanel";
import { Tabs } from "@/components/console/Tabs";
import { groupHref } from "@/components/groups/groupHref";
import { GroupPermissionsTab } from "@/components/groups/GroupPermissionsTab";
import { GroupUsersTab } from "@/components/groups/GroupUsersTab";
import { RenameGroupForm } from "@/components/groups/RenameGroupForm";
import { param, type SearchParams } from "@/components/table/queryHref";
import { readOperation } from "../../_server/readOperation";
import { addUsersToGroup, attachGroupPolicies, detachGroupPolicy, removeUserFromGroup, renameGroup } from "./actions";
import { deleteGroupInlinePolicy } from "./inlinePolicyActions";

export const dynamic = "force-dynamic";

const TABS = [
  { id: "users", label: "Users" },
  { id: "permissions", label: "Permissions" },
] as const;

// The picker offers the first 1,000 users by name; its filter narrows them in the browser.
const PICKER_USERS = 1000;

export default async function GroupPage({ params, searchParams }: { params: Promise<{ groupName: string }>; searchParams: Promise<SearchParams> }) {
  const groupName = decodeURIComponent((await params).groupName);
  const requestedTab = param(await searchParams, "tab");
  const tab = TABS.find((t) => t.id === requestedTab)?.id ?? "users";
  const caller = await requireCaller();
  const group = await readOperation(GetGroup, { GroupName: groupName, MaxItems: 1000 }, caller);
  const trail = <Breadcrumbs trail={[{ label: "User groups", href: "/groups" }, { label: groupName }]} />;
  if (!group.ok) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeader breadcrumbs={trail} title={groupName} />
        <ErrorPanel error={group.error} />
      </div>
    );
  }
  const { Group, Users } = group.value;
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        breadcrumbs={trail}
        title={<span data-testid="group-title">{Group.GroupName}</span>}
        actions={
          <ButtonLink href={`${groupHref(Group.GroupName)}/delete`} variant="dangerOutline" testId="delete-group">
            Delete
          </ButtonLink>
        }
      />
      <SummaryPanel
        testId="group-summary"
        items={[
          { label: "ARN", value: <code className="font-mono text-xs">{Group.Arn}</code>, testId: "group-arn" },
          { label: "Created", value: <DateTime value={Group.CreateDate} /> },
          { label: "Path", value: <code className="font-mono text-xs">{Group.Path}</code> },
        ]}
      />
      <RenameGroupForm groupName={Group.GroupName} rename={renameGroup.bind(null, Group.GroupName)} />
      <Tabs label="Group details" tabs={TABS} current={tab} hrefFor={(id) => groupHref(Group.GroupName, id)} />
      {tab === "users" ? (
        <UsersTab groupName={Group.GroupName} members={Users} caller={caller} />
      ) : (
        <PermissionsTab groupName={Group.GroupName} caller={caller} />
      )}
    </div>
  );
}

async function UsersTab({ groupName, members, caller }: { groupName: string; members: readonly UserView[]; caller: Caller }) {
  const all = await readOperation(ListUsers, { MaxItems: PICKER_USERS }, caller);
  return (
    <GroupUsersTab
      members={members}
      allUsers={all.ok ? { ok: true, items: all.value.Users } : all}
      add={addUsersToGroup.bind(null, groupName)}
      remove={removeUserFromGroup.bind(null, groupName)}
    />
  );
}

async function PermissionsTab({ groupName, caller }: { groupName: string; caller: Caller }) {
  const [attached, inline, policies] = await Promise.all([
    readOperation(ListAttachedGroupPolicies, { GroupName: groupName, MaxItems: 100 }, caller),
    readOperation(ListGroupPolicies, { GroupName: groupName }, caller),
    readOperation(ListPolicies, { Scope: "All", MaxItems: 1000 }, caller),
  ]);
  if (!attached.ok) return <ErrorPanel error={attached.error} />;
  return (
    <GroupPermissionsTab
      groupName={groupName}
      attached={attached.value.AttachedPolicies}
      inline={inline.ok ? inline.value.PolicyNames : []}
      attachable={policies.ok ? { ok: true, items: policies.value.Policies } : policies}
      attach={attachGroupPolicies.bind(null, groupName)}
      detach={detachGroupPolicy.bind(null, groupName)}
      deleteInline={deleteGroupInlinePolicy.bind(null, groupName)}
    />
  );
}

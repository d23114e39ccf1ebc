import { notFound } from "next/navigation";
import { currentOrigin } from "@/lib/auth/request";
import { requireConsoleSession } from "@/lib/auth/session";
import type { RoleView } from "@/lib/iam/roles/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { principalPermissionsHref } from "@/components/whoCan/principalPermissionsHref";
import { allOf, type ControlPermission } from "@/components/permissions/controlPermission";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { DateTime } from "@/components/console/DateTime";
import { PageHeader } from "@/components/console/PageHeader";
import { SummaryPanel } from "@/components/console/SummaryPanel";
import { Tabs } from "@/components/console/Tabs";
import { GroupPermissionsTab } from "@/components/groups/GroupPermissionsTab";
import { EditRoleDisclosure } from "@/components/roles/EditRoleDisclosure";
import { roleHref } from "@/components/roles/roleHref";
import { RoleSessionsTab } from "@/components/roles/RoleSessionsTab";
import { TrustRelationshipsTab } from "@/components/roles/TrustRelationshipsTab";
import { param, type SearchParams } from "@/components/table/queryHref";
import { EffectivePermissionsPanel } from "@/components/users/EffectivePermissionsPanel";
import { SimulateAccessForm } from "@/components/users/SimulateAccessForm";
import { UserTagsTab } from "@/components/users/UserTagsTab";
import { deleteInlinePolicy } from "../../_server/inlinePolicyActions";
import { PermissionsBoundaryPanel } from "../../_server/PermissionsBoundaryPanel";
import { LastAccessedSection } from "../../_server/LastAccessedSection";
import type { Caller } from "@/lib/auth/caller";
import { searchPolicies } from "../../_server/pickerSearch";
// The simulator's server action takes the principal's ARN, a user's or a role's alike.
import { simulateUserAccess } from "../../users/[userName]/simulateActions";
import { attachRolePolicies, detachRolePolicy, revokeRoleSessions, saveRoleTags, updateRole } from "./actions";
import { loadRolePage, ROLE_TABS, SESSIONS_PAGE_SIZE, type RoleTab, type RoleTabData } from "./loadRolePage";

export const dynamic = "force-dynamic";

/** "1 hour", "12 hours": how the AWS console shows a maximum session duration. */
function duration(seconds: number): string {
  const hours = seconds / 3600;
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}

/**
 * AWS's "Link to switch roles in console": the account (its alias when it has one), the role name
 * with its path, and the name as the display name.
 */
function switchRoleLink(origin: string, account: string, role: RoleView): string {
  const query = new URLSearchParams({ account, roleName: `${role.Path.slice(1)}${role.RoleName}`, displayName: role.RoleName });
  return `${origin}/switchrole?${query.toString()}`;
}

export default async function RolePage({ params, searchParams }: { params: Promise<{ roleName: string }>; searchParams: Promise<SearchParams> }) {
  const roleName = decodeURIComponent((await params).roleName);
  const query = await searchParams;
  const requestedTab = param(query, "tab");
  const tab: RoleTab = ROLE_TABS.find((t) => t.id === requestedTab)?.id ?? "permissions";
  const { caller, accountAlias } = await requireConsoleSession();
  const [{ role, tabData, controls }, origin] = await Promise.all([loadRolePage(caller, roleName, tab, query), currentOrigin()]);
  if (!role.ok && role.error.code === "NoSuchEntity") notFound();
  const trail = <Breadcrumbs trail={[{ label: "Roles", href: "/roles" }, { label: roleName }]} />;
  if (!role.ok) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeader breadcrumbs={trail} title={roleName} />
        <ErrorPanel error={role.error} />
      </div>
    );
  }
  const { Role } = role.value;
  const link = switchRoleLink(origin, accountAlias ?? caller.accountId ?? "", Role);
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        breadcrumbs={trail}
        title={<span data-testid="role-title">{Role.RoleName}</span>}
        actions={
          <>
            <ButtonLink href={principalPermissionsHref(Role.Arn)} variant="secondary" testId="role-what-it-can-do" permission={controls.whatItCanDo}>
              What it can do
            </ButtonLink>
            <ButtonLink href={`${roleHref(Role.RoleName)}/delete`} variant="dangerOutline" testId="delete-role" permission={controls.deleteRole}>
              Delete
            </ButtonLink>
          </>
        }
      />
      <SummaryPanel
        testId="role-summary"
        items={[
          { label: "ARN", value: <code className="font-mono text-xs">{Role.Arn}</code>, testId: "role-arn", copy: { value: Role.Arn, label: "Copy ARN" } },
          { label: "Role ID", value: <code className="font-mono text-xs">{Role.RoleId}</code>, copy: { value: Role.RoleId, label: "Copy role ID" } },
          { label: "Path", value: <code className="font-mono text-xs">{Role.Path}</code> },
          { label: "Creation date", value: <DateTime value={Role.CreateDate} /> },
          { label: "Last activity", value: <DateTime value={Role.RoleLastUsed?.LastUsedDate} />, testId: "role-last-activity" },
          { label: "Maximum session duration", value: duration(Role.MaxSessionDuration), testId: "role-max-session" },
          { label: "Description", value: Role.Description ?? <span className="text-slate-500">None</span>, testId: "role-description" },
          {
            label: "Link to switch roles in console",
            value: <code className="font-mono text-xs">{link}</code>,
            testId: "role-switch-link",
            copy: { value: link, label: "Copy link" },
          },
        ]}
      />
      <EditRoleDisclosure description={Role.Description} maxSessionDuration={Role.MaxSessionDuration} update={updateRole.bind(null, Role.RoleName)} permission={controls.editRole} />
      <Tabs label="Role details" tabs={ROLE_TABS} current={tab} hrefFor={(id) => roleHref(Role.RoleName, id)} />
      <TabContent data={tabData} role={Role} caller={caller} controls={controls} query={query} />
    </div>
  );
}

function TabContent({
  data,
  role,
  caller,
  controls,
  query,
}: {
  data: RoleTabData;
  role: RoleView;
  caller: Caller;
  /** The open tab's buttons, as rolePageChecks names them. */
  controls: Record<string, ControlPermission>;
  query: SearchParams;
}) {
  const name = role.RoleName;
  const accountId = caller.accountId ?? "";
  switch (data.tab) {
    case "permissions":
      return (
        <div className="flex flex-col gap-5">
          {data.permissions.error && <ErrorPanel error={data.permissions.error} />}
          <GroupPermissionsTab
            owner="role"
            groupName={name}
            attached={data.permissions.attached}
            inline={data.permissions.inline}
            searchPolicies={searchPolicies}
            attach={attachRolePolicies.bind(null, name)}
            detach={detachRolePolicy.bind(null, name)}
            deleteInline={deleteInlinePolicy.bind(null, { kind: "role", name })}
            permissions={{
              attach: controls.attachPolicy,
              detach: controls.detachPolicy,
              createInline: controls.putInlinePolicy,
              deleteInline: controls.deleteInlinePolicy,
            }}
          />
          <PermissionsBoundaryPanel
            principal={{ kind: "role", name }}
            boundaryArn={role.PermissionsBoundary?.PermissionsBoundaryArn}
            permissions={{ setBoundary: controls.setBoundary, removeBoundary: controls.removeBoundary }}
            returnTo={roleHref(name, "permissions")}
          />
        </div>
      );
    case "trust":
      return <TrustRelationshipsTab trustPolicy={role.AssumeRolePolicyDocument} accountId={accountId} editHref={`${roleHref(name)}/trust-policy`} permission={controls.editTrustPolicy} />;
    case "tags":
      return <UserTagsTab tags={role.Tags ?? []} save={saveRoleTags.bind(null, name)} permission={allOf(controls.tagRole, controls.untagRole)} />;
    case "sessions":
      if (!data.sessions.ok) return <ErrorPanel error={data.sessions.error} />;
      return (
        <RoleSessionsTab
          roleName={name}
          sessions={data.sessions.value.Sessions}
          revokedBefore={data.sessions.value.RevokedBefore}
          nextMarker={data.sessions.value.IsTruncated ? data.sessions.value.Marker : undefined}
          pageSize={SESSIONS_PAGE_SIZE}
          current={query}
          path={roleHref(name)}
          revoke={revokeRoleSessions.bind(null, name)}
          permission={controls.revokeSessions}
        />
      );
    case "access":
      return (
        <div className="flex flex-col gap-5">
          <EffectivePermissionsPanel owner="role" userName={name} rows={data.permissions.rows} readError={data.permissions.error} />
          <SimulateAccessForm owner="role" userName={name} simulate={simulateUserAccess.bind(null, role.Arn)} />
        </div>
      );
    case "last-accessed":
      return <LastAccessedSection arn={role.Arn} caller={caller} path={roleHref(name)} query={query} policies="this role's permissions policies" attemptsBy="its sessions" />;
  }
}

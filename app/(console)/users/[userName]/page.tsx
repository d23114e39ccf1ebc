import { requireCaller } from "@/lib/auth/session";
import type { Caller } from "@/lib/auth/caller";
import { GetLoginProfile, type LoginProfileView } from "@/lib/iam/credentials/loginProfiles";
import { ListGroups } from "@/lib/iam/groups/groups";
import { ListGroupsForUser } from "@/lib/iam/groups/membership";
import { ListPolicies } from "@/lib/iam/policies/managed";
import { ListMFADevices } from "@/lib/iam/credentials/mfa";
import { GetUser } from "@/lib/iam/users/users";
import type { UserView } from "@/lib/iam/users/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { DateTime } from "@/components/console/DateTime";
import { PageHeader } from "@/components/console/PageHeader";
import { SummaryPanel } from "@/components/console/SummaryPanel";
import { Tabs } from "@/components/console/Tabs";
import { param, type SearchParams } from "@/components/table/queryHref";
import { userHref } from "@/components/users/userHref";
import { UserGroupsTab } from "@/components/users/UserGroupsTab";
import { UserPermissionsTab } from "@/components/users/UserPermissionsTab";
import { UserSecurityCredentialsTab } from "@/components/users/UserSecurityCredentialsTab";
import { UserTagsTab } from "@/components/users/UserTagsTab";
import { EffectivePermissionsPanel } from "@/components/users/EffectivePermissionsPanel";
import { SimulateAccessForm } from "@/components/users/SimulateAccessForm";
import { AccessKeysSection } from "@/components/me/AccessKeysSection";
import { MfaDevicesSection } from "@/components/me/MfaDevicesSection";
import { accessKeysSectionProps } from "../../_server/accessKeysSection";
import { readOperation, type ReadResult } from "../../_server/readOperation";
import { createMfaDevice, enableMfaDevice, removeMfaDevice, resyncMfaDevice } from "../../me/mfaActions";
import { addUserToGroups, attachUserPolicies, detachUserPolicy, removeUserFromGroup, saveUserTags } from "./actions";
import { disableConsoleAccess, setConsolePassword } from "./consoleAccessActions";
import { deleteUserInlinePolicy } from "./inlinePolicyActions";
import { loadUserPermissions } from "./loadPermissions";
import { simulateUserAccess } from "./simulateActions";

export const dynamic = "force-dynamic";

const TABS = [
  { id: "permissions", label: "Permissions" },
  { id: "groups", label: "Groups" },
  { id: "security", label: "Security credentials" },
  { id: "tags", label: "Tags" },
  { id: "access", label: "Effective permissions" },
] as const;
type TabId = (typeof TABS)[number]["id"];

export default async function UserPage({ params, searchParams }: { params: Promise<{ userName: string }>; searchParams: Promise<SearchParams> }) {
  const userName = decodeURIComponent((await params).userName);
  const requestedTab = param(await searchParams, "tab");
  const tab: TabId = TABS.find((t) => t.id === requestedTab)?.id ?? "permissions";
  const caller = await requireCaller();
  const [user, loginProfile] = await Promise.all([
    readOperation(GetUser, { UserName: userName }, caller),
    readOperation(GetLoginProfile, { UserName: userName }, caller),
  ]);
  const trail = <Breadcrumbs trail={[{ label: "Users", href: "/users" }, { label: userName }]} />;
  if (!user.ok) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeader breadcrumbs={trail} title={userName} />
        <ErrorPanel error={user.error} />
      </div>
    );
  }
  const { User } = user.value;
  // NoSuchEntity from GetLoginProfile is the normal "no console password"; any other error is shown as unknown.
  const consoleAccess = loginProfile.ok ? "Enabled" : loginProfile.error.code === "NoSuchEntity" ? "Disabled" : "Unknown (GetLoginProfile was refused)";
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        breadcrumbs={trail}
        title={<span data-testid="user-title">{User.UserName}</span>}
        actions={
          <ButtonLink href={`${userHref(User.UserName)}/delete`} variant="dangerOutline" testId="delete-user">
            Delete
          </ButtonLink>
        }
      />
      <SummaryPanel
        testId="user-summary"
        items={[
          { label: "ARN", value: <code className="font-mono text-xs">{User.Arn}</code>, testId: "user-arn" },
          { label: "Created", value: <DateTime value={User.CreateDate} /> },
          { label: "Console access", value: consoleAccess, testId: "user-console-access" },
          { label: "Last console sign-in", value: <DateTime value={User.PasswordLastUsed} /> },
          { label: "Path", value: <code className="font-mono text-xs">{User.Path}</code> },
          { label: "User ID", value: <code className="font-mono text-xs">{User.UserId}</code> },
        ]}
      />
      <Tabs label="User details" tabs={TABS} current={tab} hrefFor={(id) => userHref(User.UserName, id)} />
      <TabContent tab={tab} user={User} caller={caller} loginProfile={loginProfile} />
    </div>
  );
}

async function TabContent({ tab, user, caller, loginProfile }: { tab: TabId; user: UserView; caller: Caller; loginProfile: ReadResult<{ LoginProfile: LoginProfileView }> }) {
  const name = user.UserName;
  if (tab === "permissions") {
    const [permissions, policies] = await Promise.all([
      loadUserPermissions(name, caller),
      readOperation(ListPolicies, { Scope: "All", MaxItems: 1000 }, caller),
    ]);
    return (
      <UserPermissionsTab
        userName={name}
        rows={permissions.rows}
        readError={permissions.error}
        attachable={policies.ok ? { ok: true, items: policies.value.Policies } : policies}
        attach={attachUserPolicies.bind(null, name)}
        detach={detachUserPolicy.bind(null, name)}
        deleteInline={deleteUserInlinePolicy.bind(null, name)}
      />
    );
  }
  if (tab === "groups") {
    const [memberOf, all] = await Promise.all([
      readOperation(ListGroupsForUser, { UserName: name, MaxItems: 100 }, caller),
      readOperation(ListGroups, { MaxItems: 300 }, caller),
    ]);
    if (!memberOf.ok) return <ErrorPanel error={memberOf.error} />;
    return (
      <UserGroupsTab
        memberOf={memberOf.value.Groups}
        allGroups={all.ok ? { ok: true, items: all.value.Groups } : all}
        add={addUserToGroups.bind(null, name)}
        remove={removeUserFromGroup.bind(null, name)}
      />
    );
  }
  if (tab === "security") {
    const [permissions, accessKeys, mfaDevices] = await Promise.all([
      loadUserPermissions(name, caller),
      accessKeysSectionProps(caller, name),
      readOperation(ListMFADevices, { UserName: name }, caller),
    ]);
    return (
      <div className="flex flex-col gap-5">
        <UserSecurityCredentialsTab
          loginProfile={loginProfile}
          hasChangePasswordPolicy={permissions.rows.some((row) => row.kind === "direct" && row.policyName === "IAMUserChangePassword")}
          setPassword={setConsolePassword.bind(null, name, loginProfile.ok)}
          disable={disableConsoleAccess.bind(null, name)}
        />
        <MfaDevicesSection
          devices={mfaDevices}
          subject={name}
          suggestedName={name}
          actions={{
            create: createMfaDevice.bind(null, name),
            enable: enableMfaDevice.bind(null, name),
            resync: resyncMfaDevice.bind(null, name),
            remove: removeMfaDevice.bind(null, name),
          }}
        />
        <AccessKeysSection {...accessKeys} />
      </div>
    );
  }
  if (tab === "access") {
    const permissions = await loadUserPermissions(name, caller);
    return (
      <div className="flex flex-col gap-5">
        <EffectivePermissionsPanel userName={name} rows={permissions.rows} readError={permissions.error} />
        <SimulateAccessForm userName={name} simulate={simulateUserAccess.bind(null, user.Arn)} />
      </div>
    );
  }
  return <UserTagsTab tags={user.Tags ?? []} save={saveUserTags.bind(null, name)} />;
}

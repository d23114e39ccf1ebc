import { notFound } from "next/navigation";
import { requireCaller } from "@/lib/auth/session";
import type { Caller } from "@/lib/auth/caller";
import type { UserView } from "@/lib/iam/users/entity";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { principalPermissionsHref } from "@/components/whoCan/principalPermissionsHref";
import { allOf, type ControlPermission } from "@/components/permissions/controlPermission";
import { Breadcrumbs } from "@/components/console/Breadcrumbs";
import { DateTime } from "@/components/console/DateTime";
import { PageHeader } from "@/components/console/PageHeader";
import { SummaryPanel } from "@/components/console/SummaryPanel";
import { Tabs } from "@/components/console/Tabs";
import { param, type SearchParams } from "@/components/table/queryHref";
import { userHref } from "@/components/users/userHref";
import { UserGroupsTab } from "@/components/users/UserGroupsTab";
import { UserPermissionsTab } from "@/components/users/UserPermissionsTab";
import { RevokeSessionsPanel } from "@/components/users/RevokeSessionsPanel";
import { UserSecurityCredentialsTab } from "@/components/users/UserSecurityCredentialsTab";
import { UserTagsTab } from "@/components/users/UserTagsTab";
import { EffectivePermissionsPanel } from "@/components/users/EffectivePermissionsPanel";
import { SimulateAccessForm } from "@/components/users/SimulateAccessForm";
import { AccessKeysSection } from "@/components/me/AccessKeysSection";
import { MfaDevicesSection } from "@/components/me/MfaDevicesSection";
import { accessKeysSectionProps } from "../../_server/accessKeysSection";
import { PermissionsBoundaryPanel } from "../../_server/PermissionsBoundaryPanel";
import { LastAccessedSection } from "../../_server/LastAccessedSection";
import { deleteInlinePolicy } from "../../_server/inlinePolicyActions";
import { searchPolicies } from "../../_server/pickerSearch";
import { createMfaDevice, enableMfaDevice, removeMfaDevice, resyncMfaDevice } from "../../me/mfaActions";
import { addUserToGroups, attachUserPolicies, detachUserPolicy, removeUserFromGroup, saveUserTags } from "./actions";
import { disableConsoleAccess, setConsolePassword, unlockConsoleSignIn } from "./consoleAccessActions";
import { loadUserPage, USER_TABS, type UserTab, type UserTabData } from "./loadUserPage";
import { namedUser } from "@/lib/iam/users/users";
import { revokeUserSessions } from "./sessionActions";
import { simulateUserAccess } from "./simulateActions";

export const dynamic = "force-dynamic";

export default async function UserPage({ params, searchParams }: { params: Promise<{ userName: string }>; searchParams: Promise<SearchParams> }) {
  const userName = decodeURIComponent((await params).userName);
  const query = await searchParams;
  const requestedTab = param(query, "tab");
  const tab: UserTab = USER_TABS.find((t) => t.id === requestedTab)?.id ?? "permissions";
  const caller = await requireCaller();
  const { user, loginProfile, tabData, controls } = await loadUserPage(caller, userName, tab);
  if (!user.ok && user.error.code === "NoSuchEntity") notFound();
  const trail = <Breadcrumbs trail={[{ label: "Users", href: "/users" }, { label: userName }]} />;
  if (!user.ok) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeader breadcrumbs={trail} title={userName} />
        <ErrorPanel error={user.error} />
      </div>
    );
  }
  const User = namedUser(user.value);
  // NoSuchEntity from GetLoginProfile is the normal "no console password"; any other error is shown as unknown.
  const consoleAccess = loginProfile.ok ? "Enabled" : loginProfile.error.code === "NoSuchEntity" ? "Disabled" : "Unknown (GetLoginProfile was refused)";
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        breadcrumbs={trail}
        title={<span data-testid="user-title">{User.UserName}</span>}
        actions={
          <>
            <ButtonLink href={principalPermissionsHref(User.Arn)} variant="secondary" testId="user-what-it-can-do" permission={controls.whatItCanDo}>
              What it can do
            </ButtonLink>
            <ButtonLink href={`${userHref(User.UserName)}/delete`} variant="dangerOutline" testId="delete-user" permission={controls.deleteUser}>
              Delete
            </ButtonLink>
          </>
        }
      />
      <SummaryPanel
        testId="user-summary"
        items={[
          { label: "ARN", value: <code className="font-mono text-xs">{User.Arn}</code>, testId: "user-arn", copy: { value: User.Arn, label: "Copy ARN" } },
          { label: "Created", value: <DateTime value={User.CreateDate} /> },
          { label: "Console access", value: consoleAccess, testId: "user-console-access" },
          { label: "Last console sign-in", value: <DateTime value={User.PasswordLastUsed} /> },
          { label: "Path", value: <code className="font-mono text-xs">{User.Path}</code> },
          { label: "User ID", value: <code className="font-mono text-xs">{User.UserId}</code>, copy: { value: User.UserId, label: "Copy user ID" } },
        ]}
      />
      <Tabs label="User details" tabs={USER_TABS} current={tab} hrefFor={(id) => userHref(User.UserName, id)} />
      <TabContent data={tabData} user={User} caller={caller} loginProfile={loginProfile} controls={controls} query={query} />
    </div>
  );
}

type LoginProfileRead = Awaited<ReturnType<typeof loadUserPage>>["loginProfile"];

function TabContent({
  data,
  user,
  caller,
  loginProfile,
  controls,
  query,
}: {
  data: UserTabData;
  user: UserView;
  caller: Caller;
  loginProfile: LoginProfileRead;
  /** The open tab's buttons, as userPageChecks names them. */
  controls: Record<string, ControlPermission>;
  query: SearchParams;
}) {
  const name = user.UserName;
  switch (data.tab) {
    case "permissions":
      return (
        <div className="flex flex-col gap-5">
          <UserPermissionsTab
            userName={name}
            rows={data.permissions.rows}
            readError={data.permissions.error}
            searchPolicies={searchPolicies}
            attach={attachUserPolicies.bind(null, name)}
            detach={detachUserPolicy.bind(null, name)}
            deleteInline={deleteInlinePolicy.bind(null, { kind: "user", name })}
            permissions={{
              attach: controls.attachPolicy,
              detach: controls.detachPolicy,
              createInline: controls.putInlinePolicy,
              deleteInline: controls.deleteInlinePolicy,
            }}
          />
          <PermissionsBoundaryPanel
            principal={{ kind: "user", name }}
            boundaryArn={user.PermissionsBoundary?.PermissionsBoundaryArn}
            permissions={{ setBoundary: controls.setBoundary, removeBoundary: controls.removeBoundary }}
            returnTo={userHref(name)}
          />
        </div>
      );
    case "groups":
      if (!data.memberOf.ok) return <ErrorPanel error={data.memberOf.error} />;
      return (
        <UserGroupsTab
          memberOf={data.memberOf.value.Groups}
          allGroups={data.allGroups.ok ? { ok: true, items: data.allGroups.value.Groups } : data.allGroups}
          add={addUserToGroups.bind(null, name)}
          remove={removeUserFromGroup.bind(null, name)}
          permissions={{ add: controls.addToGroup, remove: controls.removeFromGroup }}
        />
      );
    case "security":
      return (
        <div className="flex flex-col gap-5">
          <UserSecurityCredentialsTab
            loginProfile={loginProfile}
            passwordRules={data.passwordRules}
            setPassword={setConsolePassword.bind(null, name)}
            disable={disableConsoleAccess.bind(null, name)}
            unlock={unlockConsoleSignIn.bind(null, name)}
            permissions={{
              setPassword: loginProfile.ok ? controls.resetConsolePassword : controls.enableConsoleAccess,
              disable: controls.disableConsoleAccess,
              unlock: controls.unlockSignIn,
            }}
          />
          <RevokeSessionsPanel subject={{ self: false, userName: name }} revoke={revokeUserSessions.bind(null, name)} permission={controls.revokeSessions} />
          <MfaDevicesSection
            devices={data.mfaDevices}
            subject={name}
            suggestedName={name}
            assignPermission={allOf(controls.createMfaDevice, controls.enableMfaDevice)}
            resyncPermission={controls.resyncMfaDevice}
            removePermission={controls.removeMfaDevice}
            actions={{
              create: createMfaDevice.bind(null, name),
              enable: enableMfaDevice.bind(null, name),
              resync: resyncMfaDevice.bind(null, name),
              remove: removeMfaDevice.bind(null, name),
            }}
          />
          <AccessKeysSection
            {...accessKeysSectionProps(caller, data.accessKeys, name, {
              create: controls.createAccessKey,
              setStatus: controls.updateAccessKey,
              remove: controls.deleteAccessKey,
            })}
          />
        </div>
      );
    case "access":
      return (
        <div className="flex flex-col gap-5">
          <EffectivePermissionsPanel userName={name} rows={data.permissions.rows} readError={data.permissions.error} boundaryArn={user.PermissionsBoundary?.PermissionsBoundaryArn} />
          <SimulateAccessForm userName={name} simulate={simulateUserAccess.bind(null, user.Arn)} />
        </div>
      );
    case "last-accessed":
      return <LastAccessedSection arn={user.Arn} caller={caller} path={userHref(name)} query={query} policies="this user's permissions policies (its own and its groups')" attemptsBy="this user" />;
    case "tags":
      return <UserTagsTab tags={user.Tags ?? []} save={saveUserTags.bind(null, name)} permission={allOf(controls.tagUser, controls.untagUser)} />;
  }
}

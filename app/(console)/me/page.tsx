import type { Metadata } from "next";
import { requireConsoleSession } from "@/lib/auth/session";
import { ListMFADevices } from "@/lib/iam/credentials/mfa";
import { ChangePassword } from "@/lib/iam/credentials/passwords";
import { PageHeader } from "@/components/console/PageHeader";
import { Panel } from "@/components/console/Panel";
import { SummaryPanel } from "@/components/console/SummaryPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { allOf } from "@/components/permissions/controlPermission";
import { AccessKeysSection } from "@/components/me/AccessKeysSection";
import { MfaDevicesSection } from "@/components/me/MfaDevicesSection";
import { suggestedDeviceName } from "@/components/me/mfaSectionProps";
import { RevokeSessionsPanel } from "@/components/users/RevokeSessionsPanel";
import { RevokeUserSessions } from "@/lib/iam/credentials/sessions";
import { accessKeysSectionProps, readAccessKeys } from "../_server/accessKeysSection";
import { credentialPermissionChecks } from "../_server/credentialPermissions";
import { pagePermissions } from "../_server/pagePermissions";
import { readOperation } from "../_server/readOperation";
import { createMfaDevice, enableMfaDevice, removeMfaDevice, resyncMfaDevice } from "./mfaActions";
import { signOutOtherSessions } from "./sessionActions";

export const metadata: Metadata = { title: "My security credentials · Portcullis" };
export const dynamic = "force-dynamic";

// AWS's "Security credentials" page for whoever is signed in, root or IAM user: each section reads and
// changes the caller's own credentials through the operations, so ${aws:username}-scoped policies
// (such as ForceMFA-ManageOwnCredentials) decide what a user may do here. Sections, top to bottom:
// identity, console password, other sessions, MFA devices, then access keys. One GetCallerPermissions
// says beforehand which of its buttons the engine would refuse (ForceMFA's Deny without an MFA sign-in).
export default async function MySecurityCredentialsPage() {
  const { caller, accountAlias, signedIn, switchedRole } = await requireConsoleSession();
  // A role session has no credentials of its own: they are the user's, managed as the user.
  if (switchedRole) {
    return (
      <div className="flex flex-col gap-5">
        <PageHeader title="My security credentials" description="Your own credentials belong to your IAM user, not to the role you switched to." />
        <Panel title="You are working as a role" testId="me-role-session">
          <p className="text-sm text-slate-700">
            This console session acts as <code className="font-mono text-xs">{switchedRole.sessionArn}</code>, with temporary credentials that expire on their own. To change your password, MFA devices or
            access keys, choose <strong>Back to {signedIn.userName}</strong> in the header.
          </p>
        </Panel>
      </div>
    );
  }
  const isRoot = caller.kind === "root";
  const [devices, accessKeys, permissions] = await Promise.all([
    readOperation(ListMFADevices, {}, caller),
    readAccessKeys(caller),
    pagePermissions(caller, {
      ...credentialPermissionChecks(caller, suggestedDeviceName(caller)),
      // The old password is checked when the form is sent; the decision does not read it.
      changePassword: { Operation: ChangePassword, Input: { OldPassword: "unknown", NewPassword: "unknown" } },
      // Allowed to everyone by its self-service grant, short of an explicit Deny.
      signOutOtherSessions: { Operation: RevokeUserSessions, Input: {} },
    }),
  ]);
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title="My security credentials"
        description={
          isRoot
            ? "The root user's credentials. Protect the root user with MFA and keep it for the few tasks only it can do."
            : "Your own credentials: your console password, your MFA devices and your access keys."
        }
      />
      <SummaryPanel
        testId="me-identity"
        items={[
          { label: isRoot ? "Signed in as" : "IAM user", value: isRoot ? "Root user" : caller.userName, testId: "me-principal" },
          { label: "ARN", value: <code className="font-mono text-xs">{caller.arn}</code>, copy: { value: caller.arn, label: "Copy ARN" } },
          { label: "Account", value: accountAlias ? `${accountAlias} (${caller.accountId})` : caller.accountId },
          { label: "This session", value: caller.mfaAuthenticated ? "Signed in with MFA" : "Signed in without MFA", testId: "me-session-mfa" },
        ]}
      />
      {!isRoot && (
        <Panel title="Console password" description="The password you sign in to the console with.">
          <div>
            <ButtonLink href="/change-password" variant="secondary" testId="me-change-password" permission={permissions.changePassword}>
              Change password
            </ButtonLink>
          </div>
        </Panel>
      )}
      <RevokeSessionsPanel subject={{ self: true }} revoke={signOutOtherSessions} permission={permissions.signOutOtherSessions} />
      <MfaDevicesSection
        devices={devices}
        subject="you"
        suggestedName={suggestedDeviceName(caller)}
        assignPermission={allOf(permissions.createMfaDevice, permissions.enableMfaDevice)}
        resyncPermission={permissions.resyncMfaDevice}
        removePermission={permissions.removeMfaDevice}
        actions={{
          create: createMfaDevice.bind(null, null),
          enable: enableMfaDevice.bind(null, null),
          resync: resyncMfaDevice.bind(null, null),
          remove: removeMfaDevice.bind(null, null),
        }}
      />
      <AccessKeysSection
        {...accessKeysSectionProps(caller, accessKeys, undefined, {
          create: permissions.createAccessKey,
          setStatus: permissions.updateAccessKey,
          remove: permissions.deleteAccessKey,
        })}
      />
    </div>
  );
}

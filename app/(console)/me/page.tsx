import type { Metadata } from "next";
import { requireConsoleSession } from "@/lib/auth/session";
import { ListMFADevices } from "@/lib/iam/credentials/mfa";
import { PageHeader } from "@/components/console/PageHeader";
import { Panel } from "@/components/console/Panel";
import { SummaryPanel } from "@/components/console/SummaryPanel";
import { ButtonLink } from "@/components/forms/ButtonLink";
import { AccessKeysSection } from "@/components/me/AccessKeysSection";
import { MfaDevicesSection } from "@/components/me/MfaDevicesSection";
import { suggestedDeviceName } from "@/components/me/mfaSectionProps";
import { RevokeSessionsPanel } from "@/components/users/RevokeSessionsPanel";
import { accessKeysSectionProps, readAccessKeys } from "../_server/accessKeysSection";
import { readOperation } from "../_server/readOperation";
import { createMfaDevice, enableMfaDevice, removeMfaDevice, resyncMfaDevice } from "./mfaActions";
import { signOutOtherSessions } from "./sessionActions";

export const metadata: Metadata = { title: "My security credentials · Portcullis" };
export const dynamic = "force-dynamic";

// AWS's "Security credentials" page for whoever is signed in, root or IAM user: each section reads and
// changes the caller's own credentials through the operations, so ${aws:username}-scoped policies
// (such as ForceMFA-ManageOwnCredentials) decide what a user may do here. Sections, top to bottom:
// identity, console password, other sessions, MFA devices, then access keys.
export default async function MySecurityCredentialsPage() {
  const { caller, accountAlias } = await requireConsoleSession();
  const [devices, accessKeys] = await Promise.all([readOperation(ListMFADevices, {}, caller), readAccessKeys(caller)]);
  const isRoot = caller.kind === "root";
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
          { label: "ARN", value: <code className="font-mono text-xs">{caller.arn}</code> },
          { label: "Account", value: accountAlias ? `${accountAlias} (${caller.accountId})` : caller.accountId },
          { label: "This session", value: caller.mfaAuthenticated ? "Signed in with MFA" : "Signed in without MFA", testId: "me-session-mfa" },
        ]}
      />
      {!isRoot && (
        <Panel title="Console password" description="The password you sign in to the console with.">
          <div>
            <ButtonLink href="/change-password" variant="secondary" testId="me-change-password">
              Change password
            </ButtonLink>
          </div>
        </Panel>
      )}
      <RevokeSessionsPanel subject={{ self: true }} revoke={signOutOtherSessions} />
      <MfaDevicesSection
        devices={devices}
        subject="you"
        suggestedName={suggestedDeviceName(caller)}
        actions={{
          create: createMfaDevice.bind(null, null),
          enable: enableMfaDevice.bind(null, null),
          resync: resyncMfaDevice.bind(null, null),
          remove: removeMfaDevice.bind(null, null),
        }}
      />
      <AccessKeysSection {...accessKeysSectionProps(caller, accessKeys)} />
    </div>
  );
}

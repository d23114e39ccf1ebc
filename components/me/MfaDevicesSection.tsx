import type { IamErrorView } from "@/lib/iam/core/errors";
import type { MFADeviceView } from "@/lib/iam/credentials/mfa";
import { ConfirmActionDialog } from "@/components/console/ConfirmActionDialog";
import { CopyButton } from "@/components/console/CopyButton";
import { DateTime } from "@/components/console/DateTime";
import { Panel } from "@/components/console/Panel";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { DataTable } from "@/components/table/DataTable";
import { AssignMfaDeviceButton } from "./AssignMfaDeviceButton";
import { ResyncMfaDeviceButton } from "./ResyncMfaDeviceButton";
import type { MfaActions } from "./mfaState";

export type MfaDeviceList = { readonly ok: true; readonly value: { readonly MFADevices: readonly MFADeviceView[] } } | { readonly ok: false; readonly error: IamErrorView };

/** AWS allows up to 8 MFA devices per user. */
const MAX_DEVICES = 8;

const deviceName = (serialNumber: string) => serialNumber.slice(serialNumber.indexOf(":mfa/") + 5);

/**
 * A principal's MFA devices, with "Assign MFA device", resync and remove: on "My security
 * credentials" for oneself (subject "you") and on a user's Security credentials tab for an administrator.
 */
export function MfaDevicesSection({
  devices,
  actions,
  subject,
  suggestedName,
  assignPermission,
  resyncPermission,
  removePermission,
}: {
  devices: MfaDeviceList;
  actions: MfaActions;
  /** Who the devices belong to, as the text should say it: "you", "the root user", "alice". */
  subject: string;
  suggestedName: string;
  /** What the engine said about creating and enabling a device (pagePermissions). */
  assignPermission?: ControlPermission;
  /** Each device's Resync and Remove, decided on the devices' owner (the same for every row). */
  resyncPermission?: ControlPermission;
  removePermission?: ControlPermission;
}) {
  const list = devices.ok ? devices.value.MFADevices : [];
  const self = subject === "you";
  return (
    <Panel
      title="Multi-factor authentication (MFA)"
      description={
        self
          ? "Sign-in asks for a code from one of these devices after your password. Use up to 8 devices."
          : `Sign-in asks ${subject} for a code from one of these devices after the password. Up to 8 devices.`
      }
      actions={devices.ok && <AssignMfaDeviceButton actions={actions} suggestedName={suggestedName} disabled={list.length >= MAX_DEVICES} permission={assignPermission} />}
      testId="mfa-devices"
    >
      {!devices.ok ? (
        <ErrorPanel error={devices.error} />
      ) : list.length === 0 ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="mfa-none">
          {self ? "You have" : `User ${subject} has`} no MFA device. Anyone who learns the password can sign in: assign a device to require a code as well.
        </p>
      ) : (
        <DataTable
          caption="MFA devices"
          rows={list}
          rowKey={(row) => row.SerialNumber}
          rowTestId={() => "mfa-device-row"}
          columns={[
            { key: "name", header: "Device", render: (row) => <span className="font-medium">{deviceName(row.SerialNumber)}</span> },
            { key: "type", header: "Type", render: () => "Virtual (authenticator app)" },
            {
              key: "serial",
              header: "Identifier",
              render: (row) => (
                <span className="inline-flex flex-wrap items-center gap-2">
                  <code className="font-mono text-xs wrap-anywhere">{row.SerialNumber}</code>
                  <CopyButton value={row.SerialNumber} label={`Copy MFA device identifier ${row.SerialNumber}`} />
                </span>
              ),
            },
            { key: "enabled", header: "Assigned", render: (row) => <DateTime value={row.EnableDate} /> },
            {
              key: "actions",
              header: <span className="sr-only">Actions</span>,
              render: (row) => (
                <div className="flex justify-end gap-2">
                  <ResyncMfaDeviceButton resync={actions.resync} serialNumber={row.SerialNumber} deviceName={deviceName(row.SerialNumber)} permission={resyncPermission} />
                  <ConfirmActionDialog
                    action={actions.remove}
                    hidden={{ serialNumber: row.SerialNumber }}
                    triggerLabel="Remove"
                    triggerAriaLabel={`Remove ${deviceName(row.SerialNumber)}`}
                    title={`Remove ${deviceName(row.SerialNumber)}?`}
                    confirmLabel="Remove"
                    testId={`remove-mfa-${deviceName(row.SerialNumber)}`}
                    permission={removePermission}
                  >
                    {self
                      ? "Sign-in will no longer accept codes from this device. Removing your own device needs a session signed in with MFA."
                      : `Sign-in will no longer accept codes from this device for ${subject}.`}
                  </ConfirmActionDialog>
                </div>
              ),
            },
          ]}
        />
      )}
    </Panel>
  );
}

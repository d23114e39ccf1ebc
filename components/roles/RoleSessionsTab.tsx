import type { RoleSessionView } from "@/lib/iam/roles/sessions";
import type { FormAction } from "@/components/forms/actionState";
import { ConfirmActionDialog } from "@/components/console/ConfirmActionDialog";
import { DateTime } from "@/components/console/DateTime";
import { Panel } from "@/components/console/Panel";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { DataTable, type Column } from "@/components/table/DataTable";
import { EmptyState } from "@/components/table/EmptyState";
import { Pagination } from "@/components/table/Pagination";
import type { SearchParams } from "@/components/table/queryHref";

/** AWS's words for what revoking does, so nobody expects it to end sessions issued afterwards. */
export const REVOKE_EXPLANATION =
  "This puts an inline policy AWSRevokeOlderSessions on the role that denies every action to sessions issued before now; it does not end sessions issued after.";

const columns: Column<RoleSessionView>[] = [
  {
    key: "session",
    header: "Session",
    render: (session) => (
      <div className="flex flex-col gap-0.5">
        <span className="font-medium break-words">{session.RoleSessionName}</span>
        <code className="font-mono text-xs text-slate-600 wrap-anywhere">{session.Arn}</code>
      </div>
    ),
  },
  { key: "assumedBy", header: "Assumed by", render: (session) => <code className="font-mono text-xs wrap-anywhere">{session.AssumedBy}</code> },
  { key: "issued", header: "Issued", render: (session) => <DateTime value={session.IssuedAt} /> },
  { key: "expires", header: "Expires", className: "hidden md:table-cell", render: (session) => <DateTime value={session.Expiration} /> },
  {
    key: "details",
    header: "Details",
    render: (session) => (
      <ul className="flex flex-col gap-0.5 text-xs">
        <li>{session.Console ? "Console (switch role)" : "API (AssumeRole)"}</li>
        <li>{session.MfaAuthenticated ? "With MFA" : "Without MFA"}</li>
        {session.SourceIdentity && <li>Source identity: {session.SourceIdentity}</li>}
        {session.Revoked && <li className="font-medium text-red-800">Revoked</li>}
      </ul>
    ),
  },
];

/**
 * A role's Sessions tab: its unexpired sessions, newest first, and "Revoke active sessions", which
 * asks first and explains what it does, as the AWS console does.
 */
export function RoleSessionsTab({
  roleName,
  sessions,
  revokedBefore,
  nextMarker,
  pageSize,
  current,
  path,
  revoke,
  permission,
}: {
  roleName: string;
  sessions: readonly RoleSessionView[];
  revokedBefore?: Date;
  nextMarker?: string;
  pageSize: number;
  current: SearchParams;
  /** The tab's own URL, for the pagination links. */
  path: string;
  revoke: FormAction;
  permission?: ControlPermission;
}) {
  return (
    <Panel
      title="Active sessions"
      description="Sessions created with sts:AssumeRole or by switching role in the console, that have not expired yet. A session keeps the role's permissions until it expires."
      testId="role-sessions"
    >
      <div className="flex flex-col items-start gap-2">
        <ConfirmActionDialog
          action={revoke}
          triggerLabel="Revoke active sessions"
          title={`Revoke active sessions of ${roleName}?`}
          confirmLabel="Revoke sessions"
          testId="revoke-role-sessions"
          permission={permission}
        >
          <p>{REVOKE_EXPLANATION}</p>
          <p className="mt-2">Applications using the revoked sessions must assume the role again to get new credentials.</p>
        </ConfirmActionDialog>
        {revokedBefore && (
          <p className="text-sm text-slate-700" data-testid="role-sessions-revoked-before">
            Sessions issued before <DateTime value={revokedBefore} seconds /> are revoked by the role&apos;s AWSRevokeOlderSessions policy.
          </p>
        )}
      </div>
      {sessions.length === 0 ? (
        <EmptyState title="No active sessions" description={`Nobody holds an unexpired session of ${roleName}.`} testId="role-sessions-empty" level={3} />
      ) : (
        <>
          <DataTable caption={`Active sessions of ${roleName}`} columns={columns} rows={sessions} rowKey={(session) => session.Arn + session.IssuedAt.toISOString()} testId="role-sessions-table" />
          <Pagination path={path} current={current} nextMarker={nextMarker} pageSize={pageSize} itemsOnPage={sessions.length} noun="sessions" />
        </>
      )}
    </Panel>
  );
}

// Access keys on "My security credentials" (/me, the caller's own) and on a user's Security
// credentials tab (an administrator, with userName): the list with status, created and last used,
// activate/deactivate and delete, and creation with its one-time secret. The root user sees AWS's
// warning against root access keys. The page loads the rows and binds the actions
// (app/(console)/_server/accessKeysSection.ts), so this stays a plain component.

import type { IamErrorView } from "@/lib/iam/core/errors";
import { AccessKeyRowActions } from "@/components/accessKeys/AccessKeyRowActions";
import type { AccessKeyRow, CreateAccessKeyAction } from "@/components/accessKeys/accessKeyState";
import { CreateAccessKeyForm } from "@/components/accessKeys/CreateAccessKeyForm";
import { CopyButton } from "@/components/console/CopyButton";
import { DateTime } from "@/components/console/DateTime";
import { Panel } from "@/components/console/Panel";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import type { FormAction } from "@/components/forms/actionState";
import { DataTable, type Column } from "@/components/table/DataTable";
import { EmptyState } from "@/components/table/EmptyState";

export const ACCESS_KEYS_PER_USER = 2;

export interface AccessKeysSectionProps {
  readonly keys: { readonly ok: true; readonly rows: readonly AccessKeyRow[] } | { readonly ok: false; readonly error: IamErrorView };
  /** Whose keys: an IAM user's name on their Security credentials tab; undefined for the caller's own. */
  readonly userName?: string;
  /** The keys are the root user's own. */
  readonly isRoot: boolean;
  readonly create: CreateAccessKeyAction;
  readonly setStatus: FormAction;
  readonly remove: FormAction;
  /** What the engine said about each button (pagePermissions): denied ones are off, with the reason. */
  readonly permissions?: { readonly create?: ControlPermission; readonly setStatus?: ControlPermission; readonly remove?: ControlPermission };
}

function StatusBadge({ status }: { status: AccessKeyRow["Status"] }) {
  const style = status === "Active" ? "bg-emerald-100 text-emerald-900" : "bg-slate-200 text-slate-800";
  return <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${style}`}>{status}</span>;
}

function LastUsed({ row }: { row: AccessKeyRow }) {
  if (row.LastUsed === "unknown") return <span className="text-slate-500">Unknown (GetAccessKeyLastUsed was refused)</span>;
  if (!row.LastUsed) return <span className="text-slate-500">Never used</span>;
  return (
    <>
      <DateTime value={row.LastUsed} />
      {row.LastUsedService && <span className="text-slate-600"> · {row.LastUsedService}</span>}
    </>
  );
}

export function AccessKeysSection({ keys, userName, isRoot, create, setStatus, remove, permissions = {} }: AccessKeysSectionProps) {
  const columns: Column<AccessKeyRow>[] = [
    {
      key: "id",
      header: "Access key ID",
      render: (row) => (
        <span className="inline-flex flex-wrap items-center gap-2">
          <code className="font-mono text-xs">{row.AccessKeyId}</code>
          <CopyButton value={row.AccessKeyId} label={`Copy access key ID ${row.AccessKeyId}`} />
        </span>
      ),
    },
    { key: "status", header: "Status", render: (row) => <StatusBadge status={row.Status} /> },
    { key: "created", header: "Created", render: (row) => <DateTime value={row.CreateDate} /> },
    { key: "used", header: "Last used", render: (row) => <LastUsed row={row} /> },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      className: "text-right",
      render: (row) => <AccessKeyRowActions accessKeyId={row.AccessKeyId} status={row.Status} setStatus={setStatus} remove={remove} permissions={permissions} />,
    },
  ];
  return (
    <Panel
      title="Access keys"
      description={`Use access keys to call Portcullis's IAM API from scripts and tools. Each user can have ${ACCESS_KEYS_PER_USER}; rotate them regularly by creating a new key, switching to it, then deactivating and deleting the old one.`}
      testId="access-keys"
    >
      {isRoot && (
        <div className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950" data-testid="root-access-key-warning">
          <p className="font-semibold">Root user access keys give unrestricted access; AWS recommends not creating them.</p>
          <p className="mt-1">
            Anyone holding them can do anything in this account, including closing it, and no policy can limit them. Create an IAM user with only the
            permissions your tool needs and use that user&apos;s access keys instead.
          </p>
        </div>
      )}
      {keys.ok ? (
        <>
          {keys.rows.length === 0 ? (
            <EmptyState level={3} title="No access keys" description="That is the safest state while nothing needs programmatic access." />
          ) : (
            <DataTable caption={userName ? `Access keys for ${userName}` : "Your access keys"} columns={columns} rows={keys.rows} rowKey={(row) => row.AccessKeyId} testId="access-keys-table" />
          )}
          <CreateAccessKeyForm create={create} isRoot={isRoot} atLimit={keys.rows.length >= ACCESS_KEYS_PER_USER} permission={permissions.create} />
        </>
      ) : (
        <>
          <ErrorPanel error={keys.error} />
          {/* The keys could not be listed; the button still says whether creating one is possible, and why not. */}
          <CreateAccessKeyForm create={create} isRoot={isRoot} atLimit={false} permission={permissions.create} />
        </>
      )}
    </Panel>
  );
}

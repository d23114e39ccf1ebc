import type { ControlPermission } from "@/components/permissions/controlPermission";
import { SignInWithMfaButton } from "@/components/permissions/SignInWithMfaButton";

export interface KeyAction {
  readonly id: string;
  readonly label: string;
  readonly permission: ControlPermission;
}

const STATUS = {
  allowed: { label: "Allowed", className: "bg-emerald-100 text-emerald-900" },
  depends: { label: "For some resources", className: "bg-sky-100 text-sky-900" },
  denied: { label: "Not allowed", className: "bg-slate-200 text-slate-800" },
} as const;

/**
 * What the signed-in principal may do, as the engine decides it (one GetCallerPermissions for the
 * whole list): each action with its answer, and why when it is not simply allowed.
 */
export function KeyActions({ actions, hasMfaDevice }: { actions: readonly KeyAction[]; hasMfaDevice: boolean }) {
  // Denials that only wait for an MFA sign-in (ForceMFA-ManageOwnCredentials) share one way out.
  const waitForMfa = actions.filter((action) => action.permission.state === "denied" && action.permission.needsMfa).length;
  return (
    <div className="flex flex-col gap-3">
      {waitForMfa > 0 && (
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950" data-testid="key-actions-need-mfa">
          {hasMfaDevice ? (
            <>
              <p>Some of these are allowed only in a session signed in with MFA. Sign out, then sign in again with a code from your MFA device.</p>
              <SignInWithMfaButton variant="secondary" />
            </>
          ) : (
            <p>Some of these are allowed only in a session signed in with MFA: assign yourself an MFA device first, then sign in again with a code from it.</p>
          )}
        </div>
      )}
      <ul className="flex flex-col divide-y divide-slate-200 text-sm" data-testid="key-actions">
        {actions.map((action) => {
          const status = STATUS[action.permission.state];
          const why = action.permission.state === "denied" ? action.permission.reason : action.permission.state === "depends" ? action.permission.note : undefined;
          return (
            <li key={action.id} className="flex flex-col gap-1 py-2" data-testid={`key-action-${action.id}`} data-state={action.permission.state}>
              <div className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium text-slate-900">{action.label}</span>
                <span className="sr-only">: </span>
                <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${status.className}`}>{status.label}</span>
              </div>
              {why && <p className="text-xs text-slate-600">{why}</p>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

import type { ControlPermission } from "./controlPermission";
import { SignInWithMfaButton } from "./SignInWithMfaButton";

/**
 * The sentence beside a control that is disabled (why) or only partly allowed (where). Give the
 * control aria-describedby={id}, so a screen reader reads the reason with the disabled button.
 * Renders nothing for an allowed control.
 */
export function PermissionNote({ id, permission, className = "" }: { id: string; permission: ControlPermission | undefined; className?: string }) {
  if (!permission || permission.state === "allowed") return null;
  if (permission.state === "depends") {
    return (
      <p id={id} className={`text-xs text-slate-600 ${className}`} data-testid="permission-note">
        {permission.note}
      </p>
    );
  }
  return (
    <div id={id} className={`flex flex-wrap items-center gap-2 text-xs text-slate-700 ${className}`} data-testid="permission-reason">
      <p>{permission.reason}</p>
      {permission.needsMfa && <SignInWithMfaButton variant="secondary" />}
    </div>
  );
}

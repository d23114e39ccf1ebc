"use client";

import { ActionForm } from "@/components/forms/ActionForm";
import type { FormAction } from "@/components/forms/actionState";
import type { SwitchRoleHistoryEntry } from "@/lib/iam/roles/switchRole";
import { roleColorClasses } from "./roleColors";

/** The user's recent roles, each switched to again with one click (AWS's account-menu history). */
export function RecentRoles({ roles, action }: { roles: readonly SwitchRoleHistoryEntry[]; action: FormAction }) {
  if (roles.length === 0) return <p className="text-sm text-slate-600" data-testid="recent-roles-empty">No recent roles yet. Roles you switch to appear here.</p>;
  return (
    <ul className="flex flex-col gap-2" data-testid="recent-roles">
      {roles.map((role) => (
        <li key={role.RoleArn} className="flex flex-wrap items-center gap-3">
          <span className={`h-3 w-3 shrink-0 rounded-full ${roleColorClasses(role.Color)}`} aria-hidden="true" />
          <ActionForm
            action={action}
            hidden={{ account: role.Account, roleName: role.RoleName, displayName: role.DisplayName, color: role.Color }}
            submitLabel={role.DisplayName}
            pendingLabel={`Switching to ${role.DisplayName}…`}
            submitAriaLabel={`Switch to ${role.DisplayName} (${role.RoleArn})`}
            variant="secondary"
            className="flex flex-wrap items-center gap-2"
          />
          <code className="font-mono text-xs break-all text-slate-600">{role.RoleArn}</code>
        </li>
      ))}
    </ul>
  );
}

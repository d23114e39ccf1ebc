// Which dashboard a principal sees, decided by the engine rather than by names: the account's root
// user sees its own checklist; whoever may read the account's state and create users (an
// administrator, even one limited to a path) sees the account's state; anyone else, an employee,
// sees their own credentials and what they may do. A role session has no credentials of its own, so
// it sees the account's state, with whatever its role may not read shown as denied.

import { isDenied, type ControlPermission } from "@/components/permissions/controlPermission";
import type { PrincipalKind } from "@/lib/auth/caller";

export type DashboardAudience = "root" | "administrator" | "employee";

export function dashboardAudience(kind: PrincipalKind, permissions: { readonly summary: ControlPermission; readonly createUser: ControlPermission }): DashboardAudience {
  if (kind === "root") return "root";
  if (kind === "assumed-role") return "administrator";
  return permissions.summary.state === "allowed" && !isDenied(permissions.createUser) ? "administrator" : "employee";
}

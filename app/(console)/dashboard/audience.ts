// Which dashboard a principal sees, decided by the engine rather than by names: the account's root
// user sees its own checklist; whoever may read the account's state and create users (an
// administrator, even one limited to a path) sees the account's state; anyone else, an employee,
// sees their own credentials and what they may do.

import { isDenied, type ControlPermission } from "@/components/permissions/controlPermission";

export type DashboardAudience = "root" | "administrator" | "employee";

export function dashboardAudience(kind: "root" | "user" | "anonymous", permissions: { readonly summary: ControlPermission; readonly createUser: ControlPermission }): DashboardAudience {
  if (kind === "root") return "root";
  return permissions.summary.state === "allowed" && !isDenied(permissions.createUser) ? "administrator" : "employee";
}

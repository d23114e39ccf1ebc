// The permissions boundary panel's two buttons, each named by the operation it sends, for the
// principal page's one pagePermissions call. Set and Change both send Put…PermissionsBoundary with a
// policy still to be chosen, so that check varies with the input: a grant limited by
// iam:PermissionsBoundary (only DevBoundary may be set) reads "depends", not "denied".

import type { PermissionCheck } from "@/lib/iam/policies/callerPermissions";
import {
  DeleteRolePermissionsBoundary,
  DeleteUserPermissionsBoundary,
  PutRolePermissionsBoundary,
  PutUserPermissionsBoundary,
} from "@/lib/iam/policies/permissionsBoundaries";
import type { ControlPermission } from "@/components/permissions/controlPermission";
import { ANY_POLICY_ARN } from "./undecidedInputs";

/** Whose boundary a panel shows: a user's or a role's. */
export interface BoundaryPrincipal {
  readonly kind: "user" | "role";
  readonly name: string;
}

type BoundaryControl = "setBoundary" | "removeBoundary";

/**
 * What the engine said about the panel's buttons (pagePermissions over permissionsBoundaryChecks);
 * a control without an answer stays enabled, as elsewhere in the console.
 */
export type BoundaryPermissions = Partial<Record<BoundaryControl, ControlPermission>>;

export function permissionsBoundaryChecks(principal: BoundaryPrincipal): Record<BoundaryControl, PermissionCheck> {
  if (principal.kind === "user") {
    const UserName = principal.name;
    return {
      setBoundary: { Operation: PutUserPermissionsBoundary, Input: { UserName, PermissionsBoundary: ANY_POLICY_ARN }, InputVaries: true },
      removeBoundary: { Operation: DeleteUserPermissionsBoundary, Input: { UserName } },
    };
  }
  const RoleName = principal.name;
  return {
    setBoundary: { Operation: PutRolePermissionsBoundary, Input: { RoleName, PermissionsBoundary: ANY_POLICY_ARN }, InputVaries: true },
    removeBoundary: { Operation: DeleteRolePermissionsBoundary, Input: { RoleName } },
  };
}

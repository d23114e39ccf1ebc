// A permissions boundary as AWS's API shows it on a user or a role: a structure naming the policy
// and its type (AWS has only one type, Policy), not a bare ARN. One home, so GetUser, GetRole and
// GetAccountAuthorizationDetails answer the same shape.

export interface PermissionsBoundaryView {
  PermissionsBoundaryType: "Policy";
  PermissionsBoundaryArn: string;
}

/** The PermissionsBoundary member of an entity whose boundary is `arn`; no member when it has none. */
export function permissionsBoundaryOf(arn: string | null | undefined): { PermissionsBoundary?: PermissionsBoundaryView } {
  return arn ? { PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: arn } } : {};
}

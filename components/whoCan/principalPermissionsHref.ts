/** The "What it can do" page of a user, group or role, by its ARN. */
export function principalPermissionsHref(arn: string, service?: string): string {
  return `/who-can/principal?arn=${encodeURIComponent(arn)}${service ? `&service=${encodeURIComponent(service)}` : ""}`;
}

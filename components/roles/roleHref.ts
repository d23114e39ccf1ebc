/** A role's console page, optionally opened on one tab. */
export function roleHref(roleName: string, tab?: string): string {
  return `/roles/${encodeURIComponent(roleName)}${tab ? `?tab=${tab}` : ""}`;
}

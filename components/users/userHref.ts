/** A user's console page, optionally opened on one tab. */
export function userHref(userName: string, tab?: string): string {
  return `/users/${encodeURIComponent(userName)}${tab ? `?tab=${tab}` : ""}`;
}

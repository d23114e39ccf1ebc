/** A group's console page, optionally opened on one tab. */
export function groupHref(groupName: string, tab?: string): string {
  return `/groups/${encodeURIComponent(groupName)}${tab ? `?tab=${tab}` : ""}`;
}

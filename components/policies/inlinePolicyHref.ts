/**
 * The page that creates (no policy name) or edits an inline policy of a user, group or role. The name is a
 * query parameter rather than a path segment, so no policy name can collide with the route itself.
 */
export function inlinePolicyHref(owner: "user" | "group" | "role", ownerName: string, policyName?: string): string {
  const base = `/${owner}s/${encodeURIComponent(ownerName)}/inline-policy`;
  return policyName === undefined ? base : `${base}?name=${encodeURIComponent(policyName)}`;
}

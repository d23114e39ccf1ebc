/** A managed policy's console page: its ARN, URL-encoded into one path segment. */
export function policyHref(policyArn: string): string {
  return `/policies/${encodeURIComponent(policyArn)}`;
}

// What a session remembers about who signed in: identifiers only. Everything else (names, ARNs
// after a rename, whether the principal still exists) is re-read from the database per request.

export type SessionPrincipal =
  | { readonly kind: "root"; readonly accountId: string; readonly arn: string }
  | { readonly kind: "user"; readonly accountId: string; readonly arn: string; readonly userId: string; readonly userName: string };

export function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

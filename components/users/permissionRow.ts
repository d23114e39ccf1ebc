/** One policy that applies to a user, and how it reaches them (the Permissions tab's "Attached via"). */
export type PermissionRow =
  | { readonly kind: "direct"; readonly policyName: string; readonly policyArn: string }
  | { readonly kind: "inline"; readonly policyName: string }
  | { readonly kind: "group"; readonly groupName: string; readonly policyName: string; readonly policyArn: string }
  | { readonly kind: "groupInline"; readonly groupName: string; readonly policyName: string };

export function permissionRowKey(row: PermissionRow): string {
  switch (row.kind) {
    case "direct":
      return `direct:${row.policyArn}`;
    case "inline":
      return `inline:${row.policyName}`;
    case "group":
      return `group:${row.groupName}:${row.policyArn}`;
    case "groupInline":
      return `groupInline:${row.groupName}:${row.policyName}`;
  }
}

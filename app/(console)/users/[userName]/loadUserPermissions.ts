// The rows of a user's Permissions and Effective permissions tabs: every policy that applies to the
// user and where it comes from — attached directly, inline, or through a group. Three operations,
// however many groups and policies: ListGroupsForUser's console columns bring each group's policies.

import type { Caller } from "@/lib/auth/caller";
import type { IamErrorView } from "@/lib/iam/core/errors";
import { ListGroupsForUser } from "@/lib/iam/groups/membership";
import { ListAttachedUserPolicies } from "@/lib/iam/policies/attachments";
import { ListUserPolicies } from "@/lib/iam/policies/inline";
import type { PermissionRow } from "@/components/users/permissionRow";
import { readOperation } from "../../_server/readOperation";

// A user is in at most 10 groups and holds at most 10 managed policies, so one page covers each list.
const ONE_PAGE = 100;

export interface UserPermissions {
  readonly rows: PermissionRow[];
  /** The first read that was refused; the rows then show only what could be read. */
  readonly error?: IamErrorView;
}

export async function loadUserPermissions(userName: string, caller: Caller): Promise<UserPermissions> {
  const [attached, inline, groups] = await Promise.all([
    readOperation(ListAttachedUserPolicies, { UserName: userName, MaxItems: ONE_PAGE }, caller),
    readOperation(ListUserPolicies, { UserName: userName }, caller),
    readOperation(ListGroupsForUser, { UserName: userName, MaxItems: ONE_PAGE, IncludeConsoleColumns: true }, caller),
  ]);
  const rows: PermissionRow[] = [];
  let error: IamErrorView | undefined;
  const note = (e: IamErrorView) => (error ??= e);

  if (attached.ok) {
    for (const policy of attached.value.AttachedPolicies) rows.push({ kind: "direct", policyName: policy.PolicyName, policyArn: policy.PolicyArn });
  } else note(attached.error);
  if (inline.ok) {
    for (const name of inline.value.PolicyNames) rows.push({ kind: "inline", policyName: name });
  } else note(inline.error);
  if (groups.ok) {
    for (const group of groups.value.Groups) {
      const columns = group.ConsoleColumns;
      for (const policy of columns?.AttachedPolicies ?? []) rows.push({ kind: "group", groupName: group.GroupName, policyName: policy.PolicyName, policyArn: policy.PolicyArn });
      for (const name of columns?.InlinePolicyNames ?? []) rows.push({ kind: "groupInline", groupName: group.GroupName, policyName: name });
      if (columns && (!columns.AttachedPolicies || !columns.InlinePolicyNames)) {
        note({ code: "AccessDenied", message: `The policies of group ${group.GroupName} could not be read (iam:ListAttachedGroupPolicies or iam:ListGroupPolicies was denied).` });
      }
    }
  } else note(groups.error);
  return { rows, error };
}

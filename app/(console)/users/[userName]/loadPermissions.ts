// The rows of a user's Permissions tab: every policy that applies to the user and where it comes
// from — attached directly, inline, or through a group — read through the same operations the AWS
// console calls (ListAttachedUserPolicies, ListUserPolicies, ListGroupsForUser, and per group
// ListAttachedGroupPolicies / ListGroupPolicies).

import type { Caller } from "@/lib/auth/caller";
import type { IamErrorView } from "@/lib/iam/core/errors";
import { ListGroupsForUser } from "@/lib/iam/groups/membership";
import { ListAttachedGroupPolicies, ListAttachedUserPolicies } from "@/lib/iam/policies/attachments";
import { ListGroupPolicies, ListUserPolicies } from "@/lib/iam/policies/inline";
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
    readOperation(ListGroupsForUser, { UserName: userName, MaxItems: ONE_PAGE }, caller),
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
    const perGroup = await Promise.all(
      groups.value.Groups.map(async (group) => ({
        group: group.GroupName,
        attached: await readOperation(ListAttachedGroupPolicies, { GroupName: group.GroupName, MaxItems: ONE_PAGE }, caller),
        inline: await readOperation(ListGroupPolicies, { GroupName: group.GroupName }, caller),
      })),
    );
    for (const { group, attached: groupAttached, inline: groupInline } of perGroup) {
      if (groupAttached.ok) {
        for (const policy of groupAttached.value.AttachedPolicies) {
          rows.push({ kind: "group", groupName: group, policyName: policy.PolicyName, policyArn: policy.PolicyArn });
        }
      } else note(groupAttached.error);
      if (groupInline.ok) {
        for (const name of groupInline.value.PolicyNames) rows.push({ kind: "groupInline", groupName: group, policyName: name });
      } else note(groupInline.error);
    }
  } else note(groups.error);
  return { rows, error };
}

// The Users and Permissions columns of the groups list. IAM's ListGroups returns neither, so, like
// the AWS console, each listed group is asked (GetGroup, ListAttachedGroupPolicies, ListGroupPolicies);
// only the current page's groups are, so the cost stays bounded by the page size.

import type { Caller } from "@/lib/auth/caller";
import { GetGroup } from "@/lib/iam/groups/groups";
import { ListAttachedGroupPolicies } from "@/lib/iam/policies/attachments";
import { ListGroupPolicies } from "@/lib/iam/policies/inline";
import { readOperation } from "../_server/readOperation";

export interface GroupCounts {
  /** undefined when the read was refused: the cell then says so instead of guessing. */
  readonly users?: number;
  readonly permissions?: number;
}

// A group's members fit in one page of GetGroup at the account's 5,000-user quota.
const ALL_MEMBERS = 1000;

export async function loadGroupCounts(groupNames: readonly string[], caller: Caller): Promise<Map<string, GroupCounts>> {
  const entries = await Promise.all(
    groupNames.map(async (GroupName): Promise<[string, GroupCounts]> => {
      const [group, attached, inline] = await Promise.all([
        readOperation(GetGroup, { GroupName, MaxItems: ALL_MEMBERS }, caller),
        readOperation(ListAttachedGroupPolicies, { GroupName, MaxItems: 100 }, caller),
        readOperation(ListGroupPolicies, { GroupName }, caller),
      ]);
      return [
        GroupName,
        {
          users: group.ok ? group.value.Users.length + (group.value.IsTruncated ? 1 : 0) : undefined,
          permissions: attached.ok && inline.ok ? attached.value.AttachedPolicies.length + inline.value.PolicyNames.length : undefined,
        },
      ];
    }),
  );
  return new Map(entries);
}

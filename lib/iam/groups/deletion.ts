// Deleting groups. DeleteGroup is AWS's: it refuses while the group has members or policies.
// DeleteGroupWithDependents is the console's offer to remove the members, detach the managed
// policies and delete the inline ones first: each removal is its own step (decided and audited with
// its own action), all in one transaction, and a denied step stops the deletion and changes nothing.

import { z } from "zod";
import { IamError } from "../core/errors";
import { operation } from "../core/operation";
import { GroupName } from "../core/validation";
import { DetachGroupPolicy } from "../policies/attachments";
import { DeleteGroupPolicy } from "../policies/inline";
import { actsOnGroup, requireGroup } from "./entity";
import { RemoveUserFromGroup } from "./membership";

type Empty = Record<string, never>;

export const DeleteGroup = operation({
  name: "DeleteGroup",
  action: "iam:DeleteGroup",
  input: z.object({ GroupName }),
  ...actsOnGroup,
  run: async ({ tx, input, caller }): Promise<Empty> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const [members, attached, inline] = await Promise.all([
      tx.groupMembership.count({ where: { groupId: group.id } }),
      tx.groupPolicyAttachment.count({ where: { groupId: group.id } }),
      tx.inlinePolicy.count({ where: { groupId: group.id } }),
    ]);
    if (members > 0) throw new IamError("DeleteConflict", "Cannot delete entity, must remove users from group first.");
    if (attached > 0) throw new IamError("DeleteConflict", "Cannot delete entity, must detach all policies first.");
    if (inline > 0) throw new IamError("DeleteConflict", "Cannot delete entity, must delete policies first.");
    await tx.group.delete({ where: { id: group.id } });
    return {};
  },
});

export const DeleteGroupWithDependents = operation({
  name: "DeleteGroupWithDependents",
  action: "iam:DeleteGroup",
  input: z.object({ GroupName }),
  ...actsOnGroup,
  run: async ({ tx, input, caller, steps }): Promise<{ Removed: { Users: number; AttachedPolicies: number; InlinePolicies: number } }> => {
    const group = await requireGroup(tx, caller, input.GroupName);
    const GroupName = group.name;
    const [members, attached, inline] = await Promise.all([
      tx.groupMembership.findMany({ where: { groupId: group.id }, select: { user: { select: { name: true } } } }),
      tx.groupPolicyAttachment.findMany({ where: { groupId: group.id }, select: { policy: { select: { arn: true } } } }),
      tx.inlinePolicy.findMany({ where: { groupId: group.id }, select: { name: true } }),
    ]);
    for (const { user } of members) await steps.run(RemoveUserFromGroup, { GroupName, UserName: user.name });
    for (const { policy } of attached) await steps.run(DetachGroupPolicy, { GroupName, PolicyArn: policy.arn });
    for (const policy of inline) await steps.run(DeleteGroupPolicy, { GroupName, PolicyName: policy.name });
    await steps.run(DeleteGroup, { GroupName });
    return { Removed: { Users: members.length, AttachedPolicies: attached.length, InlinePolicies: inline.length } };
  },
});

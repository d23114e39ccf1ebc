// The console's "Delete role": DeleteRole is AWS's and refuses while policies are attached
// (DeleteConflict). DeleteRoleWithDependents removes them first, each removal its own step (its own
// action, decided by the engine and audited), then the role, all in one transaction: a step the
// caller may not take stops the whole deletion, names that step and leaves the role as it was.
// A permissions boundary is a setting of the role, not something attached to it: it goes with the
// role, as tags do, and needs no step of its own.

import { z } from "zod";
import { operation } from "../core/operation";
import { RoleName } from "../core/validation";
import { DetachRolePolicy } from "../policies/attachments";
import { DeleteRolePolicy } from "../policies/inline";
import { actsOnRole, requireRole } from "./entity";
import { DeleteRole } from "./roles";

export const DeleteRoleWithDependents = operation({
  name: "DeleteRoleWithDependents",
  action: "iam:DeleteRole",
  input: z.object({ RoleName }),
  ...actsOnRole,
  run: async ({ tx, input, caller, steps }): Promise<{ Removed: { AttachedPolicies: number; InlinePolicies: number; Tags: number } }> => {
    const role = await requireRole(tx, caller, input.RoleName);
    const RoleName = role.name;
    const [attached, inline, Tags] = await Promise.all([
      tx.rolePolicyAttachment.findMany({ where: { roleId: role.id }, select: { policy: { select: { arn: true } } } }),
      tx.inlinePolicy.findMany({ where: { roleId: role.id }, select: { name: true } }),
      tx.tag.count({ where: { roleId: role.id } }),
    ]);
    // The AWS console's order: managed policies are detached, then inline policies deleted.
    for (const { policy } of attached) await steps.run(DetachRolePolicy, { RoleName, PolicyArn: policy.arn });
    for (const policy of inline) await steps.run(DeleteRolePolicy, { RoleName, PolicyName: policy.name });
    await steps.run(DeleteRole, { RoleName });
    return { Removed: { AttachedPolicies: attached.length, InlinePolicies: inline.length, Tags } };
  },
});

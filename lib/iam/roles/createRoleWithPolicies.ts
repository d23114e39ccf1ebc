// The create-role wizard's "Create role", as the AWS console runs it: CreateRole (trust policy,
// description, maximum session duration, permissions boundary and tags in one call), then
// AttachRolePolicy for each managed policy chosen, each its own step (decided by the engine and
// audited with its own action and resource), in one transaction: if any step is refused, no role is
// left behind half made.

import { z } from "zod";
import { operation } from "../core/operation";
import { PolicyArn } from "../core/validation";
import { AttachRolePolicy } from "../policies/attachments";
import type { RoleView } from "./entity";
import { CreateRole, CreateRoleInput, createsRole } from "./roles";

export const CreateRoleWithPolicies = operation({
  name: "CreateRoleWithPolicies",
  action: "iam:CreateRole",
  // No length limit of its own: the eleventh AttachRolePolicy step meets the role's quota of 10
  // managed policies and answers AWS's LimitExceeded, as attaching one by one would.
  input: CreateRoleInput.extend({ PolicyArns: z.array(PolicyArn).optional() }),
  ...createsRole,
  run: async ({ input, steps }): Promise<{ Role: RoleView }> => {
    const { PolicyArns, ...role } = input;
    const { Role } = await steps.run(CreateRole, role);
    for (const PolicyArn of new Set(PolicyArns ?? [])) await steps.run(AttachRolePolicy, { RoleName: Role.RoleName, PolicyArn });
    return { Role };
  },
});

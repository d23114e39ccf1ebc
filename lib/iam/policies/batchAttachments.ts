// The console's "Attach policies" with several chosen at once: AttachUserPolicies (a user's
// Permissions tab), AttachGroupPolicies (a group's), AttachRolePolicies (a role's) and AttachPolicyToEntities (a policy's Entities
// attached tab). Each attachment is its own step, decided and audited with its own iam:PolicyARN,
// and all of them apply or none does: a refusal halfway leaves nothing half attached.

import { z } from "zod";
import { operation } from "../core/operation";
import { QUOTAS } from "../core/rules";
import { GroupName, PolicyArn, RoleName, UserName } from "../core/validation";
import { actsOnGroup } from "../groups/entity";
import { actsOnRole } from "../roles/entity";
import { actsOnUser, userTagContext } from "../users/entity";
import { AttachGroupPolicy, AttachRolePolicy, AttachUserPolicy } from "./attachments";
import { actsOnPolicy } from "./entity";

type Empty = Record<string, never>;

const PolicyArns = (quota: number) =>
  z.array(PolicyArn).min(1, "choose at least one policy to attach").max(quota, `at most ${quota} policies can be attached`);

export const AttachUserPolicies = operation({
  name: "AttachUserPolicies",
  action: "iam:AttachUserPolicy",
  input: z.object({ UserName, PolicyArns: PolicyArns(QUOTAS.AttachedPoliciesPerUser) }),
  // The first attachment's decision; each other one is decided as its own step.
  resource: actsOnUser.resource,
  context: async ({ tx, input, caller }) => ({ ...(await userTagContext(tx, caller, input.UserName)), "iam:PolicyARN": input.PolicyArns[0]! }),
  run: async ({ input, steps }): Promise<Empty> => {
    for (const PolicyArn of input.PolicyArns) await steps.run(AttachUserPolicy, { UserName: input.UserName, PolicyArn });
    return {};
  },
});

export const AttachGroupPolicies = operation({
  name: "AttachGroupPolicies",
  action: "iam:AttachGroupPolicy",
  input: z.object({ GroupName, PolicyArns: PolicyArns(QUOTAS.AttachedPoliciesPerGroup) }),
  ...actsOnGroup,
  context: ({ input }) => ({ "iam:PolicyARN": input.PolicyArns[0]! }),
  run: async ({ input, steps }): Promise<Empty> => {
    for (const PolicyArn of input.PolicyArns) await steps.run(AttachGroupPolicy, { GroupName: input.GroupName, PolicyArn });
    return {};
  },
});

export const AttachRolePolicies = operation({
  name: "AttachRolePolicies",
  action: "iam:AttachRolePolicy",
  input: z.object({ RoleName, PolicyArns: PolicyArns(QUOTAS.AttachedPoliciesPerRole) }),
  resource: actsOnRole.resource,
  context: async (hooks) => ({ ...(await actsOnRole.context(hooks)), "iam:PolicyARN": hooks.input.PolicyArns[0]! }),
  run: async ({ input, steps }): Promise<Empty> => {
    for (const PolicyArn of input.PolicyArns) await steps.run(AttachRolePolicy, { RoleName: input.RoleName, PolicyArn });
    return {};
  },
});

export const AttachPolicyToEntities = operation({
  name: "AttachPolicyToEntities",
  // The policy page reads the policy it attaches; each attachment is then its own step.
  action: "iam:GetPolicy",
  input: z
    .object({ PolicyArn, UserNames: z.array(UserName).max(1000, "at most 1000 users at a time").optional(), GroupNames: z.array(GroupName).max(QUOTAS.GroupsPerAccount).optional() })
    .refine((input) => (input.UserNames?.length ?? 0) + (input.GroupNames?.length ?? 0) > 0, "choose at least one user or group to attach the policy to"),
  ...actsOnPolicy,
  run: async ({ input, steps }): Promise<Empty> => {
    for (const UserName of input.UserNames ?? []) await steps.run(AttachUserPolicy, { UserName, PolicyArn: input.PolicyArn });
    for (const GroupName of input.GroupNames ?? []) await steps.run(AttachGroupPolicy, { GroupName, PolicyArn: input.PolicyArn });
    return {};
  },
});

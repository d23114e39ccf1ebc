"use server";

import { requireCaller } from "@/lib/auth/session";
import { accountOf } from "@/lib/iam/core/account";
import { isIamError } from "@/lib/iam/core/errors";
import { followsRule, ROLE_NAME } from "@/lib/iam/core/rules";
import { AttachRolePolicy } from "@/lib/iam/policies/attachments";
import type { PermissionCheck } from "@/lib/iam/policies/callerPermissions";
import { CreateRole } from "@/lib/iam/roles/roles";
import { isDenied } from "@/components/permissions/controlPermission";
import type { CreateRoleDraft } from "@/components/roles/wizard/draft";
import { policyNameOf } from "@/components/users/wizard/choices";
import type { ReviewDenial } from "@/components/users/wizard/reviewPermissions";
import { draftArgument } from "../../_server/actionArguments";
import { pagePermissions } from "../../_server/pagePermissions";
import { ANY_ROLE_NAME } from "../../_server/undecidedInputs";
import { createRoleInput } from "./draftInput";

/**
 * The last step's question, asked as the person types: which of Create role's steps (CreateRole with
 * its tags and boundary, each AttachRolePolicy) would the engine refuse for exactly these choices?
 * One GetCallerPermissions call; nothing is created. Until the name is a valid one it is asked as
 * "still to be typed", so only a step no name could make allowed is reported.
 */
export async function reviewCreateRole(draft: CreateRoleDraft): Promise<readonly ReviewDenial[]> {
  if (draftArgument(draft)) return [];
  const caller = await requireCaller();
  const { PolicyArns, ...role } = createRoleInput(draft, accountOf(caller));
  const named = followsRule(ROLE_NAME, role.RoleName);
  const RoleName = named ? role.RoleName : ANY_ROLE_NAME;
  const steps: Record<string, { label: string; check: PermissionCheck }> = {
    createRole: {
      label: named ? `Create role ${RoleName}` : "Create the role",
      check: { Operation: CreateRole, Input: { ...role, RoleName }, InputVaries: !named },
    },
  };
  for (const PolicyArn of PolicyArns) {
    steps[`policy:${PolicyArn}`] = {
      label: `Attach policy ${policyNameOf(PolicyArn)}`,
      check: { Operation: AttachRolePolicy, Input: { RoleName, PolicyArn }, InputVaries: !named },
    };
  }
  try {
    const decided = await pagePermissions(caller, Object.fromEntries(Object.entries(steps).map(([key, step]) => [key, step.check])));
    return Object.entries(decided).flatMap(([key, permission]) =>
      isDenied(permission) ? [{ step: steps[key]!.label, reason: permission.reason, ...(permission.needsMfa ? { needsMfa: true as const } : {}) }] : [],
    );
  } catch (error) {
    // An input the operations refuse (a description CreateRole would reject) is Create role's to explain.
    if (isIamError(error)) return [];
    throw error;
  }
}

// The policies of a role's Permissions and Effective permissions tabs: its attached managed policies
// and its inline policies. Two operations, however many policies (a role holds at most 10 managed
// policies, so one page covers them).

import type { Caller } from "@/lib/auth/caller";
import type { IamErrorView } from "@/lib/iam/core/errors";
import type { AttachedPolicy } from "@/lib/iam/policies/entity";
import { ListAttachedRolePolicies } from "@/lib/iam/policies/attachments";
import { ListRolePolicies } from "@/lib/iam/policies/inline";
import type { PermissionRow } from "@/components/users/permissionRow";
import { readOperation } from "../../_server/readOperation";

const ONE_PAGE = 100;

export interface RolePermissions {
  readonly attached: readonly AttachedPolicy[];
  readonly inline: readonly string[];
  /** The same policies as rows of the effective-permissions table. */
  readonly rows: PermissionRow[];
  /** The first read that was refused; the lists then hold only what could be read. */
  readonly error?: IamErrorView;
}

export async function loadRolePermissions(roleName: string, caller: Caller): Promise<RolePermissions> {
  const [attachedRead, inlineRead] = await Promise.all([
    readOperation(ListAttachedRolePolicies, { RoleName: roleName, MaxItems: ONE_PAGE }, caller),
    // Small inline policies can outnumber one default page within a role's 10,240-character quota.
    readOperation(ListRolePolicies, { RoleName: roleName, MaxItems: 1000 }, caller),
  ]);
  const attached = attachedRead.ok ? attachedRead.value.AttachedPolicies : [];
  const inline = inlineRead.ok ? inlineRead.value.PolicyNames : [];
  const rows: PermissionRow[] = [
    ...attached.map((policy) => ({ kind: "direct" as const, policyName: policy.PolicyName, policyArn: policy.PolicyArn })),
    ...inline.map((policyName) => ({ kind: "inline" as const, policyName })),
  ];
  const error = !attachedRead.ok ? attachedRead.error : !inlineRead.ok ? inlineRead.error : undefined;
  return { attached, inline, rows, error };
}

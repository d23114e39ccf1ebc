// The buttons on a role's page, each named by the operation it sends, for the page's one
// pagePermissions call: Delete and the summary's Edit on every tab, then only the open tab's own
// buttons. Buttons that act on one row of many (Detach, Delete inline policy) are decided once: the
// role is the resource. "What it can do" is decided on the role's ARN (its path included), once
// GetRole has returned it.

import type { PermissionCheck } from "@/lib/iam/policies/callerPermissions";
import { AttachRolePolicy, DetachRolePolicy } from "@/lib/iam/policies/attachments";
import { DeleteRolePolicy, PutRolePolicy } from "@/lib/iam/policies/inline";
import { ListPrincipalPermissions } from "@/lib/iam/policies/principalPermissions";
import { DeleteRoleWithDependents } from "@/lib/iam/roles/deletion";
import { UpdateAssumeRolePolicy, UpdateRole } from "@/lib/iam/roles/roles";
import { RevokeRoleSessions } from "@/lib/iam/roles/sessions";
import { TagRole, UntagRole } from "@/lib/iam/roles/tags";
import { permissionsBoundaryChecks } from "../../_server/permissionsBoundaryChecks";
import { ANY_POLICY_ARN, ANY_POLICY_DOCUMENT, ANY_POLICY_NAME, ANY_TAGS, ANY_TRUST_POLICY } from "../../_server/undecidedInputs";
import type { RoleTab } from "./loadRolePage";

export function rolePageChecks(RoleName: string, tab: RoleTab, roleArn?: string): Record<string, PermissionCheck> {
  const always = {
    ...(roleArn ? { whatItCanDo: { Operation: ListPrincipalPermissions, Input: { PolicySourceArn: roleArn } } } : {}),
    deleteRole: { Operation: DeleteRoleWithDependents, Input: { RoleName } },
    editRole: { Operation: UpdateRole, Input: { RoleName } },
  };
  switch (tab) {
    case "permissions":
      return {
        ...always,
        attachPolicy: { Operation: AttachRolePolicy, Input: { RoleName, PolicyArn: ANY_POLICY_ARN }, InputVaries: true },
        detachPolicy: { Operation: DetachRolePolicy, Input: { RoleName, PolicyArn: ANY_POLICY_ARN }, InputVaries: true },
        putInlinePolicy: { Operation: PutRolePolicy, Input: { RoleName, PolicyName: ANY_POLICY_NAME, PolicyDocument: ANY_POLICY_DOCUMENT }, InputVaries: true },
        deleteInlinePolicy: { Operation: DeleteRolePolicy, Input: { RoleName, PolicyName: ANY_POLICY_NAME }, InputVaries: true },
        ...permissionsBoundaryChecks({ kind: "role", name: RoleName }),
      };
    case "trust":
      return { ...always, editTrustPolicy: { Operation: UpdateAssumeRolePolicy, Input: { RoleName, PolicyDocument: ANY_TRUST_POLICY }, InputVaries: true } };
    case "tags":
      return {
        ...always,
        tagRole: { Operation: TagRole, Input: { RoleName, Tags: ANY_TAGS }, InputVaries: true },
        untagRole: { Operation: UntagRole, Input: { RoleName, TagKeys: ANY_TAGS.map((tag) => tag.Key) }, InputVaries: true },
      };
    case "sessions":
      return { ...always, revokeSessions: { Operation: RevokeRoleSessions, Input: { RoleName } } };
    case "access":
    case "last-accessed":
      return always;
  }
}

// The buttons on a managed policy's page, each named by the operation it sends, for the page's one
// pagePermissions call. A customer managed policy's Edit and Delete show on every view; the
// Versions and Entities attached tabs add their own. AWS managed policies offer only Attach.

import { AttachGroupPolicy, AttachUserPolicy, DetachGroupPolicy, DetachUserPolicy } from "@/lib/iam/policies/attachments";
import type { PermissionCheck } from "@/lib/iam/policies/callerPermissions";
import type { PolicyView } from "@/lib/iam/policies/entity";
import { DeletePolicy } from "@/lib/iam/policies/managed";
import { CreatePolicyVersion, DeletePolicyVersion, SetDefaultPolicyVersion } from "@/lib/iam/policies/versions";
import { ANY_GROUP_NAME, ANY_POLICY_DOCUMENT, ANY_USER_NAME } from "../../_server/undecidedInputs";
import type { PolicyTab } from "./loadPolicyPage";

export function policyPageChecks(policy: PolicyView, view: PolicyTab): Record<string, PermissionCheck> {
  const PolicyArn = policy.Arn;
  const editable: Record<string, PermissionCheck> = policy.IsAwsManaged
    ? {}
    : {
        editPolicy: { Operation: CreatePolicyVersion, Input: { PolicyArn, PolicyDocument: ANY_POLICY_DOCUMENT, SetAsDefault: true } },
        deletePolicy: { Operation: DeletePolicy, Input: { PolicyArn } },
      };
  switch (view) {
    case "versions":
      if (policy.IsAwsManaged) return editable;
      return {
        ...editable,
        // One answer for every row: versions are not resources of their own.
        setDefaultVersion: { Operation: SetDefaultPolicyVersion, Input: { PolicyArn, VersionId: policy.DefaultVersionId } },
        deleteVersion: { Operation: DeletePolicyVersion, Input: { PolicyArn, VersionId: policy.DefaultVersionId } },
      };
    case "entities":
      return {
        ...editable,
        attachToUser: { Operation: AttachUserPolicy, Input: { PolicyArn, UserName: ANY_USER_NAME }, InputVaries: true },
        attachToGroup: { Operation: AttachGroupPolicy, Input: { PolicyArn, GroupName: ANY_GROUP_NAME }, InputVaries: true },
        detachFromUser: { Operation: DetachUserPolicy, Input: { PolicyArn, UserName: ANY_USER_NAME }, InputVaries: true },
        detachFromGroup: { Operation: DetachGroupPolicy, Input: { PolicyArn, GroupName: ANY_GROUP_NAME }, InputVaries: true },
      };
    default:
      return editable;
  }
}

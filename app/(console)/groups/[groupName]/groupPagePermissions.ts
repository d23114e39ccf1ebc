// The buttons on a group's page, each named by the operation it sends, for the page's one
// pagePermissions call: Delete and rename on both tabs, then the open tab's own buttons. Buttons that
// act on one row of many (Remove, Detach) are decided once: the group is the resource. "What it can
// do" is decided on the group's ARN (its path included), once GetGroup has returned it.

import { DeleteGroup } from "@/lib/iam/groups/deletion";
import { UpdateGroup } from "@/lib/iam/groups/groups";
import { AddUserToGroup, RemoveUserFromGroup } from "@/lib/iam/groups/membership";
import { AttachGroupPolicy, DetachGroupPolicy } from "@/lib/iam/policies/attachments";
import type { PermissionCheck } from "@/lib/iam/policies/callerPermissions";
import { DeleteGroupPolicy, PutGroupPolicy } from "@/lib/iam/policies/inline";
import { ListPrincipalPermissions } from "@/lib/iam/policies/principalPermissions";
import { ANY_GROUP_NAME, ANY_POLICY_ARN, ANY_POLICY_DOCUMENT, ANY_POLICY_NAME, ANY_USER_NAME } from "../../_server/undecidedInputs";
import type { GroupTab } from "./loadGroupPage";

export function groupPageChecks(GroupName: string, tab: GroupTab, groupArn?: string): Record<string, PermissionCheck> {
  const always = {
    ...(groupArn ? { whatItCanDo: { Operation: ListPrincipalPermissions, Input: { PolicySourceArn: groupArn } } } : {}),
    deleteGroup: { Operation: DeleteGroup, Input: { GroupName } },
    // Renaming is decided on the old ARN and on the new one, which is still to be typed.
    renameGroup: { Operation: UpdateGroup, Input: { GroupName, NewGroupName: ANY_GROUP_NAME }, InputVaries: true },
  };
  if (tab === "last-accessed") return always;
  if (tab === "users") {
    return {
      ...always,
      addUser: { Operation: AddUserToGroup, Input: { GroupName, UserName: ANY_USER_NAME }, InputVaries: true },
      removeUser: { Operation: RemoveUserFromGroup, Input: { GroupName, UserName: ANY_USER_NAME }, InputVaries: true },
    };
  }
  return {
    ...always,
    attachPolicy: { Operation: AttachGroupPolicy, Input: { GroupName, PolicyArn: ANY_POLICY_ARN }, InputVaries: true },
    detachPolicy: { Operation: DetachGroupPolicy, Input: { GroupName, PolicyArn: ANY_POLICY_ARN }, InputVaries: true },
    putInlinePolicy: { Operation: PutGroupPolicy, Input: { GroupName, PolicyName: ANY_POLICY_NAME, PolicyDocument: ANY_POLICY_DOCUMENT }, InputVaries: true },
    deleteInlinePolicy: { Operation: DeleteGroupPolicy, Input: { GroupName, PolicyName: ANY_POLICY_NAME }, InputVaries: true },
  };
}

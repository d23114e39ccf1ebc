// The buttons on a user's page, each named by the operation it sends, for the page's one
// pagePermissions call: Delete on every tab, then only the open tab's own buttons. Buttons that act
// on one row of many (Detach, Remove from group) are decided once: the user is the resource.
// "What it can do" is decided on the user's ARN (its path included), once GetUser has returned it.

import type { Caller } from "@/lib/auth/caller";
import { CreateLoginProfile, DeleteLoginProfile, UpdateLoginProfile } from "@/lib/iam/credentials/loginProfiles";
import { RevokeUserSessions } from "@/lib/iam/credentials/sessions";
import { UnlockLoginProfile } from "@/lib/iam/credentials/signInLockouts";
import { AddUserToGroup, RemoveUserFromGroup } from "@/lib/iam/groups/membership";
import { AttachUserPolicy, DetachUserPolicy } from "@/lib/iam/policies/attachments";
import type { PermissionCheck } from "@/lib/iam/policies/callerPermissions";
import { DeleteUserPolicy, PutUserPolicy } from "@/lib/iam/policies/inline";
import { ListPrincipalPermissions } from "@/lib/iam/policies/principalPermissions";
import { DeleteUser } from "@/lib/iam/users/deletion";
import { TagUser, UntagUser } from "@/lib/iam/users/tags";
import { credentialPermissionChecks } from "../../_server/credentialPermissions";
import { permissionsBoundaryChecks } from "../../_server/permissionsBoundaryChecks";
import { ANY_GROUP_NAME, ANY_POLICY_ARN, ANY_POLICY_DOCUMENT, ANY_POLICY_NAME, ANY_TAGS } from "../../_server/undecidedInputs";
import type { UserTab } from "./loadUserPage";

export function userPageChecks(caller: Caller, UserName: string, tab: UserTab, userArn?: string): Record<string, PermissionCheck> {
  return { ...tabChecks(caller, UserName, tab), ...(userArn ? { whatItCanDo: { Operation: ListPrincipalPermissions, Input: { PolicySourceArn: userArn } } } : {}) };
}

function tabChecks(caller: Caller, UserName: string, tab: UserTab): Record<string, PermissionCheck> {
  const deleteUser = { Operation: DeleteUser, Input: { UserName } };
  switch (tab) {
    case "permissions":
      return {
        deleteUser,
        attachPolicy: { Operation: AttachUserPolicy, Input: { UserName, PolicyArn: ANY_POLICY_ARN }, InputVaries: true },
        detachPolicy: { Operation: DetachUserPolicy, Input: { UserName, PolicyArn: ANY_POLICY_ARN }, InputVaries: true },
        putInlinePolicy: { Operation: PutUserPolicy, Input: { UserName, PolicyName: ANY_POLICY_NAME, PolicyDocument: ANY_POLICY_DOCUMENT }, InputVaries: true },
        deleteInlinePolicy: { Operation: DeleteUserPolicy, Input: { UserName, PolicyName: ANY_POLICY_NAME }, InputVaries: true },
        ...permissionsBoundaryChecks({ kind: "user", name: UserName }),
      };
    case "groups":
      return {
        deleteUser,
        addToGroup: { Operation: AddUserToGroup, Input: { UserName, GroupName: ANY_GROUP_NAME }, InputVaries: true },
        removeFromGroup: { Operation: RemoveUserFromGroup, Input: { UserName, GroupName: ANY_GROUP_NAME }, InputVaries: true },
      };
    case "security":
      return {
        deleteUser,
        // "Enable console access" creates a login profile; "Reset console password" updates it. Both
        // are asked, beside GetLoginProfile, so the page need not wait for it to know which it shows.
        enableConsoleAccess: { Operation: CreateLoginProfile, Input: { UserName, Password: "unknown" } },
        resetConsolePassword: { Operation: UpdateLoginProfile, Input: { UserName } },
        disableConsoleAccess: { Operation: DeleteLoginProfile, Input: { UserName } },
        unlockSignIn: { Operation: UnlockLoginProfile, Input: { UserName } },
        revokeSessions: { Operation: RevokeUserSessions, Input: { UserName } },
        ...credentialPermissionChecks(caller, UserName, UserName),
      };
    case "tags":
      return {
        deleteUser,
        tagUser: { Operation: TagUser, Input: { UserName, Tags: ANY_TAGS }, InputVaries: true },
        untagUser: { Operation: UntagUser, Input: { UserName, TagKeys: ANY_TAGS.map((tag) => tag.Key) }, InputVaries: true },
      };
    case "access":
    case "last-accessed":
      return { deleteUser };
  }
}

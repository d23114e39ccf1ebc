// Every operation, in one list: what the Query API dispatches on by name, and what the
// registry-wide test runs to prove that no operation skips the policy engine. A test fails when an
// operation exported anywhere in lib/iam is missing here.

import { CreateAccountAlias, DeleteAccountAlias, ListAccountAliases } from "./account/aliases";
import { DeleteAccountPasswordPolicy, GetAccountPasswordPolicy, UpdateAccountPasswordPolicy } from "./account/passwordPolicy";
import { GetAccountSummary } from "./account/summary";
import { GetAccountAuthorizationDetails } from "./account/authorizationDetails";
import { GenerateCredentialReport, GetCredentialReport } from "./reports/credentialReport";
import { ListUnusedAccessFindings, UpdateUnusedAccessFindings } from "./reports/unusedAccess";
import { GenerateServiceLastAccessedDetails, GetServiceLastAccessedDetails, GetServiceLastAccessedDetailsWithEntities } from "./reports/serviceLastAccessedJobs";
import { LookupEvents } from "./audit/lookupEvents";
import type { Operation } from "./core/operation";
import { CreateAccessKey, DeleteAccessKey, GetAccessKeyLastUsed, ListAccessKeys, UpdateAccessKey } from "./credentials/accessKeys";
import { CreateLoginProfile, DeleteLoginProfile, GetLoginProfile, SetConsolePassword, UpdateLoginProfile } from "./credentials/loginProfiles";
import {
  CreateVirtualMFADevice,
  DeactivateMFADevice,
  DeleteVirtualMFADevice,
  EnableMFADevice,
  ListMFADevices,
  RemoveMFADevice,
  ResyncMFADevice,
} from "./credentials/mfa";
import { ChangePassword } from "./credentials/passwords";
import { RevokeUserSessions } from "./credentials/sessions";
import { UnlockLoginProfile } from "./credentials/signInLockouts";
import { DeleteGroup, DeleteGroupWithDependents } from "./groups/deletion";
import { CreateGroup, CreateGroupWithPolicies, GetGroup, ListGroups, UpdateGroup } from "./groups/groups";
import { AddUsersToGroup, AddUserToGroup, AddUserToGroups, ListGroupsForUser, RemoveUserFromGroup } from "./groups/membership";
import {
  AttachGroupPolicy,
  AttachRolePolicy,
  AttachUserPolicy,
  DetachGroupPolicy,
  DetachRolePolicy,
  DetachUserPolicy,
  ListAttachedGroupPolicies,
  ListAttachedRolePolicies,
  ListAttachedUserPolicies,
} from "./policies/attachments";
import { AttachGroupPolicies, AttachPolicyToEntities, AttachRolePolicies, AttachUserPolicies } from "./policies/batchAttachments";
import {
  DeleteGroupPolicy,
  DeleteRolePolicy,
  DeleteUserPolicy,
  GetGroupPolicy,
  GetRolePolicy,
  GetUserPolicy,
  ListGroupPolicies,
  ListRolePolicies,
  ListUserPolicies,
  PutGroupPolicy,
  PutRolePolicy,
  PutUserPolicy,
} from "./policies/inline";
import {
  DeleteRolePermissionsBoundary,
  DeleteUserPermissionsBoundary,
  PutRolePermissionsBoundary,
  PutUserPermissionsBoundary,
} from "./policies/permissionsBoundaries";
import { CreatePolicy, DeletePolicy, DeletePolicyWithDependents, GetPolicy, ListEntitiesForPolicy, ListPolicies } from "./policies/managed";
import { ListPolicyTags, TagPolicy, UntagPolicy } from "./policies/tags";
import { SimulateCustomPolicy, SimulatePrincipalPolicy } from "./policies/simulation";
import { GetContextKeysForCustomPolicy, GetContextKeysForPrincipalPolicy } from "./policies/contextKeys";
import { ListVirtualMFADevices } from "./credentials/virtualMfaDevices";
import { GetCallerPermissions } from "./policies/callerPermissions";
import { ListPrincipalsWithAccess } from "./policies/whoCan";
import { ListPrincipalPermissions } from "./policies/principalPermissions";
import { CreatePolicyVersion, DeletePolicyVersion, GetPolicyVersion, ListPolicyVersions, SetDefaultPolicyVersion } from "./policies/versions";
import { CreateUserWithAccess } from "./users/createUserWithAccess";
import { DeleteUser, DeleteUserWithDependents } from "./users/deletion";
import { CreateRoleWithPolicies } from "./roles/createRoleWithPolicies";
import { CreateRole, DeleteRole, GetRole, ListRoles, UpdateAssumeRolePolicy, UpdateRole, UpdateRoleDescription } from "./roles/roles";
import { DeleteRoleWithDependents } from "./roles/deletion";
import { AssumeRole } from "./roles/assumeRole";
import { ListRoleSessions, RevokeRoleSessions } from "./roles/sessions";
import { ListSwitchRoleHistory, SwitchRole } from "./roles/switchRole";
import { GetAccessKeyInfo } from "./sts/accessKeyInfo";
import { GetCallerIdentity } from "./sts/callerIdentity";
import { GetSessionToken } from "./sts/sessionToken";
import { ListRoleTags, SetRoleTags, TagRole, UntagRole } from "./roles/tags";
import { ListUserTags, SetUserTags, TagUser, UntagUser } from "./users/tags";
import { ListConsoleUsersWithoutMFA } from "./users/mfaEnrollment";
import { CreateUser, GetUser, ListUsers, UpdateUser } from "./users/users";

// Operations differ in input and output types; the registry only needs what they share.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyOperation = Operation<any, any>;

export const OPERATIONS: readonly AnyOperation[] = [
  // account
  GetAccountSummary,
  GetAccountAuthorizationDetails,
  GenerateCredentialReport,
  GetCredentialReport,
  ListUnusedAccessFindings,
  UpdateUnusedAccessFindings,
  GenerateServiceLastAccessedDetails,
  GetServiceLastAccessedDetails,
  GetServiceLastAccessedDetailsWithEntities,
  ListAccountAliases,
  CreateAccountAlias,
  DeleteAccountAlias,
  GetAccountPasswordPolicy,
  UpdateAccountPasswordPolicy,
  DeleteAccountPasswordPolicy,
  // users
  ListUsers,
  ListConsoleUsersWithoutMFA,
  GetUser,
  CreateUser,
  CreateUserWithAccess,
  UpdateUser,
  DeleteUser,
  DeleteUserWithDependents,
  TagUser,
  UntagUser,
  ListUserTags,
  SetUserTags,
  // credentials
  CreateLoginProfile,
  GetLoginProfile,
  UpdateLoginProfile,
  DeleteLoginProfile,
  SetConsolePassword,
  UnlockLoginProfile,
  ChangePassword,
  RevokeUserSessions,
  CreateAccessKey,
  ListAccessKeys,
  UpdateAccessKey,
  DeleteAccessKey,
  GetAccessKeyLastUsed,
  CreateVirtualMFADevice,
  EnableMFADevice,
  ResyncMFADevice,
  DeactivateMFADevice,
  DeleteVirtualMFADevice,
  RemoveMFADevice,
  ListMFADevices,
  ListVirtualMFADevices,
  // groups
  ListGroups,
  GetGroup,
  CreateGroup,
  CreateGroupWithPolicies,
  UpdateGroup,
  DeleteGroup,
  DeleteGroupWithDependents,
  AddUserToGroup,
  AddUsersToGroup,
  AddUserToGroups,
  RemoveUserFromGroup,
  ListGroupsForUser,
  // roles
  ListRoles,
  GetRole,
  CreateRole,
  CreateRoleWithPolicies,
  UpdateRole,
  UpdateRoleDescription,
  UpdateAssumeRolePolicy,
  DeleteRole,
  DeleteRoleWithDependents,
  TagRole,
  UntagRole,
  ListRoleTags,
  SetRoleTags,
  // role sessions
  AssumeRole,
  SwitchRole,
  ListSwitchRoleHistory,
  ListRoleSessions,
  RevokeRoleSessions,
  // STS
  GetCallerIdentity,
  GetAccessKeyInfo,
  GetSessionToken,
  // policies
  ListPolicies,
  GetPolicy,
  ListEntitiesForPolicy,
  CreatePolicy,
  DeletePolicy,
  DeletePolicyWithDependents,
  TagPolicy,
  UntagPolicy,
  ListPolicyTags,
  GetPolicyVersion,
  ListPolicyVersions,
  CreatePolicyVersion,
  SetDefaultPolicyVersion,
  DeletePolicyVersion,
  AttachUserPolicy,
  DetachUserPolicy,
  ListAttachedUserPolicies,
  AttachGroupPolicy,
  DetachGroupPolicy,
  ListAttachedGroupPolicies,
  AttachUserPolicies,
  AttachGroupPolicies,
  AttachRolePolicies,
  AttachPolicyToEntities,
  ListUserPolicies,
  GetUserPolicy,
  PutUserPolicy,
  DeleteUserPolicy,
  ListGroupPolicies,
  GetGroupPolicy,
  PutGroupPolicy,
  DeleteGroupPolicy,
  AttachRolePolicy,
  DetachRolePolicy,
  ListAttachedRolePolicies,
  ListRolePolicies,
  GetRolePolicy,
  PutRolePolicy,
  DeleteRolePolicy,
  PutUserPermissionsBoundary,
  DeleteUserPermissionsBoundary,
  PutRolePermissionsBoundary,
  DeleteRolePermissionsBoundary,
  SimulatePrincipalPolicy,
  SimulateCustomPolicy,
  GetContextKeysForPrincipalPolicy,
  GetContextKeysForCustomPolicy,
  GetCallerPermissions,
  ListPrincipalsWithAccess,
  ListPrincipalPermissions,
  // audit
  LookupEvents,
];

const byName = new Map(OPERATIONS.map((op) => [op.name, op]));

/** The operation with this AWS API name, for dispatching a Query API request. */
export function operationNamed(name: string): AnyOperation | undefined {
  return byName.get(name);
}

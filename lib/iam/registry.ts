// Every operation, in one list: what the Query API will dispatch on by name, and what the
// registry-wide test runs to prove that no operation skips the policy engine.

import {
  CreateAccessKey,
  DeleteAccessKey,
  GetAccessKeyLastUsed,
  ListAccessKeys,
  UpdateAccessKey,
} from "./accessKeys";
import {
  CreateAccountAlias,
  DeleteAccountAlias,
  GetAccountSummary,
  ListAccountAliases,
} from "./accounts";
import { LookupEvents } from "./auditLog";
import {
  AddUserToGroup,
  CreateGroup,
  DeleteGroup,
  GetGroup,
  ListGroups,
  ListGroupsForUser,
  RemoveUserFromGroup,
  UpdateGroup,
} from "./groups";
import { CreateLoginProfile, DeleteLoginProfile, GetLoginProfile, UpdateLoginProfile } from "./loginProfiles";
import {
  CreatePolicy,
  CreatePolicyVersion,
  DeletePolicy,
  DeletePolicyVersion,
  ListPolicyVersions,
  SetDefaultPolicyVersion,
} from "./managedPolicies";
import {
  CreateVirtualMFADevice,
  DeactivateMFADevice,
  DeleteVirtualMFADevice,
  EnableMFADevice,
  ListMFADevices,
  ResyncMFADevice,
} from "./mfaDevices";
import type { Operation } from "./operation";
import { DeleteAccountPasswordPolicy, GetAccountPasswordPolicy, UpdateAccountPasswordPolicy } from "./passwordPolicy";
import { ChangePassword } from "./passwords";
import {
  AttachGroupPolicy,
  AttachUserPolicy,
  DeleteGroupPolicy,
  DeleteUserPolicy,
  DetachGroupPolicy,
  DetachUserPolicy,
  GetGroupPolicy,
  GetPolicy,
  GetPolicyVersion,
  GetUserPolicy,
  ListAttachedGroupPolicies,
  ListAttachedUserPolicies,
  ListEntitiesForPolicy,
  ListGroupPolicies,
  ListPolicies,
  ListUserPolicies,
  PutGroupPolicy,
  PutUserPolicy,
} from "./policies";
import { SimulatePrincipalPolicy } from "./simulation";
import { ListUserTags, TagUser, UntagUser } from "./tags";
import { CreateUser, DeleteUser, DeleteUserWithDependents, GetUser, ListUsers, UpdateUser } from "./users";

// Operations differ in input and output types; the registry only needs what they share.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyOperation = Operation<any, any>;

export const OPERATIONS: readonly AnyOperation[] = [
  GetAccountSummary,
  ListAccountAliases,
  CreateAccountAlias,
  DeleteAccountAlias,
  ListUsers,
  GetUser,
  CreateUser,
  UpdateUser,
  DeleteUser,
  DeleteUserWithDependents,
  CreateLoginProfile,
  GetLoginProfile,
  UpdateLoginProfile,
  DeleteLoginProfile,
  ChangePassword,
  GetAccountPasswordPolicy,
  UpdateAccountPasswordPolicy,
  DeleteAccountPasswordPolicy,
  CreateAccessKey,
  ListAccessKeys,
  UpdateAccessKey,
  DeleteAccessKey,
  GetAccessKeyLastUsed,
  ListGroups,
  GetGroup,
  CreateGroup,
  UpdateGroup,
  DeleteGroup,
  AddUserToGroup,
  RemoveUserFromGroup,
  ListGroupsForUser,
  ListPolicies,
  GetPolicy,
  GetPolicyVersion,
  ListEntitiesForPolicy,
  CreatePolicy,
  ListPolicyVersions,
  CreatePolicyVersion,
  SetDefaultPolicyVersion,
  DeletePolicyVersion,
  DeletePolicy,
  AttachUserPolicy,
  DetachUserPolicy,
  ListAttachedUserPolicies,
  AttachGroupPolicy,
  DetachGroupPolicy,
  ListAttachedGroupPolicies,
  ListUserPolicies,
  GetUserPolicy,
  ListGroupPolicies,
  GetGroupPolicy,
  PutUserPolicy,
  DeleteUserPolicy,
  PutGroupPolicy,
  DeleteGroupPolicy,
  SimulatePrincipalPolicy,
  TagUser,
  UntagUser,
  ListUserTags,
  LookupEvents,
  CreateVirtualMFADevice,
  EnableMFADevice,
  ResyncMFADevice,
  DeactivateMFADevice,
  DeleteVirtualMFADevice,
  ListMFADevices,
];

const byName = new Map(OPERATIONS.map((op) => [op.name, op]));

/** The operation with this AWS API name, for dispatching a Query API request. */
export function operationNamed(name: string): AnyOperation | undefined {
  return byName.get(name);
}

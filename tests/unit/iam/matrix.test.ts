// The operation × caller matrix (issue 9, item 7): every registered operation, run through the
// console's door (execute() with a caller shaped as lib/auth/session.ts builds it) by six callers,
// each call checked against a table written from AWS's documented meaning of the callers' policies,
// never from the engine's own answer. After every call a snapshot of every table but the audit log
// is compared: a denied call must leave it byte-identical, and another account's administrator must
// change nothing the target account owns (or that belongs to no account).
//
// A bypass is a call the table says must be denied (or isolated) that got past authorization, or any
// change to the target account by such a call, or another account's call that found or returned the
// target account's data. The test asserts none, and that every pair matched its expected outcome.

import { beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { AccessDeniedError, isIamError, type IamErrorCode } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { CreateAccessKey } from "@/lib/iam/credentials/accessKeys";
import { OPERATIONS } from "@/lib/iam/registry";
import { CreateUser } from "@/lib/iam/users/users";
import { changesBeyond, differences, snapshotEveryTable, snapshotText, type TableSnapshot } from "./support/everyTable";
import { managed } from "./support/fixtures";
import { buildFixture, CALLER_PASSWORD, CALLERS, consoleCaller, dropFixture, prepareFixtures, USER_NAMES, type Fixture, type TargetUser, type Who } from "./support/matrixFixture";

beforeAll(prepareFixtures);

/**
 * The callers whose own credentials the self-service operations act on: the ones AWS's self-service
 * policy (ForceMFA-ManageOwnCredentials) scopes to `${aws:username}`. Root and the administrator act
 * on the target user instead (their power over someone else's credentials), and the other account's
 * administrator names the target user (isolation).
 */
const ACTS_ON_ITSELF = new Set<Who>(["readOnly", "noPolicies", "forceMfa"]);

const ALLOW_ALL = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
const CODES = { AuthenticationCode1: "123456", AuthenticationCode2: "654321" };

// ---------------------------------------------------------------------------------------------
// The expected outcome of every (operation, caller) pair
// ---------------------------------------------------------------------------------------------

type Expected =
  /** Authorized, then it succeeds (code absent) or is refused with this business error. */
  | { readonly class: "allowed"; readonly code?: IamErrorCode; readonly aws?: string }
  /**
   * The engine denies it (AccessDeniedError): nothing changes, anywhere. At the operation's main
   * authorization, or (step) at that step of a workflow whose main authorization was allowed.
   */
  | { readonly class: "denied"; readonly step?: string; readonly aws?: string }
  /**
   * Another account's administrator: it finds its own account instead of the target's. Either the
   * call fails with this code and changes nothing, or (code absent) it succeeds against its own
   * account, returns nothing of the target's and changes nothing the target owns.
   */
  | { readonly class: "isolated"; readonly code?: "NoSuchEntity" | "AccessDenied"; readonly aws?: string };

const OK: Expected = { class: "allowed" };
const refused = (code: IamErrorCode, aws?: string): Expected => ({ class: "allowed", code, aws });
const DENIED: Expected = { class: "denied" };
/** A workflow allowed its main authorization and was denied at this step (its first write). */
const deniedAt = (step: string): Expected => ({ class: "denied", step });
/** The other account's administrator names an entity of the target account: its own account has none. */
const NSE: Expected = { class: "isolated", code: "NoSuchEntity" };
/**
 * The resource ARN itself names the target account (a policy ARN, a user ARN, an MFA serial number).
 * AWS decides that as a cross-account request: IAM resources have no resource-based policy, so it is
 * implicitly denied (AccessDenied). Portcullis decides every IAM resource as the caller's own
 * account's (authorize() sets resourceAccount to the caller's account), so the engine allows it and
 * the lookup, scoped to the caller's account, answers NoSuchEntity. Isolated either way; the table
 * expects Portcullis's answer and records AWS's.
 */
const NSE_ARN: Expected = {
  class: "isolated",
  code: "NoSuchEntity",
  aws: "AccessDenied (a cross-account request: the ARN names the target account, and IAM resources have no resource policy)",
};
/** The other account's administrator on an account-wide operation: it acts on its own account. */
const OWN: Expected = { class: "isolated" };
/** GetSessionToken from a console sign-in: allowed (no permission needed), then refused, as there is no long-term key to issue for. */
const CONSOLE_HAS_NO_KEY: Expected = refused("InvalidInput");

/*
 * How each column is derived (AWS's documented meaning):
 * - root: the root user may do everything in its own account. Refusals are AWS's business errors.
 * - admin (AdministratorAccess: Allow * on *): everything, cloudtrail:LookupEvents included.
 * - readOnly (IAMReadOnlyAccess: iam:Get*, iam:List*, iam:SimulatePrincipalPolicy,
 *   iam:SimulateCustomPolicy, iam:GenerateCredentialReport, iam:GenerateServiceLastAccessedDetails):
 *   the reads and SimulatePrincipalPolicy; no write, and not cloudtrail:LookupEvents. A workflow whose
 *   main authorization is a read (SetUserTags: iam:ListUserTags, SetConsolePassword:
 *   iam:GetLoginProfile, AttachPolicyToEntities: iam:GetPolicy) is denied at its first write step.
 * - noPolicies: nothing at all, except what the target account's password policy grants every IAM
 *   user: the fixture account HAS a password policy with AllowUsersToChangePassword, which AWS
 *   documents as letting each user call iam:ChangePassword on themselves and
 *   iam:GetAccountPasswordPolicy. So ChangePassword and GetAccountPasswordPolicy are allowed for
 *   every IAM user, readOnly included.
 * - forceMfa (ForceMFA-ManageOwnCredentials, no MFA in the session): its Allow statements on the
 *   caller's own user, minus DenyAllExceptListedIfNoMFA, which denies everything but
 *   CreateVirtualMFADevice, EnableMFADevice, GetUser, GetMFADevice, ListMFADevices,
 *   ListVirtualMFADevices, ResyncMFADevice, sts:GetSessionToken, ChangePassword,
 *   GetAccountPasswordPolicy and (Portcullis) GetCallerPermissions while aws:MultiFactorAuthPresent
 *   is false. So: GetUser, ChangePassword,
 *   CreateVirtualMFADevice, EnableMFADevice, ResyncMFADevice, ListMFADevices on itself and
 *   GetAccountPasswordPolicy; its access keys and DeactivateMFADevice are allowed by the policy but
 *   denied without MFA; everything on someone else is denied.
 * - otherAdmin (AdministratorAccess in another account): names resolve in its own account, which has
 *   nothing but that administrator: NoSuchEntity (NSE / NSE_ARN), or, for account-wide operations,
 *   success in its own account (OWN).
 * The self-service operations (GetUser, ChangePassword, access keys, MFA) act on the caller itself for
 * readOnly, noPolicies and forceMfa (see ACTS_ON_ITSELF), on the target user for root and admin.
 */
//                                     root     admin    readOnly noPolicies forceMfa otherAdmin
const EXPECTED: Record<string, readonly [Expected, Expected, Expected, Expected, Expected, Expected]> = {
  // account
  GetAccountSummary:               [OK,      OK,      OK,      DENIED,  DENIED,  OWN],
  ListAccountAliases:              [OK,      OK,      OK,      DENIED,  DENIED,  OWN],
  CreateAccountAlias:              [OK,      OK,      DENIED,  DENIED,  DENIED,  OWN],
  DeleteAccountAlias:              [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  GetAccountPasswordPolicy:        [OK,      OK,      OK,      OK,      OK,      NSE],
  UpdateAccountPasswordPolicy:     [OK,      OK,      DENIED,  DENIED,  DENIED,  OWN],
  DeleteAccountPasswordPolicy:     [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  // users
  ListUsers:                       [OK,      OK,      OK,      DENIED,  DENIED,  OWN],
  ListConsoleUsersWithoutMFA:      [OK,      OK,      OK,      DENIED,  DENIED,  OWN],
  GetUser:                         [OK,      OK,      OK,      DENIED,  OK,      NSE],
  CreateUser:                      [OK,      OK,      DENIED,  DENIED,  DENIED,  OWN],
  // otherAdmin: CreateUser and CreateLoginProfile succeed in its own account, then AddUserToGroup Team
  // finds no such group there, and the whole workflow rolls back.
  CreateUserWithAccess:            [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  UpdateUser:                      [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteUser:                      [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteUserWithDependents:        [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  TagUser:                         [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  UntagUser:                       [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  ListUserTags:                    [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  // readOnly: the main authorization, iam:ListUserTags, is a read; then removing "env" is a write.
  SetUserTags:                     [OK,      OK,      deniedAt("UntagUser"), DENIED, DENIED, NSE],
  // credentials
  CreateLoginProfile:              [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  GetLoginProfile:                 [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  UpdateLoginProfile:              [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteLoginProfile:              [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  // readOnly: the main authorization, iam:GetLoginProfile, is a read; the target has a password to update.
  SetConsolePassword:              [OK,      OK,      deniedAt("UpdateLoginProfile"), DENIED, DENIED, NSE],
  // root: ChangePassword changes an IAM user's own password; the root user's is not one.
  // otherAdmin: its own password, in its own account (Allow *).
  ChangePassword:                  [refused("InvalidUserType"),
                                             OK,      OK,      OK,      OK,      OWN],
  CreateAccessKey:                 [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  ListAccessKeys:                  [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  UpdateAccessKey:                 [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteAccessKey:                 [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  // otherAdmin: the target's key is not in its account, so the resource is its own ARN: allowed, then not found.
  GetAccessKeyLastUsed:            [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  CreateVirtualMFADevice:          [OK,      OK,      DENIED,  DENIED,  OK,      NSE],
  // Codes cannot be real: an allowed enrollment or resync ends in InvalidAuthenticationCode. forceMfa
  // has no enabled device to resync (it signed in without MFA): allowed, then NoSuchEntity.
  EnableMFADevice:                 [refused("InvalidAuthenticationCode"), refused("InvalidAuthenticationCode"), DENIED, DENIED, refused("InvalidAuthenticationCode"), NSE],
  ResyncMFADevice:                 [refused("InvalidAuthenticationCode"), refused("InvalidAuthenticationCode"), DENIED, DENIED, refused("NoSuchEntity"), NSE],
  DeactivateMFADevice:             [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteVirtualMFADevice:          [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE_ARN],
  RemoveMFADevice:                 [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  ListMFADevices:                  [OK,      OK,      OK,      DENIED,  OK,      NSE],
  // Portcullis's own action (AWS has no RevokeUserSessions). Its documented self-service grant lets
  // any IAM user end their own sessions, as AllowUsersToChangePassword lets them change their
  // password; ForceMFA's DenyAllExceptListedIfNoMFA does not list it, and an explicit Deny wins.
  RevokeUserSessions:              [OK,      OK,      OK,      OK,      DENIED,  NSE],
  // The administrator's "Unlock": iam:UpdateLoginProfile on the user, a write.
  UnlockLoginProfile:              [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  // groups
  ListGroups:                      [OK,      OK,      OK,      DENIED,  DENIED,  OWN],
  GetGroup:                        [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  CreateGroup:                     [OK,      OK,      DENIED,  DENIED,  DENIED,  OWN],
  // otherAdmin: CreateGroup succeeds in its own account, then AttachGroupPolicy of the target's policy: rolled back.
  CreateGroupWithPolicies:         [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE_ARN],
  UpdateGroup:                     [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteGroup:                     [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteGroupWithDependents:       [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  AddUserToGroup:                  [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  AddUsersToGroup:                 [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  AddUserToGroups:                 [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  RemoveUserFromGroup:             [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  ListGroupsForUser:               [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  // roles: IAMReadOnlyAccess's iam:Get* and iam:List* cover GetRole, ListRoles and ListRoleTags.
  ListRoles:                       [OK,      OK,      OK,      DENIED,  DENIED,  OWN],
  GetRole:                         [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  CreateRole:                      [OK,      OK,      DENIED,  DENIED,  DENIED,  OWN],
  // otherAdmin: CreateRole succeeds in its own account, then AttachRolePolicy names the target
  // account's policy, finds none there, and the whole workflow rolls back.
  CreateRoleWithPolicies:          [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE_ARN],
  UpdateRole:                      [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  UpdateRoleDescription:           [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  UpdateAssumeRolePolicy:          [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteRole:                      [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteRoleWithDependents:        [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  TagRole:                         [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  UntagRole:                       [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  ListRoleTags:                    [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  // readOnly: the main authorization, iam:ListRoleTags, is a read; then changing "team" is a write.
  SetRoleTags:                     [OK,      OK,      deniedAt("TagRole"), DENIED, DENIED, NSE],
  // role sessions: Deployer trusts the target account (its root ARN), which delegates to identity
  // policies: AdministratorAccess allows sts:AssumeRole; the root user can never assume a role; the
  // other account is not trusted, so its administrator is denied by the trust policy.
  AssumeRole:                      [DENIED,  OK,      DENIED,  DENIED,  DENIED,  DENIED],
  SwitchRole:                      [DENIED,  OK,      DENIED,  DENIED,  DENIED,  DENIED],
  // Everyone may read their own recent roles (built-in grant); ForceMFA's no-MFA deny does not list it.
  ListSwitchRoleHistory:           [OK,      OK,      OK,      OK,      DENIED,  OWN],
  ListRoleSessions:                [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  // STS. GetCallerIdentity needs no permission and works even under an explicit Deny (AWS's API
  // reference): ForceMFA's DenyAllExceptListedIfNoMFA does not list it, and it is still allowed.
  GetCallerIdentity:               [OK,      OK,      OK,      OK,      OK,      OWN],
  // GetAccessKeyInfo is decided normally: IAMReadOnlyAccess grants only iam: actions. AWS answers
  // the account of a key of any account (otherAdmin asks about the target user's key): by design,
  // so it is allowed, not isolated, for the other account's administrator.
  GetAccessKeyInfo:                [OK,      OK,      DENIED,  DENIED,  DENIED,  OK],
  // GetSessionToken needs no permission either, but it takes a long-term access key: a console
  // sign-in has none, so each caller here is refused (the API suite covers it with real keys).
  GetSessionToken:                 [CONSOLE_HAS_NO_KEY, CONSOLE_HAS_NO_KEY, CONSOLE_HAS_NO_KEY, CONSOLE_HAS_NO_KEY, CONSOLE_HAS_NO_KEY, CONSOLE_HAS_NO_KEY],
  RevokeRoleSessions:              [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  // policies
  ListPolicies:                    [OK,      OK,      OK,      DENIED,  DENIED,  OWN],
  GetPolicy:                       [OK,      OK,      OK,      DENIED,  DENIED,  NSE_ARN],
  ListEntitiesForPolicy:           [OK,      OK,      OK,      DENIED,  DENIED,  NSE_ARN],
  CreatePolicy:                    [OK,      OK,      DENIED,  DENIED,  DENIED,  OWN],
  // AWS refuses to delete a policy that is still attached (Custom is attached to target and Team).
  DeletePolicy:                    [refused("DeleteConflict"), refused("DeleteConflict"), DENIED, DENIED, DENIED, NSE_ARN],
  DeletePolicyWithDependents:      [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE_ARN],
  TagPolicy:                       [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE_ARN],
  UntagPolicy:                     [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE_ARN],
  ListPolicyTags:                  [OK,      OK,      OK,      DENIED,  DENIED,  NSE_ARN],
  GetPolicyVersion:                [OK,      OK,      OK,      DENIED,  DENIED,  NSE_ARN],
  ListPolicyVersions:              [OK,      OK,      OK,      DENIED,  DENIED,  NSE_ARN],
  CreatePolicyVersion:             [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE_ARN],
  SetDefaultPolicyVersion:         [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE_ARN],
  DeletePolicyVersion:             [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE_ARN],
  AttachUserPolicy:                [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DetachUserPolicy:                [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  ListAttachedUserPolicies:        [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  AttachGroupPolicy:               [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DetachGroupPolicy:               [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  ListAttachedGroupPolicies:       [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  AttachUserPolicies:              [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  AttachGroupPolicies:             [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  AttachRolePolicies:              [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  // otherAdmin: its main authorization (iam:GetPolicy on the target's policy ARN) is allowed (AWS:
  // denied, cross-account), then AttachUserPolicy finds no user "leaver" in its account.
  AttachPolicyToEntities:          [OK,      OK,      deniedAt("AttachUserPolicy"), DENIED, DENIED, NSE_ARN],
  ListUserPolicies:                [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  GetUserPolicy:                   [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  PutUserPolicy:                   [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteUserPolicy:                [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  ListGroupPolicies:               [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  GetGroupPolicy:                  [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  PutGroupPolicy:                  [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteGroupPolicy:               [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  // Role policies: the fixture's Deployer role has no managed or inline policy, so detaching one or
  // reading or deleting an inline policy is allowed and then refused (NoSuchEntity), as in AWS.
  AttachRolePolicy:                [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DetachRolePolicy:                [refused("NoSuchEntity"), refused("NoSuchEntity"), DENIED, DENIED, DENIED, NSE],
  ListAttachedRolePolicies:        [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  ListRolePolicies:                [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  GetRolePolicy:                   [refused("NoSuchEntity"), refused("NoSuchEntity"), refused("NoSuchEntity"), DENIED, DENIED, NSE],
  PutRolePolicy:                   [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteRolePolicy:                [refused("NoSuchEntity"), refused("NoSuchEntity"), DENIED, DENIED, DENIED, NSE],
  // Boundaries are writes (IAMReadOnlyAccess has none); removing a boundary the principal does not
  // have succeeds and changes nothing.
  PutUserPermissionsBoundary:      [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteUserPermissionsBoundary:   [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  PutRolePermissionsBoundary:      [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  DeleteRolePermissionsBoundary:   [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
  SimulatePrincipalPolicy:         [OK,      OK,      OK,      DENIED,  DENIED,  NSE_ARN],
  SimulateCustomPolicy:            [OK,      OK,      OK,      DENIED,  DENIED,  OWN],
  GetContextKeysForPrincipalPolicy: [OK,     OK,      OK,      DENIED,  DENIED,  NSE_ARN],
  GetContextKeysForCustomPolicy:   [OK,      OK,      OK,      DENIED,  DENIED,  OWN],
  GetAccountAuthorizationDetails:  [OK,      OK,      OK,      DENIED,  DENIED,  OWN],
  // forceMfa: ForceMFA-ManageOwnCredentials allows listing the account's virtual devices, without MFA too.
  ListVirtualMFADevices:           [OK,      OK,      OK,      DENIED,  OK,      OWN],
  // Portcullis's own action (the console's "what may I do here?", like STS GetCallerIdentity): its
  // built-in grant lets every IAM user ask about themselves, and ForceMFA's DenyAllExceptListedIfNoMFA
  // lists it, so an employee without MFA learns which controls wait for MFA. It acts on nothing.
  GetCallerPermissions:            [OK,      OK,      OK,      OK,      OK,      OWN],
  // audit: cloudtrail:LookupEvents is not an IAM read; IAMReadOnlyAccess does not grant it.
  LookupEvents:                    [OK,      OK,      DENIED,  DENIED,  DENIED,  OWN],
  // reports: IAMReadOnlyAccess grants iam:GenerateCredentialReport and
  // iam:GenerateServiceLastAccessedDetails by name, and the reads by iam:Get*. The other account's
  // administrator generates its own account's report; its account has none to get (the fixture
  // gives the target account one), and the target's job and entities are not its own.
  GenerateCredentialReport:        [OK,      OK,      OK,      DENIED,  DENIED,  OWN],
  GetCredentialReport:             [OK,      OK,      OK,      DENIED,  DENIED,  refused("ReportNotPresent")],
  GenerateServiceLastAccessedDetails: [OK,   OK,      OK,      DENIED,  DENIED,  NSE_ARN],
  GetServiceLastAccessedDetails:   [OK,      OK,      OK,      DENIED,  DENIED,  NSE],
  GetServiceLastAccessedDetailsWithEntities: [OK, OK, OK,      DENIED,  DENIED,  NSE],
  // Who can reveals every principal's policies, so it needs iam:GetAccountAuthorizationDetails (a
  // Get, so IAMReadOnlyAccess grants it); what a principal can do is a simulation of its policies.
  ListPrincipalsWithAccess:        [OK,      OK,      OK,      DENIED,  DENIED,  OWN],
  ListPrincipalPermissions:        [OK,      OK,      OK,      DENIED,  DENIED,  NSE_ARN],
  // Unused access findings are Access Analyzer's (access-analyzer:ListFindings, :UpdateFindings),
  // which IAMReadOnlyAccess does not grant. A finding names the target's key: not the other account's.
  ListUnusedAccessFindings:        [OK,      OK,      DENIED,  DENIED,  DENIED,  OWN],
  UpdateUnusedAccessFindings:      [OK,      OK,      DENIED,  DENIED,  DENIED,  NSE],
};

// ---------------------------------------------------------------------------------------------
// Sample inputs: valid, and what a permitted caller would send and succeed with
// ---------------------------------------------------------------------------------------------

type Sample = (f: Fixture, who: Who) => unknown;

const self = (who: Who) => ACTS_ON_ITSELF.has(who);
const ownName = (who: Who) => USER_NAMES[who as TargetUser];
const serial = (f: Fixture, name: string) => `arn:aws:iam::${f.accountId}:mfa/${name}`;
/** The caller's own unfinished enrollment, or the target's. */
const pendingDevice = (f: Fixture, who: Who) => serial(f, self(who) ? `${ownName(who)}-pending` : "target-pending");
const tags = (entries: Record<string, string>) => Object.entries(entries).map(([Key, Value]) => ({ Key, Value }));

const SAMPLES: Record<string, Sample> = {
  GetAccountSummary: () => ({}),
  ListAccountAliases: () => ({}),
  // Aliases are unique across Portcullis: each account asks for one named after itself.
  CreateAccountAlias: (f, who) => ({ AccountAlias: `new-alias-${who === "otherAdmin" ? f.otherAccountId : f.accountId}` }),
  DeleteAccountAlias: (f) => ({ AccountAlias: f.alias }),
  GetAccountPasswordPolicy: () => ({}),
  UpdateAccountPasswordPolicy: () => ({ MinimumPasswordLength: 12, RequireSymbols: true, MaxPasswordAge: 90, PasswordReusePrevention: 5, AllowUsersToChangePassword: true }),
  DeleteAccountPasswordPolicy: () => ({}),
  ListUsers: () => ({ IncludeConsoleColumns: true }),
  ListConsoleUsersWithoutMFA: () => ({}),
  GetUser: (_f, who) => ({ UserName: self(who) ? ownName(who) : "target" }),
  CreateUser: () => ({ UserName: "newcomer", Path: "/staff/", Tags: tags({ team: "web" }) }),
  CreateUserWithAccess: (f) => ({ UserName: "newcomer", ConsoleAccess: { PasswordResetRequired: true }, GroupNames: ["Team"], PolicyArns: [f.customPolicy] }),
  UpdateUser: () => ({ UserName: "target", NewUserName: "renamed" }),
  DeleteUser: () => ({ UserName: "leaver" }),
  DeleteUserWithDependents: () => ({ UserName: "target" }),
  TagUser: () => ({ UserName: "target", Tags: tags({ new: "tag" }) }),
  UntagUser: () => ({ UserName: "target", TagKeys: ["team"] }),
  ListUserTags: () => ({ UserName: "target" }),
  SetUserTags: () => ({ UserName: "target", Tags: tags({ team: "api" }) }),
  CreateLoginProfile: () => ({ UserName: "leaver", Password: "Valid-Password-1" }),
  GetLoginProfile: () => ({ UserName: "target", IncludeConsoleColumns: true }),
  UpdateLoginProfile: () => ({ UserName: "target", Password: "Other-Password-2" }),
  DeleteLoginProfile: () => ({ UserName: "target" }),
  SetConsolePassword: () => ({ UserName: "target", PasswordResetRequired: true }),
  // Every caller's real current password (the root user has no IAM password: refused).
  ChangePassword: () => ({ OldPassword: CALLER_PASSWORD, NewPassword: "Changed-Password-2" }),
  CreateAccessKey: (_f, who) => (self(who) ? {} : { UserName: "target" }),
  ListAccessKeys: (_f, who) => (self(who) ? {} : { UserName: "target", IncludeConsoleColumns: true }),
  UpdateAccessKey: (f, who) => (self(who) ? { AccessKeyId: f.ownKeys[who as TargetUser], Status: "Inactive" } : { UserName: "target", AccessKeyId: f.targetKey, Status: "Inactive" }),
  DeleteAccessKey: (f, who) => (self(who) ? { AccessKeyId: f.ownKeys[who as TargetUser] } : { UserName: "target", AccessKeyId: f.targetKey }),
  GetAccessKeyLastUsed: (f, who) => ({ AccessKeyId: self(who) ? f.ownKeys[who as TargetUser] : f.targetKey }),
  // Root enrolls its own device (AWS's first advice); the administrators prepare one for the target user.
  CreateVirtualMFADevice: (_f, who) =>
    who === "root" ? { VirtualMFADeviceName: "root-device" } : self(who) ? { VirtualMFADeviceName: `${ownName(who)}-device` } : { VirtualMFADeviceName: "target-device", UserName: "target" },
  EnableMFADevice: (f, who) => ({ ...(self(who) ? {} : { UserName: "target" }), SerialNumber: pendingDevice(f, who), ...CODES }),
  ResyncMFADevice: (f, who) => (self(who) ? { SerialNumber: pendingDevice(f, who), ...CODES } : { UserName: "target", SerialNumber: serial(f, "phone"), ...CODES }),
  DeactivateMFADevice: (f, who) => (self(who) ? { SerialNumber: pendingDevice(f, who) } : { UserName: "target", SerialNumber: serial(f, "phone") }),
  DeleteVirtualMFADevice: (f, who) => ({ SerialNumber: pendingDevice(f, who) }),
  RemoveMFADevice: (f, who) => (self(who) ? { SerialNumber: pendingDevice(f, who) } : { UserName: "target", SerialNumber: serial(f, "phone") }),
  ListMFADevices: (_f, who) => (self(who) ? {} : { UserName: "target" }),
  RevokeUserSessions: (_f, who) => (self(who) ? {} : { UserName: "target" }),
  UnlockLoginProfile: () => ({ UserName: "target" }),
  ListGroups: () => ({ IncludeConsoleColumns: true }),
  GetGroup: () => ({ GroupName: "Team" }),
  CreateGroup: () => ({ GroupName: "NewGroup" }),
  CreateGroupWithPolicies: (f) => ({ GroupName: "NewGroup", PolicyArns: [f.customPolicy] }),
  UpdateGroup: () => ({ GroupName: "Team", NewGroupName: "Renamed" }),
  DeleteGroup: () => ({ GroupName: "Spare" }),
  DeleteGroupWithDependents: () => ({ GroupName: "Team" }),
  AddUserToGroup: () => ({ GroupName: "Team", UserName: "leaver" }),
  AddUsersToGroup: () => ({ GroupName: "Team", UserNames: ["leaver"] }),
  AddUserToGroups: () => ({ UserName: "leaver", GroupNames: ["Team", "Spare"] }),
  RemoveUserFromGroup: () => ({ GroupName: "Team", UserName: "target" }),
  ListRoles: () => ({}),
  GetRole: () => ({ RoleName: "Deployer" }),
  CreateRole: (f, who) => ({
    RoleName: "NewRole",
    AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${who === "otherAdmin" ? f.otherAccountId : f.accountId}:root` }, Action: "sts:AssumeRole" }] }),
    Tags: tags({ team: "web" }),
  }),
  CreateRoleWithPolicies: (f) => ({
    RoleName: "NewServiceRole",
    AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    MaxSessionDuration: 7200,
    PolicyArns: [f.customPolicy],
  }),
  UpdateRole: () => ({ RoleName: "Deployer", MaxSessionDuration: 7200 }),
  UpdateRoleDescription: () => ({ RoleName: "Deployer", Description: "Deploys the web tier" }),
  UpdateAssumeRolePolicy: (f) => ({
    RoleName: "Deployer",
    PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${f.accountId}:user/staff/target` }, Action: "sts:AssumeRole" }] }),
  }),
  DeleteRole: () => ({ RoleName: "SpareRole" }),
  DeleteRoleWithDependents: () => ({ RoleName: "Deployer" }),
  TagRole: () => ({ RoleName: "Deployer", Tags: tags({ env: "prod" }) }),
  UntagRole: () => ({ RoleName: "Deployer", TagKeys: ["team"] }),
  ListRoleTags: () => ({ RoleName: "Deployer" }),
  SetRoleTags: () => ({ RoleName: "Deployer", Tags: tags({ team: "api" }) }),
  AssumeRole: (f) => ({ RoleArn: `arn:aws:iam::${f.accountId}:role/service/Deployer`, RoleSessionName: "matrix" }),
  SwitchRole: (f) => ({ Account: f.accountId, RoleName: "service/Deployer" }),
  ListSwitchRoleHistory: () => ({}),
  ListRoleSessions: () => ({ RoleName: "Deployer" }),
  GetCallerIdentity: () => ({}),
  GetAccessKeyInfo: (f) => ({ AccessKeyId: f.targetKey }),
  GetSessionToken: () => ({}),
  RevokeRoleSessions: () => ({ RoleName: "Deployer" }),
  ListGroupsForUser: () => ({ UserName: "target", IncludeConsoleColumns: true }),
  ListPolicies: () => ({}),
  GetPolicy: (f) => ({ PolicyArn: f.customPolicy }),
  ListEntitiesForPolicy: (f) => ({ PolicyArn: f.customPolicy }),
  CreatePolicy: () => ({ PolicyName: "NewPolicy", PolicyDocument: ALLOW_ALL, Tags: tags({ team: "web" }) }),
  DeletePolicy: (f) => ({ PolicyArn: f.customPolicy }),
  DeletePolicyWithDependents: (f) => ({ PolicyArn: f.customPolicy }),
  TagPolicy: (f) => ({ PolicyArn: f.customPolicy, Tags: tags({ owner: "security" }) }),
  UntagPolicy: (f) => ({ PolicyArn: f.customPolicy, TagKeys: ["owner"] }),
  ListPolicyTags: (f) => ({ PolicyArn: f.customPolicy }),
  GetPolicyVersion: (f) => ({ PolicyArn: f.customPolicy, VersionId: "v1" }),
  ListPolicyVersions: (f) => ({ PolicyArn: f.customPolicy }),
  CreatePolicyVersion: (f) => ({ PolicyArn: f.customPolicy, PolicyDocument: ALLOW_ALL, SetAsDefault: true, ExpectedDefaultVersionId: "v2" }),
  SetDefaultPolicyVersion: (f) => ({ PolicyArn: f.customPolicy, VersionId: "v1" }),
  DeletePolicyVersion: (f) => ({ PolicyArn: f.customPolicy, VersionId: "v1" }),
  AttachUserPolicy: () => ({ UserName: "target", PolicyArn: managed("AdministratorAccess") }),
  DetachUserPolicy: (f) => ({ UserName: "target", PolicyArn: f.customPolicy }),
  ListAttachedUserPolicies: () => ({ UserName: "target" }),
  AttachGroupPolicy: () => ({ GroupName: "Team", PolicyArn: managed("AdministratorAccess") }),
  DetachGroupPolicy: () => ({ GroupName: "Team", PolicyArn: managed("IAMReadOnlyAccess") }),
  ListAttachedGroupPolicies: () => ({ GroupName: "Team" }),
  AttachUserPolicies: () => ({ UserName: "target", PolicyArns: [managed("AdministratorAccess"), managed("IAMUserChangePassword")] }),
  AttachGroupPolicies: () => ({ GroupName: "Team", PolicyArns: [managed("AdministratorAccess")] }),
  AttachRolePolicies: () => ({ RoleName: "Deployer", PolicyArns: [managed("AdministratorAccess")] }),
  AttachPolicyToEntities: (f) => ({ PolicyArn: f.customPolicy, UserNames: ["leaver"], GroupNames: ["Spare"] }),
  ListUserPolicies: () => ({ UserName: "target" }),
  GetUserPolicy: () => ({ UserName: "target", PolicyName: "Inline" }),
  PutUserPolicy: () => ({ UserName: "target", PolicyName: "Inline", PolicyDocument: ALLOW_ALL }),
  DeleteUserPolicy: () => ({ UserName: "target", PolicyName: "Inline" }),
  ListGroupPolicies: () => ({ GroupName: "Team" }),
  GetGroupPolicy: () => ({ GroupName: "Team", PolicyName: "GroupInline" }),
  PutGroupPolicy: () => ({ GroupName: "Team", PolicyName: "GroupInline", PolicyDocument: ALLOW_ALL }),
  DeleteGroupPolicy: () => ({ GroupName: "Team", PolicyName: "GroupInline" }),
  AttachRolePolicy: () => ({ RoleName: "Deployer", PolicyArn: managed("AdministratorAccess") }),
  DetachRolePolicy: () => ({ RoleName: "Deployer", PolicyArn: managed("IAMReadOnlyAccess") }),
  ListAttachedRolePolicies: () => ({ RoleName: "Deployer" }),
  ListRolePolicies: () => ({ RoleName: "Deployer" }),
  GetRolePolicy: () => ({ RoleName: "Deployer", PolicyName: "RoleInline" }),
  PutRolePolicy: () => ({ RoleName: "Deployer", PolicyName: "RoleInline", PolicyDocument: ALLOW_ALL }),
  DeleteRolePolicy: () => ({ RoleName: "Deployer", PolicyName: "RoleInline" }),
  PutUserPermissionsBoundary: () => ({ UserName: "target", PermissionsBoundary: managed("IAMReadOnlyAccess") }),
  DeleteUserPermissionsBoundary: () => ({ UserName: "target" }),
  PutRolePermissionsBoundary: () => ({ RoleName: "Deployer", PermissionsBoundary: managed("IAMReadOnlyAccess") }),
  DeleteRolePermissionsBoundary: () => ({ RoleName: "Deployer" }),
  SimulatePrincipalPolicy: (f) => ({ PolicySourceArn: f.targetArn, ActionNames: ["iam:CreateUser", "iam:GetUser"] }),
  SimulateCustomPolicy: () => ({ PolicyInputList: [ALLOW_ALL], ActionNames: ["iam:CreateUser", "iam:GetUser"] }),
  GetContextKeysForPrincipalPolicy: (f) => ({ PolicySourceArn: f.targetArn }),
  GetContextKeysForCustomPolicy: () => ({ PolicyInputList: [ALLOW_ALL] }),
  GetAccountAuthorizationDetails: () => ({}),
  ListVirtualMFADevices: () => ({}),
  GetCallerPermissions: () => ({ Checks: [{ Operation: CreateUser, Input: { UserName: "newcomer", Path: "/staff/" }, InputVaries: true }, { Operation: CreateAccessKey, Input: {} }] }),
  LookupEvents: () => ({}),
  GenerateCredentialReport: () => ({}),
  GetCredentialReport: () => ({}),
  GenerateServiceLastAccessedDetails: (f) => ({ Arn: f.targetArn, Granularity: "ACTION_LEVEL" }),
  GetServiceLastAccessedDetails: (f) => ({ JobId: f.lastAccessedJobId }),
  GetServiceLastAccessedDetailsWithEntities: (f) => ({ JobId: f.lastAccessedJobId, ServiceNamespace: "iam" }),
  ListPrincipalsWithAccess: () => ({ ActionName: "iam:DeleteUser" }),
  ListPrincipalPermissions: (f) => ({ PolicySourceArn: f.targetArn, Service: "iam" }),
  ListUnusedAccessFindings: () => ({ UnusedAccessAge: 30 }),
  UpdateUnusedAccessFindings: (f) => ({ Ids: [`UnusedIAMUserAccessKey:${f.targetKey}`], Status: "ARCHIVED" }),
};

// ---------------------------------------------------------------------------------------------
// Running one case and judging it
// ---------------------------------------------------------------------------------------------

type Actual =
  | { readonly class: "allowed"; readonly code?: IamErrorCode; readonly output?: unknown; readonly message?: string }
  | { readonly class: "denied"; readonly step?: string; readonly message: string }
  | { readonly class: "error"; readonly message: string };

async function run(op: (typeof OPERATIONS)[number], input: unknown, caller: Caller): Promise<Actual> {
  try {
    return { class: "allowed", output: await execute(op, input, caller) };
  } catch (error) {
    if (error instanceof AccessDeniedError) return { class: "denied", step: error.stoppedWorkflow?.step, message: error.message };
    if (isIamError(error)) return { class: "allowed", code: error.code, message: error.message };
    return { class: "error", message: String(error) };
  }
}

function describeExpected(e: Expected): string {
  if (e.class === "isolated") return `isolated${e.code ? ` (${e.code})` : " (own account)"}`;
  if (e.class === "denied") return e.step ? `denied at its ${e.step} step` : "denied";
  return `allowed${e.code ? ` (then ${e.code})` : ""}`;
}
const describeActual = (a: Actual) => (a.class === "allowed" ? (a.code ? `allowed, then ${a.code}: ${a.message}` : "allowed (succeeded)") : `${a.class}: ${a.message}`);

function matches(expected: Expected, actual: Actual): boolean {
  if (actual.class === "error") return false;
  switch (expected.class) {
    case "allowed":
      return actual.class === "allowed" && actual.code === expected.code;
    case "denied":
      return actual.class === "denied" && actual.step === expected.step;
    case "isolated":
      if (expected.code === "AccessDenied") return actual.class === "denied";
      return actual.class === "allowed" && actual.code === expected.code;
  }
}

/** What another account's successful call returned of the target account, if anything. */
function leak(opName: string, output: unknown, fixture: Fixture): string | undefined {
  if (opName === "LookupEvents") {
    // Its own account's events may quote names it asked about; every event must be its own account's.
    const events = (output as { Events: { PrincipalArn: string }[] }).Events;
    const foreign = events.filter((e) => !e.PrincipalArn.startsWith(`arn:aws:iam::${fixture.otherAccountId}:`));
    return foreign.length > 0 ? `returned ${foreign.length} events of other accounts` : undefined;
  }
  if (opName === "GetAccountSummary") {
    // Counts carry no IDs: the other account has one user (its administrator) and nothing else.
    const { Users, Groups, Policies, MFADevices } = (output as { SummaryMap: Record<string, number> }).SummaryMap;
    return Users === 1 && Groups === 0 && Policies === 0 && MFADevices === 1 ? undefined : `counted the target account's entities: ${JSON.stringify({ Users, Groups, Policies, MFADevices })}`;
  }
  const text = JSON.stringify(output);
  return text.includes(fixture.accountId) ? `returned the target account's data: ${text.slice(0, 300)}` : undefined;
}

interface Case {
  readonly op: string;
  readonly who: Who;
  readonly expected: Expected;
  readonly actual: Actual;
  readonly bypass?: string;
  readonly mismatch?: string;
}

// ---------------------------------------------------------------------------------------------

describe("the operation × caller matrix", () => {
  it("has an expected row and a sample input for exactly the registered operations", () => {
    const names = OPERATIONS.map((op) => op.name);
    const noRow = names.filter((n) => !(n in EXPECTED));
    const noSample = names.filter((n) => !(n in SAMPLES));
    expect(noRow, `registered operations with no row in matrix.test.ts's EXPECTED table (write one from AWS's documented meaning of each caller's policies): ${noRow.join(", ")}`).toEqual([]);
    expect(noSample, `registered operations with no sample input in matrix.test.ts's SAMPLES: ${noSample.join(", ")}`).toEqual([]);
    expect(Object.keys(EXPECTED).filter((n) => !names.includes(n)), "rows for operations that are not registered").toEqual([]);
    expect(Object.keys(SAMPLES).filter((n) => !names.includes(n)), "samples for operations that are not registered").toEqual([]);
  });

  it("decides every registered operation for every caller as AWS documents, with 0 bypasses", async () => {
    const started = performance.now();
    const cases: Case[] = [];
    let fixture: Fixture | undefined;
    let before: { snapshot: TableSnapshot; text: string } | undefined;
    let fixtures = 0;

    for (const op of OPERATIONS) {
      const row = EXPECTED[op.name];
      const sample = SAMPLES[op.name];
      for (const [index, who] of CALLERS.entries()) {
        if (!row || !sample) {
          cases.push({ op: op.name, who, expected: DENIED, actual: { class: "error", message: "no row" }, mismatch: "no row in EXPECTED or SAMPLES" });
          continue;
        }
        if (!fixture || !before) {
          fixture = await buildFixture();
          fixtures++;
          const snapshot = await snapshotEveryTable();
          before = { snapshot, text: snapshotText(snapshot) };
        }
        const expected = row[index]!;
        const input = sample(fixture, who);
        const parsed = op.input.safeParse(input);
        if (!parsed.success) {
          cases.push({ op: op.name, who, expected, actual: { class: "error", message: parsed.error.message }, mismatch: `invalid sample input: ${parsed.error.message}` });
          continue;
        }

        const actual = await run(op, input, consoleCaller(fixture, who));
        const snapshot = await snapshotEveryTable();
        const after = { snapshot, text: snapshotText(snapshot) };
        const changed = after.text !== before.text;
        const changes = () => differences(before!.snapshot, after.snapshot).slice(0, 5).join("; ");

        // Whoever calls, nothing outside its own account changes: not the other account's rows, not
        // rows of no account (AWS managed policies).
        const [own, other] = who === "otherAdmin" ? [fixture.otherAccountId, fixture.accountId] : [fixture.accountId, fixture.otherAccountId];
        const beyond = changesBeyond(before.snapshot, after.snapshot, own, other);
        let bypass: string | undefined;
        if (beyond.length > 0) bypass = `changed rows outside its own account: ${beyond.slice(0, 5).join("; ")}`;
        else if (expected.class === "denied") {
          if (actual.class === "allowed") bypass = `must be denied, but was ${describeActual(actual)}`;
          else if (changed) bypass = `denied, but changed: ${changes()}`;
        } else if (expected.class === "isolated") {
          if (expected.code && actual.class === "allowed" && actual.code !== "NoSuchEntity") bypass = `must not find the target's entity, but was ${describeActual(actual)}`;
          else if (expected.code && changed) bypass = `refused, but changed: ${changes()}`;
          else if (actual.class === "allowed" && !actual.code) bypass = leak(op.name, actual.output, fixture);
        }
        let mismatch: string | undefined;
        if (!matches(expected, actual)) mismatch = `expected ${describeExpected(expected)}, got ${describeActual(actual)}`;
        else if (op.readOnly && changed) mismatch = `a read-only operation changed rows: ${changes()}`;
        cases.push({ op: op.name, who, expected, actual, bypass, mismatch });

        // A fresh fixture after anything that changed it or could have (an allowed write), and after a
        // refused code check: the throttle counts those from the audit log, which snapshots leave out.
        if (changed || (actual.class === "allowed" && !op.readOnly && (!actual.code || actual.code === "InvalidAuthenticationCode"))) {
          await dropFixture(fixture);
          fixture = undefined;
          before = undefined;
        } else {
          before = after;
        }
      }
    }
    if (fixture) await dropFixture(fixture);

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const bypasses = cases.filter((c) => c.bypass).map((c) => `${c.op} × ${c.who}: ${c.bypass}`);
    const mismatches = cases.filter((c) => c.mismatch).map((c) => `${c.op} × ${c.who}: ${c.mismatch}`);
    const tally = (test: (c: Case) => boolean) => cases.filter(test).length;
    console.log(
      `the matrix: ${OPERATIONS.length} operations × ${CALLERS.length} callers = ${cases.length} cases, ${bypasses.length} bypasses ` +
        `(${tally((c) => c.actual.class === "allowed" && !c.actual.code && c.expected.class !== "isolated")} allowed, ` +
        `${tally((c) => c.actual.class === "allowed" && !!c.actual.code && c.expected.class !== "isolated")} allowed then refused, ` +
        `${tally((c) => c.actual.class === "denied")} denied, ` +
        `${tally((c) => c.expected.class === "isolated" && !c.expected.code)} isolated in its own account, ${tally((c) => c.expected.class === "isolated" && !!c.expected.code)} isolated by NoSuchEntity; ` +
        `${mismatches.length} mismatches; ${fixtures} fixtures, ${seconds} s)`,
    );

    expect(cases).toHaveLength(OPERATIONS.length * CALLERS.length);
    expect(bypasses, "bypasses: calls the table says must be denied or isolated that got past authorization, found or returned the target's data, or changed what they must not").toEqual([]);
    expect(mismatches, "pairs whose outcome differs from the table").toEqual([]);
  });
});

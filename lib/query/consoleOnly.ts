// The registry's operations that are Portcullis's own: console workflows that run several AWS
// operations as steps, and console features AWS's IAM and STS APIs do not have. No AWS client
// sends them, so the Query door answers them as AWS answers any unknown action (InvalidAction)
// rather than inventing wire shapes for them. Every other operation in the registry is an AWS
// action of IAM or STS; tests/unit/console/queryShapes.test.ts checks both halves against the SDK.

/** Each console-only operation, with why it is not on the wire. */
export const CONSOLE_ONLY_REASONS: Readonly<Record<string, string>> = {
  ListConsoleUsersWithoutMFA: "the dashboard's checklist count; AWS has no such action (clients page ListUsers and ListMFADevices)",
  CreateUserWithAccess: "the create-user wizard: CreateUser, CreateLoginProfile, AddUserToGroup and AttachUserPolicy as one step",
  DeleteUserWithDependents: "the console's delete, which removes keys, policies and memberships first; AWS's DeleteUser refuses instead",
  SetUserTags: "the tag editor's save: TagUser and UntagUser as one step",
  SetConsolePassword: "the console's 'Manage console access', creating or updating the login profile with a generated password",
  UnlockLoginProfile: "Portcullis's sign-in lockout, which AWS does not have",
  RevokeUserSessions: "ends a user's console sessions; AWS revokes role sessions with a policy and has no user action",
  RemoveMFADevice: "the console's remove: DeactivateMFADevice then DeleteVirtualMFADevice",
  CreateGroupWithPolicies: "the create-group wizard: CreateGroup and AttachGroupPolicy as one step",
  DeleteGroupWithDependents: "the console's delete, which detaches policies and removes members first",
  AddUsersToGroup: "a group's 'Add users': AddUserToGroup for each",
  AddUserToGroups: "a user's 'Add to groups': AddUserToGroup for each",
  CreateRoleWithPolicies: "the create-role wizard: CreateRole and AttachRolePolicy as one step",
  DeleteRoleWithDependents: "the console's delete, which detaches and deletes the role's policies first",
  SetRoleTags: "the tag editor's save: TagRole and UntagRole as one step",
  SwitchRole: "the console's switch role, which turns an AssumeRole into a console session",
  ListSwitchRoleHistory: "the console's recent-roles menu",
  ListRoleSessions: "Portcullis's view of a role's live sessions; AWS has none",
  RevokeRoleSessions: "the console's 'Revoke active sessions', which AWS does with the AWSRevokeOlderSessions inline policy (PutRolePolicy is on the wire)",
  DeletePolicyWithDependents: "the console's delete, which detaches the policy and deletes its versions first",
  AttachUserPolicies: "the console's 'Add permissions': AttachUserPolicy for each",
  AttachGroupPolicies: "the console's 'Add permissions': AttachGroupPolicy for each",
  AttachRolePolicies: "the console's 'Add permissions': AttachRolePolicy for each",
  AttachPolicyToEntities: "a policy's 'Attach': AttachUserPolicy and AttachGroupPolicy for each entity",
  GetCallerPermissions: "which console controls to enable: it takes other operations as input, which has no wire form",
  LookupEvents: "the audit log, CloudTrail's action rather than IAM's, and not served on the IAM endpoint",
  ListUnusedAccessFindings: "unused access findings: Access Analyzer's ListFindingsV2 in spirit, but Access Analyzer's API is not served on the IAM endpoint",
  UpdateUnusedAccessFindings: "archive, unarchive or resolve unused access findings: Access Analyzer's UpdateFindings, not an IAM action",
  ListPrincipalsWithAccess: "the console's 'Who can': AWS has no action that lists the principals allowed an action",
  ListPrincipalPermissions: "the console's 'What it can do': AWS has no action that lists everything a principal's policies allow",
};

/**
 * Input members the registry's schemas accept that AWS's API does not have: the console's own
 * options. The door drops them from a request, so a wire client gets AWS's behaviour only.
 */
export const CONSOLE_ONLY_MEMBERS: ReadonlySet<string> = new Set(["IncludeConsoleColumns", "Filter", "SortBy", "SortOrder", "ConsoleFilter", "IncludeRoleLastUsed", "CreateOnly", "MultiFactorAuthPresent", "ExcludedPolicies", "ServiceControlPolicyLevels"]);

/** Members that only some operations have beyond AWS's: the same name is AWS's in other operations. */
export const CONSOLE_ONLY_MEMBERS_OF: Readonly<Record<string, readonly string[]>> = {
  // AWS creates the device unassigned (EnableMFADevice assigns it); Portcullis records the intended owner.
  CreateVirtualMFADevice: ["UserName"],
  // Optimistic concurrency and "replace the oldest version" for the policy editor.
  CreatePolicyVersion: ["ExpectedDefaultVersionId", "DeleteVersionId"],
};

/**
 * Output members the console's operations add to AWS's shapes: what a page shows beside AWS's answer
 * (a list's total, a row's extra columns, the engine's explanation of a simulated decision, the
 * dashboard checklist's counts in GetAccountSummary's SummaryMap). AWS's clients would ignore them;
 * the door leaves them out so the wire is AWS's.
 */
export const CONSOLE_ONLY_OUTPUT_MEMBERS: ReadonlySet<string> = new Set([
  "TotalCount",
  "ConsoleColumns",
  "Explanation",
  "SimulatedPolicies",
  "SourcePolicyKey",
  "UsersWithConsoleAccess",
  "UsersWithDirectPolicies",
  "UsersWithOnlyChangePasswordPolicy",
  "GroupsWithPolicies",
  "AdministratorUsers",
  "ConsoleUsersWithoutMFA",
  "AccessKeysOlderThan90Days",
]);

/** Members named above that are AWS's own in some operation: GetAccountAuthorizationDetails filters by entity type. */
const AWS_MEMBERS_OF: Readonly<Record<string, readonly string[]>> = {
  GetAccountAuthorizationDetails: ["Filter"],
};

export function isConsoleOnlyMember(operation: string, member: string): boolean {
  if ((AWS_MEMBERS_OF[operation] ?? []).includes(member)) return false;
  return CONSOLE_ONLY_MEMBERS.has(member) || (CONSOLE_ONLY_MEMBERS_OF[operation] ?? []).includes(member);
}

/** The registry's operations that the Query door does not serve. */
export const CONSOLE_ONLY_OPERATIONS: ReadonlySet<string> = new Set(Object.keys(CONSOLE_ONLY_REASONS));

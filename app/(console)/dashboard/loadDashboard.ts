// What the dashboard reads. One GetCallerPermissions decides which dashboard fits the principal
// (audience.ts) and which of its controls they may use; then only the reads that dashboard shows
// run, and only those the engine would allow (a read the caller may not make is not attempted, so
// an employee's dashboard writes no Denied events to the audit log each time it opens).

import type { Caller } from "@/lib/auth/caller";
import { CreateAccountAlias, DeleteAccountAlias, ListAccountAliases } from "@/lib/iam/account/aliases";
import { GetAccountPasswordPolicy } from "@/lib/iam/account/passwordPolicy";
import { GetAccountSummary } from "@/lib/iam/account/summary";
import { LookupEvents } from "@/lib/iam/audit/lookupEvents";
import type { Operation } from "@/lib/iam/core/operation";
import { KEY_ROTATION_DAYS } from "@/lib/iam/core/rules";
import { ChangePassword } from "@/lib/iam/credentials/passwords";
import { CreateGroup } from "@/lib/iam/groups/groups";
import { awsManagedPolicyArn } from "@/lib/iam/policies/awsManaged";
import { AttachGroupPolicy } from "@/lib/iam/policies/attachments";
import type { PermissionCheck } from "@/lib/iam/policies/callerPermissions";
import { CreatePolicy } from "@/lib/iam/policies/managed";
import { ListUnusedAccessFindings } from "@/lib/iam/reports/unusedAccess";
import { ListConsoleUsersWithoutMFA } from "@/lib/iam/users/mfaEnrollment";
import { CreateUser, GetUser, ListUsers, namedUser } from "@/lib/iam/users/users";
import type { KeyAction } from "@/components/dashboard/KeyActions";
import type { OwnCredentialsView } from "@/components/dashboard/OwnCredentials";
import { suggestedDeviceName } from "@/components/me/mfaSectionProps";
import { allOf, isDenied, type ControlPermission } from "@/components/permissions/controlPermission";
import { credentialPermissionChecks } from "../_server/credentialPermissions";
import { pagePermissions } from "../_server/pagePermissions";
import { ANY_GROUP_NAME, ANY_POLICY_DOCUMENT, ANY_POLICY_NAME, ANY_USER_NAME } from "../_server/undecidedInputs";
import { readOperation, type ReadResult } from "../_server/readOperation";
import { dashboardAudience, type DashboardAudience } from "./audience";
import { SELF_SERVICE_POLICY, type MfaEnrollmentState } from "./mfaAdvice";

const ANY_ALIAS = "new-alias";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type OutputOf<T> = T extends Operation<any, infer O> ? O : never;

function dashboardChecks(caller: Caller) {
  return {
    summary: { Operation: GetAccountSummary, Input: {} },
    listAliases: { Operation: ListAccountAliases, Input: {} },
    createAlias: { Operation: CreateAccountAlias, Input: { AccountAlias: ANY_ALIAS } },
    deleteAlias: { Operation: DeleteAccountAlias, Input: { AccountAlias: ANY_ALIAS } },
    attachGroupPolicy: { Operation: AttachGroupPolicy, Input: { GroupName: ANY_GROUP_NAME, PolicyArn: awsManagedPolicyArn(SELF_SERVICE_POLICY) }, InputVaries: true },
    listUsers: { Operation: ListUsers, Input: {} },
    createUser: { Operation: CreateUser, Input: { UserName: ANY_USER_NAME }, InputVaries: true },
    createGroup: { Operation: CreateGroup, Input: { GroupName: ANY_GROUP_NAME }, InputVaries: true },
    createPolicy: { Operation: CreatePolicy, Input: { PolicyName: ANY_POLICY_NAME, PolicyDocument: ANY_POLICY_DOCUMENT }, InputVaries: true },
    lookupEvents: { Operation: LookupEvents, Input: {} },
    passwordPolicy: { Operation: GetAccountPasswordPolicy, Input: {} },
    unusedAccess: { Operation: ListUnusedAccessFindings, Input: {} },
    // The employee's own reads; for the root user they stand unused (its dashboard is the account's).
    ownUser: { Operation: GetUser, Input: { UserName: caller.userName ?? ANY_USER_NAME } },
    // The old password is checked when the form is sent; the decision does not read it.
    changePassword: { Operation: ChangePassword, Input: { OldPassword: "unknown", NewPassword: "unknown" } },
    ...credentialPermissionChecks(caller, suggestedDeviceName(caller)),
  } satisfies Record<string, PermissionCheck>;
}

type CheckName = keyof ReturnType<typeof dashboardChecks>;

export interface DashboardData {
  readonly audience: DashboardAudience;
  readonly permissions: Readonly<Partial<Record<CheckName, ControlPermission>>> & Readonly<Record<"createAlias" | "deleteAlias" | "attachGroupPolicy", ControlPermission>>;
  /** Undefined when the caller may not list aliases (the page then shows the session's alias). */
  readonly aliases?: ReadResult<OutputOf<typeof ListAccountAliases>>;
  /** Root and administrators: the account summary. */
  readonly summary?: ReadResult<OutputOf<typeof GetAccountSummary>>;
  /** Root and administrators: who of the users without MFA can enroll one themselves (undefined if refused). */
  readonly mfaEnrollment?: MfaEnrollmentState;
  /** Root and administrators who may list them: the active unused access findings per type (undefined if not allowed). */
  readonly unusedAccess?: ReadResult<OutputOf<typeof ListUnusedAccessFindings>>;
  /** Employees: their own credentials. */
  readonly ownCredentials?: OwnCredentialsView;
  /** Employees: the console's main actions, each as the engine decides it for them. */
  readonly keyActions: readonly KeyAction[];
}

function keyActions(p: Partial<Record<CheckName, ControlPermission>>): KeyAction[] {
  const action = (id: string, label: string, permission: ControlPermission | undefined): KeyAction[] => (permission ? [{ id, label, permission }] : []);
  return [
    ...action("change-password", "Change your own password", p.changePassword),
    ...action("assign-mfa", "Assign yourself an MFA device", allOf(p.createMfaDevice, p.enableMfaDevice)),
    ...action("create-access-key", "Create access keys for yourself", p.createAccessKey),
    ...action("list-users", "View IAM users", p.listUsers),
    ...action("create-user", "Create IAM users", p.createUser),
    ...action("create-group", "Create user groups", p.createGroup),
    ...action("create-policy", "Create policies", p.createPolicy),
    ...action("audit-log", "Read the audit log", p.lookupEvents),
  ];
}

async function ownCredentials(caller: Caller, p: Partial<Record<CheckName, ControlPermission>>): Promise<OwnCredentialsView> {
  const mayRead = (permission: ControlPermission | undefined) => permission !== undefined && !isDenied(permission);
  const [user, policy] = await Promise.all([
    mayRead(p.ownUser) ? readOperation(GetUser, { UserName: caller.userName!, IncludeConsoleColumns: true }, caller) : undefined,
    mayRead(p.passwordPolicy) ? readOperation(GetAccountPasswordPolicy, {}, caller) : undefined,
  ]);
  const columns = user?.ok ? namedUser(user.value).ConsoleColumns : undefined;
  // No password policy at all means AWS's defaults, under which passwords do not expire.
  const maxPasswordAge = policy === undefined ? undefined : policy.ok ? (policy.value.PasswordPolicy.MaxPasswordAge ?? null) : policy.error.code === "NoSuchEntity" ? null : undefined;
  return {
    passwordChangedAt: columns?.PasswordChangedAt,
    maxPasswordAge,
    mfaDevices: columns?.MFADevices,
    sessionWithMfa: caller.mfaAuthenticated,
    enrollPermission: allOf(p.createMfaDevice, p.enableMfaDevice),
    accessKeys: columns?.AccessKeys,
    groups: columns?.Groups,
    rotationDays: KEY_ROTATION_DAYS,
    selfServicePolicy: SELF_SERVICE_POLICY,
  };
}

export async function loadDashboard(caller: Caller): Promise<DashboardData> {
  const permissions = await pagePermissions(caller, dashboardChecks(caller));
  const audience = dashboardAudience(caller.kind, { summary: permissions.summary, createUser: permissions.createUser });
  const aliases = isDenied(permissions.listAliases) ? undefined : readOperation(ListAccountAliases, { IncludeConsoleColumns: true }, caller);
  if (audience === "employee") {
    const [aliasList, own] = await Promise.all([aliases, ownCredentials(caller, permissions)]);
    return { audience, permissions, aliases: aliasList, ownCredentials: own, keyActions: keyActions(permissions) };
  }
  const [aliasList, summary, unusedAccess] = await Promise.all([
    aliases,
    readOperation(GetAccountSummary, {}, caller),
    // Only the counts are shown: one finding is the smallest page.
    isDenied(permissions.unusedAccess) ? undefined : readOperation(ListUnusedAccessFindings, { MaxItems: 1 }, caller),
  ]);
  // Who can enroll their own device matters only when someone signs in without one.
  const withoutMfa = summary.ok ? summary.value.SummaryMap.ConsoleUsersWithoutMFA : 0;
  const enrollment = withoutMfa > 0 ? await readOperation(ListConsoleUsersWithoutMFA, {}, caller) : undefined;
  return { audience, permissions, aliases: aliasList, summary, unusedAccess, mfaEnrollment: enrollment?.ok ? enrollment.value : undefined, keyActions: [] };
}

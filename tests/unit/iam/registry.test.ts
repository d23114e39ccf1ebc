// No operation skips the policy engine: every operation in the registry, run with valid input by an
// IAM user who has no policies, is denied, and the only thing written is its Denied audit event.

import { beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { AccessDeniedError } from "@/lib/iam/core/errors";
import { execute, isOperation } from "@/lib/iam/core/operation";
import { accessKeyId as newAccessKeyId } from "@/lib/iam/core/ids";
import { OPERATIONS, operationNamed } from "@/lib/iam/registry";
import { GetSessionToken } from "@/lib/iam/sts/sessionToken";
import { CreateUser } from "@/lib/iam/users/users";
import { userArn } from "@/lib/policy";
import { auditEvents, createAccount, createCustomerPolicy, createGroup, createUser, db, managed, rowCounts, snapshot, type TestAccount } from "./support/fixtures";

/** Reads every IAM user may make about itself (built-in grants), and GetSessionToken (no permission needed): the tests below cover each. */
const SELF_SERVICE_READS = new Set(["GetCallerPermissions", "ListSwitchRoleHistory", "GetCallerIdentity", "GetSessionToken"]);

let acct: TestAccount;
let nobody: Caller;
let ownPolicy: string;
let accessKeyId: string;

beforeAll(async () => {
  acct = await createAccount();
  ownPolicy = await createCustomerPolicy(acct.accountId, "Custom", { Version: "2012-10-17", Statement: [] });
  const groupId = await createGroup(acct.accountId, "Team", [managed("IAMReadOnlyAccess")]);
  await createUser(acct.accountId, "target", {
    tags: { team: "web" },
    groupIds: [groupId],
    policies: [ownPolicy],
    inline: { Inline: { Version: "2012-10-17", Statement: [] } },
    loginProfile: true,
  });
  await db.inlinePolicy.create({ data: { name: "GroupInline", nameLower: "groupinline", document: '{"Version":"2012-10-17","Statement":[]}', groupId } });
  await db.account.update({ where: { id: acct.accountId }, data: { alias: `alias-${acct.accountId}` } });
  nobody = await createUser(acct.accountId, "nobody", { loginProfile: true });
  accessKeyId = newAccessKeyId();
  const target = await db.user.findFirstOrThrow({ where: { accountId: acct.accountId, name: "target" } });
  await db.accessKey.create({ data: { id: accessKeyId, accountId: acct.accountId, userId: target.id, secretCiphertext: "sealed-elsewhere" } });
  // A policy that does not let users change their own password: the engine alone decides ChangePassword.
  await db.passwordPolicy.create({ data: { accountId: acct.accountId, allowUsersToChangePassword: false } });
});

const ALLOW_ALL = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

// Valid input for every operation: what a permitted caller could send and succeed with.
const input = (): Record<string, unknown> => ({
  GetAccountSummary: {},
  ListAccountAliases: {},
  CreateAccountAlias: { AccountAlias: "brand-new-alias" },
  DeleteAccountAlias: { AccountAlias: `alias-${acct.accountId}` },
  ListUsers: {},
  ListConsoleUsersWithoutMFA: {},
  GetUser: { UserName: "target" },
  CreateUser: { UserName: "newcomer", Tags: [{ Key: "team", Value: "web" }] },
  UpdateUser: { UserName: "target", NewUserName: "renamed" },
  DeleteUser: { UserName: "nobody" },
  DeleteUserWithDependents: { UserName: "target" },
  CreateUserWithAccess: { UserName: "newcomer", ConsoleAccess: { PasswordResetRequired: true }, GroupNames: ["Team"], PolicyArns: [ownPolicy] },
  SetUserTags: { UserName: "target", Tags: [{ Key: "team", Value: "api" }] },
  SetConsolePassword: { UserName: "target", PasswordResetRequired: true },
  UnlockLoginProfile: { UserName: "target" },
  RemoveMFADevice: { UserName: "target", SerialNumber: mfa("phone") },
  CreateGroupWithPolicies: { GroupName: "NewGroup", PolicyArns: [ownPolicy] },
  DeleteGroupWithDependents: { GroupName: "Team" },
  AddUsersToGroup: { GroupName: "Team", UserNames: ["nobody"] },
  AddUserToGroups: { UserName: "nobody", GroupNames: ["Team"] },
  DeletePolicyWithDependents: { PolicyArn: ownPolicy },
  AttachUserPolicies: { UserName: "target", PolicyArns: [managed("AdministratorAccess")] },
  AttachGroupPolicies: { GroupName: "Team", PolicyArns: [managed("AdministratorAccess")] },
  AttachRolePolicies: { RoleName: "Deployer", PolicyArns: [managed("AdministratorAccess")] },
  AttachPolicyToEntities: { PolicyArn: ownPolicy, UserNames: ["nobody"], GroupNames: ["Team"] },
  CreateLoginProfile: { UserName: "target", Password: "Valid-Password-1" },
  GetLoginProfile: { UserName: "target" },
  UpdateLoginProfile: { UserName: "target", Password: "Other-Password-2" },
  DeleteLoginProfile: { UserName: "target" },
  ChangePassword: { OldPassword: "Old-Password-1", NewPassword: "New-Password-2" },
  RevokeUserSessions: { UserName: "target" },
  GetAccountPasswordPolicy: {},
  UpdateAccountPasswordPolicy: { MinimumPasswordLength: 12, RequireSymbols: true, MaxPasswordAge: 90, PasswordReusePrevention: 5 },
  DeleteAccountPasswordPolicy: {},
  CreateAccessKey: { UserName: "target" },
  ListAccessKeys: { UserName: "target" },
  UpdateAccessKey: { UserName: "target", AccessKeyId: accessKeyId, Status: "Inactive" },
  DeleteAccessKey: { UserName: "target", AccessKeyId: accessKeyId },
  GetAccessKeyLastUsed: { AccessKeyId: accessKeyId },
  ListGroups: {},
  GetGroup: { GroupName: "Team" },
  CreateGroup: { GroupName: "NewGroup" },
  UpdateGroup: { GroupName: "Team", NewGroupName: "Renamed" },
  DeleteGroup: { GroupName: "Team" },
  AddUserToGroup: { GroupName: "Team", UserName: "nobody" },
  RemoveUserFromGroup: { GroupName: "Team", UserName: "target" },
  ListGroupsForUser: { UserName: "target" },
  ListPolicies: {},
  GetPolicy: { PolicyArn: ownPolicy },
  GetPolicyVersion: { PolicyArn: ownPolicy, VersionId: "v1" },
  ListEntitiesForPolicy: { PolicyArn: ownPolicy },
  AttachUserPolicy: { UserName: "target", PolicyArn: managed("AdministratorAccess") },
  DetachUserPolicy: { UserName: "target", PolicyArn: ownPolicy },
  ListAttachedUserPolicies: { UserName: "target" },
  AttachGroupPolicy: { GroupName: "Team", PolicyArn: managed("AdministratorAccess") },
  DetachGroupPolicy: { GroupName: "Team", PolicyArn: managed("IAMReadOnlyAccess") },
  ListAttachedGroupPolicies: { GroupName: "Team" },
  ListUserPolicies: { UserName: "target" },
  GetUserPolicy: { UserName: "target", PolicyName: "Inline" },
  ListGroupPolicies: { GroupName: "Team" },
  GetGroupPolicy: { GroupName: "Team", PolicyName: "GroupInline" },
  CreatePolicy: { PolicyName: "NewPolicy", PolicyDocument: ALLOW_ALL, Tags: [{ Key: "team", Value: "web" }] },
  ListPolicyVersions: { PolicyArn: ownPolicy },
  CreatePolicyVersion: { PolicyArn: ownPolicy, PolicyDocument: ALLOW_ALL, SetAsDefault: true, ExpectedDefaultVersionId: "v1" },
  SetDefaultPolicyVersion: { PolicyArn: ownPolicy, VersionId: "v1" },
  DeletePolicyVersion: { PolicyArn: ownPolicy, VersionId: "v2" },
  DeletePolicy: { PolicyArn: ownPolicy },
  TagPolicy: { PolicyArn: ownPolicy, Tags: [{ Key: "owner", Value: "security" }] },
  UntagPolicy: { PolicyArn: ownPolicy, TagKeys: ["owner"] },
  ListPolicyTags: { PolicyArn: ownPolicy },
  PutUserPolicy: { UserName: "target", PolicyName: "Inline", PolicyDocument: ALLOW_ALL },
  DeleteUserPolicy: { UserName: "target", PolicyName: "Inline" },
  PutGroupPolicy: { GroupName: "Team", PolicyName: "GroupInline", PolicyDocument: ALLOW_ALL },
  DeleteGroupPolicy: { GroupName: "Team", PolicyName: "GroupInline" },
  AttachRolePolicy: { RoleName: "Deployer", PolicyArn: managed("AdministratorAccess") },
  DetachRolePolicy: { RoleName: "Deployer", PolicyArn: managed("IAMReadOnlyAccess") },
  ListAttachedRolePolicies: { RoleName: "Deployer" },
  ListRolePolicies: { RoleName: "Deployer" },
  GetRolePolicy: { RoleName: "Deployer", PolicyName: "RoleInline" },
  PutRolePolicy: { RoleName: "Deployer", PolicyName: "RoleInline", PolicyDocument: ALLOW_ALL },
  DeleteRolePolicy: { RoleName: "Deployer", PolicyName: "RoleInline" },
  PutUserPermissionsBoundary: { UserName: "target", PermissionsBoundary: managed("IAMReadOnlyAccess") },
  DeleteUserPermissionsBoundary: { UserName: "target" },
  PutRolePermissionsBoundary: { RoleName: "Deployer", PermissionsBoundary: managed("IAMReadOnlyAccess") },
  DeleteRolePermissionsBoundary: { RoleName: "Deployer" },
  ListRoles: {},
  GetRole: { RoleName: "Deployer" },
  CreateRole: { RoleName: "NewRole", AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }) },
  CreateRoleWithPolicies: {
    RoleName: "NewRoleWithPolicies",
    AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    PolicyArns: [ownPolicy],
  },
  UpdateRole: { RoleName: "Deployer", MaxSessionDuration: 7200 },
  UpdateRoleDescription: { RoleName: "Deployer", Description: "Deploys" },
  UpdateAssumeRolePolicy: { RoleName: "Deployer", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }) },
  DeleteRole: { RoleName: "Deployer" },
  DeleteRoleWithDependents: { RoleName: "Deployer" },
  AssumeRole: { RoleArn: `arn:aws:iam::${acct.accountId}:role/Deployer`, RoleSessionName: "registry" },
  SwitchRole: { Account: acct.accountId, RoleName: "Deployer" },
  ListSwitchRoleHistory: {},
  GetCallerIdentity: {},
  GetAccessKeyInfo: { AccessKeyId: accessKeyId },
  GetSessionToken: {},
  ListRoleSessions: { RoleName: "Deployer" },
  RevokeRoleSessions: { RoleName: "Deployer" },
  TagRole: { RoleName: "Deployer", Tags: [{ Key: "new", Value: "tag" }] },
  UntagRole: { RoleName: "Deployer", TagKeys: ["team"] },
  ListRoleTags: { RoleName: "Deployer" },
  SetRoleTags: { RoleName: "Deployer", Tags: [{ Key: "team", Value: "api" }] },
  SimulatePrincipalPolicy: { PolicySourceArn: userArn(acct.accountId, "target"), ActionNames: ["iam:CreateUser"] },
  SimulateCustomPolicy: { PolicyInputList: [JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] })], ActionNames: ["iam:CreateUser"] },
  GetContextKeysForPrincipalPolicy: { PolicySourceArn: userArn(acct.accountId, "target") },
  GetContextKeysForCustomPolicy: { PolicyInputList: [JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] })] },
  GetAccountAuthorizationDetails: {},
  GenerateCredentialReport: {},
  GetCredentialReport: {},
  ListUnusedAccessFindings: {},
  UpdateUnusedAccessFindings: { Ids: [`UnusedIAMUser:${userArn(acct.accountId, "target")}`], Status: "ARCHIVED" },
  GenerateServiceLastAccessedDetails: { Arn: userArn(acct.accountId, "target"), Granularity: "ACTION_LEVEL" },
  GetServiceLastAccessedDetails: { JobId: "0f8fad5b-d9cb-469f-a165-70867728950e" },
  GetServiceLastAccessedDetailsWithEntities: { JobId: "0f8fad5b-d9cb-469f-a165-70867728950e", ServiceNamespace: "iam" },
  ListVirtualMFADevices: {},
  GetCallerPermissions: { Checks: [{ Operation: CreateUser, Input: { UserName: "newcomer" }, InputVaries: true }] },
  ListPrincipalsWithAccess: { ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "*") },
  ListPrincipalPermissions: { PolicySourceArn: userArn(acct.accountId, "target") },
  TagUser: { UserName: "target", Tags: [{ Key: "new", Value: "tag" }] },
  UntagUser: { UserName: "target", TagKeys: ["team"] },
  ListUserTags: { UserName: "target" },
  LookupEvents: {},
  CreateVirtualMFADevice: { VirtualMFADeviceName: "phone" },
  EnableMFADevice: { UserName: "target", SerialNumber: mfa("phone"), AuthenticationCode1: "123456", AuthenticationCode2: "654321" },
  ResyncMFADevice: { UserName: "target", SerialNumber: mfa("phone"), AuthenticationCode1: "123456", AuthenticationCode2: "654321" },
  DeactivateMFADevice: { UserName: "target", SerialNumber: mfa("phone") },
  DeleteVirtualMFADevice: { SerialNumber: mfa("phone") },
  ListMFADevices: { UserName: "target" },
});

const mfa = (name: string) => `arn:aws:iam::${acct.accountId}:mfa/${name}`;

// Every module under lib/iam, so an operation exported anywhere but left out of the registry is found.
const modules = import.meta.glob<Record<string, unknown>>("/lib/iam/**/*.ts", { eager: true });

describe("the operation registry", () => {
  it("lists every operation lib/iam exports", () => {
    const exported = Object.entries(modules).flatMap(([file, exports]) =>
      Object.entries(exports)
        .filter(([, value]) => isOperation(value))
        .map(([name, value]) => ({ file, name, registered: OPERATIONS.includes(value as (typeof OPERATIONS)[number]) })),
    );
    expect(exported.length).toBeGreaterThan(60);
    expect(exported.filter((op) => !op.registered).map((op) => `${op.name} (${op.file})`)).toEqual([]);
  });

  it("has a valid sample input for exactly the registered operations, under unique names", () => {
    const names = OPERATIONS.map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(input()).sort()).toEqual([...names].sort());
    for (const op of OPERATIONS) {
      const parsed = op.input.safeParse(input()[op.name]);
      expect(parsed.success, `${op.name}: ${parsed.error?.message}`).toBe(true);
      expect(operationNamed(op.name)).toBe(op);
    }
  });

  // The caller's question about itself is allowed to anyone by its built-in grant, and acts on nothing.
  // (In an account of its own: the account above must hold Denied events only.)
  it("lets a user with no policies read its own recent roles (ListSwitchRoleHistory), and nothing else is written", async () => {
    const own = await createAccount();
    const asker = await createUser(own.accountId, "asker");
    const counts = await rowCounts();
    expect(await execute(operationNamed("ListSwitchRoleHistory")!, {}, asker)).toEqual({ Roles: [] });
    expect(await rowCounts()).toEqual(counts);
    expect(await auditEvents(own.accountId)).toEqual([expect.objectContaining({ action: "iam:ListSwitchRoleHistory", principalArn: asker.arn, result: "Allowed", readOnly: true })]);
  });

  // AWS documents that sts:GetCallerIdentity needs no permission at all (alwaysAllowed).
  it("lets a user with no policies ask who it is (GetCallerIdentity), and writes only its Allowed event", async () => {
    const own = await createAccount();
    const asker = await createUser(own.accountId, "asker");
    const counts = await rowCounts();
    expect(await execute(operationNamed("GetCallerIdentity")!, {}, asker)).toEqual({ UserId: asker.userId, Account: own.accountId, Arn: asker.arn });
    expect(await rowCounts()).toEqual(counts);
    expect(await auditEvents(own.accountId)).toEqual([expect.objectContaining({ action: "sts:GetCallerIdentity", principalArn: asker.arn, result: "Allowed", readOnly: true })]);
  });

  // AWS documents that sts:GetSessionToken needs no permission either; it is called with a long-term key.
  it("lets a user with no policies get a session token with its access key, and writes its Allowed event", async () => {
    const own = await createAccount();
    const asker = await createUser(own.accountId, "asker");
    const key = newAccessKeyId();
    await db.accessKey.create({ data: { id: key, accountId: own.accountId, userId: asker.userId, secretCiphertext: "sealed-elsewhere" } });
    const { Credentials } = await execute(GetSessionToken, {}, { ...asker, credentialKind: "long-term-key", accessKeyId: key });
    expect(await db.sessionCredential.count({ where: { accessKeyId: Credentials.AccessKeyId, userId: asker.userId } })).toBe(1);
    expect((await auditEvents(own.accountId)).at(-1)).toEqual(expect.objectContaining({ action: "sts:GetSessionToken", principalArn: asker.arn, result: "Allowed" }));
  });

  it("lets a user with no policies ask GetCallerPermissions, answers Denied, and writes only its own read-only event", async () => {
    const own = await createAccount();
    const asker = await createUser(own.accountId, "asker");
    const counts = await rowCounts();
    const content = await snapshot(own.accountId);
    const { Permissions } = await execute(operationNamed("GetCallerPermissions")!, input().GetCallerPermissions, asker);
    expect(Permissions).toEqual([expect.objectContaining({ Operation: "CreateUser", Decision: "Denied" })]);
    expect(await rowCounts()).toEqual(counts);
    expect(await snapshot(own.accountId)).toBe(content);
    expect(await auditEvents(own.accountId)).toEqual([expect.objectContaining({ action: "iam:GetCallerPermissions", principalArn: asker.arn, result: "Allowed", readOnly: true })]);
  });

  it.each(OPERATIONS.filter((op) => !SELF_SERVICE_READS.has(op.name)).map((op) => [op.name, op] as const))("denies %s to a user with no policies and writes only the Denied event", async (_name, op) => {
    const counts = await rowCounts();
    const content = await snapshot(acct.accountId);
    const eventsBefore = await db.auditEvent.count({ where: { accountId: acct.accountId } });

    const error = await execute(op, input()[op.name], nobody).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, `${op.name} was not denied`).toBeInstanceOf(AccessDeniedError);
    expect((error as AccessDeniedError).action).toBe(op.action);
    // Assuming a role is decided by its trust policy first; the fixture has no role to trust anyone.
    const why = op.resourcePolicy ? "has no trust policy here" : `has no policies, so nothing allows ${op.action}`;
    expect((error as AccessDeniedError).explanation.summary).toContain(why);

    expect(await rowCounts()).toEqual(counts);
    expect(await snapshot(acct.accountId)).toBe(content);
    const events = await auditEvents(acct.accountId);
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events.filter((e) => e.result !== "Denied")).toEqual([]);
    const latest = events.at(-1)!;
    expect(latest).toMatchObject({ action: op.action, principalArn: nobody.arn, result: "Denied", errorCode: "AccessDenied" });
    expect(JSON.stringify(latest)).not.toMatch(/Password-\d/);
  });
});

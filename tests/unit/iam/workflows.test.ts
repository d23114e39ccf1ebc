// Operations made of steps (issue 8): each step is decided by the engine and audited with its own
// action and resource, inside one transaction. A failure or a denial at any step leaves nothing
// behind, and the denial is audited as Denied under the step's own action and resource.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RequestScope } from "@/lib/auth/caller";
import { AccessDeniedError, IamError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { SetConsolePassword } from "@/lib/iam/credentials/loginProfiles";
import { CreateVirtualMFADevice, RemoveMFADevice } from "@/lib/iam/credentials/mfa";
import { CHANGE_PASSWORD_POLICY_ARN } from "@/lib/iam/credentials/passwords";
import { DeleteGroupWithDependents } from "@/lib/iam/groups/deletion";
import { AttachUserPolicies } from "@/lib/iam/policies/batchAttachments";
import { DeletePolicyWithDependents } from "@/lib/iam/policies/managed";
import { CreateUserWithAccess } from "@/lib/iam/users/createUserWithAccess";
import { DeleteUser, DeleteUserWithDependents } from "@/lib/iam/users/deletion";
import { SetUserTags } from "@/lib/iam/users/tags";
import { GetUser, ListUsers, namedUser, UpdateUser } from "@/lib/iam/users/users";
import { userArn } from "@/lib/policy";
import { auditEvents, createAccount, createCustomerPolicy, createGroup, createRole, createUser, db, expectIamError, managed, rowCounts, snapshot, type TestAccount, createUserWithEverything } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** IAMFullAccess, with explicit Denies of these actions: an administrator with guard rails. */
async function adminDenied(name: string, deniedActions: string[]) {
  return createUser(acct.accountId, name, {
    policies: [managed("IAMFullAccess")],
    inline: deniedActions.length ? { GuardRails: { Version: "2012-10-17", Statement: [{ Sid: "NoThat", Effect: "Deny", Action: deniedActions, Resource: "*" }] } } : {},
  });
}

const userWithEverything = (name: string) => createUserWithEverything(acct.accountId, name, { mfaEnabled: true });

/** Everything the account holds, and the number of its audit events, to compare before and after. */
async function state() {
  return { counts: await rowCounts(), content: await snapshot(acct.accountId), events: (await auditEvents(acct.accountId)).length };
}

describe("CreateUserWithAccess (the create-user wizard)", () => {
  it("creates the user, console password, groups, policies and tags in one call, each step audited", async () => {
    await createGroup(acct.accountId, "Developers");
    const own = await createCustomerPolicy(acct.accountId, "Deploy", { Version: "2012-10-17", Statement: [] });
    const out = await execute(
      CreateUserWithAccess,
      { UserName: "bob", Tags: [{ Key: "team", Value: "web" }], ConsoleAccess: { PasswordResetRequired: true }, GroupNames: ["Developers"], PolicyArns: [own] },
      acct.root,
    );
    expect(out.GeneratedPassword).toMatch(/^.{16,}$/);
    // Nothing in bob's groups or policies lets him change his password, so the console turns on the
    // account password policy's AllowUsersToChangePassword rather than attaching a policy to him.
    expect(out.ChangePasswordGrant).toBe("AccountPasswordPolicy");
    expect(await db.passwordPolicy.findUnique({ where: { accountId: acct.accountId } })).toMatchObject({ allowUsersToChangePassword: true });
    const bob = await db.user.findFirstOrThrow({ where: { accountId: acct.accountId, name: "bob" }, include: { loginProfile: true, memberships: true, attachedPolicies: { include: { policy: true } }, tags: true } });
    expect(bob.loginProfile?.passwordResetRequired).toBe(true);
    expect(bob.memberships).toHaveLength(1);
    expect(bob.attachedPolicies.map((a) => a.policy.arn)).toEqual([own]);
    expect(bob.tags.map((t) => [t.key, t.value])).toEqual([["team", "web"]]);
    const events = await auditEvents(acct.accountId);
    expect(events.map((e) => [e.action, e.result])).toEqual([
      ["iam:CreateUser", "Allowed"],
      ["iam:CreateLoginProfile", "Allowed"],
      ["iam:AddUserToGroup", "Allowed"],
      ["iam:AttachUserPolicy", "Allowed"],
      ["iam:UpdateAccountPasswordPolicy", "Allowed"],
    ]);
    // No event repeats the generated password.
    expect(JSON.stringify(events)).not.toContain(out.GeneratedPassword!);
  });

  it("leaves no row behind when the last step fails, and records that step's failure", async () => {
    await createGroup(acct.accountId, "Developers");
    const before = await state();
    const missing = `arn:aws:iam::${acct.accountId}:policy/DoesNotExist`;
    await expectIamError(
      execute(CreateUserWithAccess, { UserName: "bob", ConsoleAccess: { Password: "Valid-Password-1" }, GroupNames: ["Developers"], PolicyArns: [missing] }, acct.root),
      "NoSuchEntity",
      /DoesNotExist/,
    );
    expect(await rowCounts()).toEqual(before.counts);
    expect(await snapshot(acct.accountId)).toBe(before.content);
    // The Allowed events of the steps before it rolled back with their changes; the failure remains.
    const events = await auditEvents(acct.accountId);
    expect(events.slice(before.events).map((e) => [e.action, e.resource, e.result, e.errorCode])).toEqual([
      ["iam:AttachUserPolicy", userArn(acct.accountId, "bob"), "Failed", "NoSuchEntity"],
    ]);
  });

  it("stops at a denied step, names it, changes nothing, and audits the denial under the step's action", async () => {
    await createGroup(acct.accountId, "Developers");
    const admin = await adminDenied("admin", ["iam:AddUserToGroup"]);
    const before = await state();
    const denied = (await expectIamError(
      execute(CreateUserWithAccess, { UserName: "bob", GroupNames: ["Developers"] }, admin),
      "AccessDenied",
      /^CreateUserWithAccess changed nothing: its AddUserToGroup step was denied\./,
    )) as AccessDeniedError;
    expect(denied.stoppedWorkflow).toEqual({ workflow: "CreateUserWithAccess", step: "AddUserToGroup" });
    expect(denied.explanation.decidedBy).toEqual([expect.objectContaining({ statement: "NoThat", effect: "Deny" })]);
    expect(await rowCounts()).toEqual(before.counts);
    const events = (await auditEvents(acct.accountId)).slice(before.events);
    expect(events.map((e) => [e.action, e.resource, e.result])).toEqual([["iam:AddUserToGroup", `arn:aws:iam::${acct.accountId}:group/Developers`, "Denied"]]);
  });
});

describe("DeleteUserWithDependents", () => {
  it.each([
    ["iam:DeleteLoginProfile", "DeleteLoginProfile", "user"],
    ["iam:DeleteAccessKey", "DeleteAccessKey", "user"],
    ["iam:DeactivateMFADevice", "DeactivateMFADevice", "user"],
    ["iam:DeleteVirtualMFADevice", "DeleteVirtualMFADevice", "mfa"],
    ["iam:RemoveUserFromGroup", "RemoveUserFromGroup", "group"],
    ["iam:DetachUserPolicy", "DetachUserPolicy", "user"],
    ["iam:DeleteUserPolicy", "DeleteUserPolicy", "user"],
  ])("an explicit Deny on %s stops the deletion, removes nothing, and is audited as Denied under it", async (action, step, resourceKind) => {
    const carol = await userWithEverything("carol");
    // The administrator's session has MFA, so only the guard rail under test is in the way.
    const admin = { ...(await adminDenied("admin", [action])), mfaAuthenticated: true, authTime: new Date() };
    const before = await state();
    await expectIamError(execute(DeleteUserWithDependents, { UserName: "carol" }, admin), "AccessDenied", new RegExp(`its ${step} step was denied`));
    expect(await rowCounts()).toEqual(before.counts);
    expect(await snapshot(acct.accountId)).toBe(before.content);
    const events = (await auditEvents(acct.accountId)).slice(before.events);
    const resource = { user: carol.arn, group: `arn:aws:iam::${acct.accountId}:group/carol-group`, mfa: `arn:aws:iam::${acct.accountId}:mfa/carol` }[resourceKind];
    expect(events.map((e) => [e.action, e.resource, e.result])).toEqual([[action, resource, "Denied"]]);
  });

  it("removes every dependent as its own audited step, then the user", async () => {
    const dave = await userWithEverything("dave");
    const { Removed } = await execute(DeleteUserWithDependents, { UserName: "dave" }, acct.root);
    expect(Removed).toEqual({ LoginProfile: 1, AccessKeys: 1, MFADevices: 1, Groups: 1, AttachedPolicies: 1, InlinePolicies: 1, Tags: 1 });
    expect(await db.user.findUnique({ where: { id: dave.userId } })).toBeNull();
    expect(await db.mfaDevice.count({ where: { accountId: acct.accountId } })).toBe(0);
    expect((await auditEvents(acct.accountId)).map((e) => [e.action, e.result])).toEqual([
      ["iam:DeleteUser", "Allowed"],
      ["iam:DeleteLoginProfile", "Allowed"],
      ["iam:DeleteAccessKey", "Allowed"],
      ["iam:DeactivateMFADevice", "Allowed"],
      ["iam:DeleteVirtualMFADevice", "Allowed"],
      ["iam:RemoveUserFromGroup", "Allowed"],
      ["iam:DetachUserPolicy", "Allowed"],
      ["iam:DeleteUserPolicy", "Allowed"],
    ]);
  });

  it("leaves the user exactly as it was when its last step (DeleteUser) fails", async () => {
    await userWithEverything("erin");
    const before = await state();
    vi.spyOn(DeleteUser, "run").mockRejectedValue(new IamError("EntityTemporarilyUnmodifiable", "The user is being changed elsewhere; try again."));
    await expectIamError(execute(DeleteUserWithDependents, { UserName: "erin" }, acct.root), "EntityTemporarilyUnmodifiable");
    expect(await rowCounts()).toEqual(before.counts);
    expect(await snapshot(acct.accountId)).toBe(before.content);
    const events = (await auditEvents(acct.accountId)).slice(before.events);
    expect(events.map((e) => [e.action, e.result])).toEqual([["iam:DeleteUser", "Failed"]]);
  });

  it("keeps AWS's DeleteConflict for plain DeleteUser", async () => {
    await userWithEverything("frank");
    await expectIamError(execute(DeleteUser, { UserName: "frank" }, acct.root), "DeleteConflict", "Cannot delete entity, must delete login profile first.");
  });
});

describe("DeleteGroupWithDependents and DeletePolicyWithDependents", () => {
  it("stops a group deletion at a denied member removal and changes nothing", async () => {
    const groupId = await createGroup(acct.accountId, "Team", [managed("IAMReadOnlyAccess")]);
    await createUser(acct.accountId, "gina", { groupIds: [groupId] });
    const admin = await adminDenied("admin", ["iam:RemoveUserFromGroup"]);
    const before = await state();
    await expectIamError(execute(DeleteGroupWithDependents, { GroupName: "Team" }, admin), "AccessDenied", /its RemoveUserFromGroup step was denied/);
    expect(await snapshot(acct.accountId)).toBe(before.content);
    expect((await auditEvents(acct.accountId)).slice(before.events).map((e) => [e.action, e.result])).toEqual([["iam:RemoveUserFromGroup", "Denied"]]);
    await execute(DeleteGroupWithDependents, { GroupName: "Team" }, acct.root);
    expect(await db.group.count({ where: { id: groupId } })).toBe(0);
  });

  it("stops a policy deletion at a denied detachment and changes nothing", async () => {
    const arn = await createCustomerPolicy(acct.accountId, "Shared", { Version: "2012-10-17", Statement: [] });
    await createGroup(acct.accountId, "Team", [arn]);
    await createUser(acct.accountId, "hal", { policies: [arn] });
    const role = await createRole(acct.accountId, "Deployer");
    await db.rolePolicyAttachment.create({ data: { roleId: role.id, policyId: (await db.managedPolicy.findUniqueOrThrow({ where: { arn } })).id } });
    const admin = await adminDenied("admin", ["iam:DetachGroupPolicy"]);
    const before = await state();
    await expectIamError(execute(DeletePolicyWithDependents, { PolicyArn: arn }, admin), "AccessDenied", /its DetachGroupPolicy step was denied/);
    expect(await snapshot(acct.accountId)).toBe(before.content);
    const { Removed } = await execute(DeletePolicyWithDependents, { PolicyArn: arn }, acct.root);
    expect(Removed).toEqual({ Users: 1, Groups: 1, Roles: 1 });
    expect(await db.managedPolicy.count({ where: { arn } })).toBe(0);
  });
});

describe("second authorizations are declared and audited by execute()", () => {
  it("audits a rename without rights on the new ARN as Denied on user/robert, and renames nothing", async () => {
    await createUser(acct.accountId, "bob");
    const renamer = await createUser(acct.accountId, "renamer", {
      inline: { RenameBob: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:UpdateUser", Resource: userArn(acct.accountId, "bob") }] } },
    });
    const before = await state();
    const denied = (await expectIamError(execute(UpdateUser, { UserName: "bob", NewUserName: "robert" }, renamer), "AccessDenied")) as AccessDeniedError;
    expect(denied.resource).toBe(userArn(acct.accountId, "robert"));
    expect(await snapshot(acct.accountId)).toBe(before.content);
    const events = (await auditEvents(acct.accountId)).slice(before.events);
    expect(events.map((e) => [e.action, e.resource, e.result])).toEqual([["iam:UpdateUser", userArn(acct.accountId, "robert"), "Denied"]]);
    // Allowed on both: both decisions are audited, each with its own resource.
    await execute(UpdateUser, { UserName: "bob", NewUserName: "robert" }, acct.root);
    const allowed = (await auditEvents(acct.accountId)).slice(-2);
    expect(allowed.map((e) => [e.resource, e.result])).toEqual([
      [userArn(acct.accountId, "bob"), "Allowed"],
      [userArn(acct.accountId, "robert"), "Allowed"],
    ]);
  });

  it("needs iam:EnableMFADevice on the user to prepare a device for someone else, audited under that action", async () => {
    await createUser(acct.accountId, "ivy");
    const preparer = await createUser(acct.accountId, "preparer", {
      inline: { CreateOnly: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:CreateVirtualMFADevice", Resource: "*" }] } },
    });
    const before = await state();
    await expectIamError(execute(CreateVirtualMFADevice, { VirtualMFADeviceName: "ivy-phone", UserName: "ivy" }, preparer), "AccessDenied", /iam:EnableMFADevice/);
    expect(await rowCounts()).toEqual(before.counts);
    const events = (await auditEvents(acct.accountId)).slice(before.events);
    expect(events.map((e) => [e.action, e.resource, e.result])).toEqual([["iam:EnableMFADevice", userArn(acct.accountId, "ivy"), "Denied"]]);
  });

  it("attaches several policies all or nothing: a Deny on the second by iam:PolicyARN attaches neither", async () => {
    await createUser(acct.accountId, "jo");
    const second = managed("AdministratorAccess");
    const admin = await createUser(acct.accountId, "admin", {
      policies: [managed("IAMFullAccess")],
      inline: {
        NoAdmin: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "iam:AttachUserPolicy", Resource: "*", Condition: { ArnEquals: { "iam:PolicyARN": second } } }] },
      },
    });
    const before = await state();
    await expectIamError(execute(AttachUserPolicies, { UserName: "jo", PolicyArns: [managed("IAMReadOnlyAccess"), second] }, admin), "AccessDenied", /its AttachUserPolicy step was denied/);
    expect(await snapshot(acct.accountId)).toBe(before.content);
  });
});

describe("SetUserTags and SetConsolePassword", () => {
  it("saves a tag set as the difference (UntagUser, TagUser), all or nothing", async () => {
    await createUser(acct.accountId, "kim", { tags: { team: "web", old: "x" } });
    await execute(SetUserTags, { UserName: "kim", Tags: [{ Key: "team", Value: "api" }, { Key: "new", Value: "y" }] }, acct.root);
    const User = namedUser(await execute(GetUser, { UserName: "kim" }, acct.root));
    expect(User.Tags).toEqual([
      { Key: "new", Value: "y" },
      { Key: "team", Value: "api" },
    ]);
    const untagger = await adminDenied("admin", ["iam:UntagUser"]);
    const before = await state();
    await expectIamError(execute(SetUserTags, { UserName: "kim", Tags: [] }, untagger), "AccessDenied", /its UntagUser step was denied/);
    expect(await snapshot(acct.accountId)).toBe(before.content);
  });

  it("lets a user who must reset change their password through the account password policy, attaching nothing", async () => {
    await createUser(acct.accountId, "lee");
    await db.passwordPolicy.create({ data: { accountId: acct.accountId, minimumPasswordLength: 12, passwordReusePrevention: 3, allowUsersToChangePassword: false } });
    const first = await execute(SetConsolePassword, { UserName: "lee", PasswordResetRequired: true }, acct.root);
    expect(first).toMatchObject({ Created: true, ChangePasswordGrant: "AccountPasswordPolicy" });
    expect(first.GeneratedPassword).toBeDefined();
    // Only AllowUsersToChangePassword changed; every other rule is kept.
    expect(await db.passwordPolicy.findUnique({ where: { accountId: acct.accountId } })).toMatchObject({ allowUsersToChangePassword: true, minimumPasswordLength: 12, passwordReusePrevention: 3 });
    expect(await db.userPolicyAttachment.count({ where: { user: { name: "lee", accountId: acct.accountId } } })).toBe(0);
    // Now the engine lets lee change it: a second reset changes nothing more.
    const second = await execute(SetConsolePassword, { UserName: "lee", Password: "Another-Password-9!", PasswordResetRequired: true }, acct.root);
    expect(second).toEqual({ Created: false, ChangePasswordGrant: "AlreadyAllowed" });
  });

  it("attaches IAMUserChangePassword when the caller may not change the password policy", async () => {
    await createUser(acct.accountId, "max");
    const admin = await adminDenied("helpdesk", ["iam:UpdateAccountPasswordPolicy"]);
    const out = await execute(SetConsolePassword, { UserName: "max", PasswordResetRequired: true }, admin);
    expect(out.ChangePasswordGrant).toBe("IAMUserChangePassword");
    expect(await db.passwordPolicy.findUnique({ where: { accountId: acct.accountId } })).toBeNull();
    const attached = await db.userPolicyAttachment.findMany({ where: { user: { name: "max", accountId: acct.accountId } }, include: { policy: true } });
    expect(attached.map((a) => a.policy.arn)).toEqual([CHANGE_PASSWORD_POLICY_ARN]);
  });
});

describe("RemoveMFADevice", () => {
  it("deactivates the device and records a denied deletion without undoing the deactivation", async () => {
    const nia = await createUser(acct.accountId, "nia");
    const serial = `arn:aws:iam::${acct.accountId}:mfa/nia`;
    await db.mfaDevice.create({ data: { accountId: acct.accountId, serialNumber: serial, name: "nia", userId: nia.userId, secretCiphertext: "sealed", enabledAt: new Date() } });
    const admin = await adminDenied("admin", ["iam:DeleteVirtualMFADevice"]);
    const { Deleted } = await execute(RemoveMFADevice, { UserName: "nia", SerialNumber: serial }, admin);
    expect(Deleted).toBe(false);
    expect(await db.mfaDevice.findUnique({ where: { serialNumber: serial } })).toMatchObject({ userId: null, enabledAt: null });
    expect((await auditEvents(acct.accountId)).map((e) => [e.action, e.result])).toEqual([
      ["iam:DeactivateMFADevice", "Allowed"],
      ["iam:DeleteVirtualMFADevice", "Denied"],
    ]);
  });
});

describe("the caller's policy set is loaded once per request", () => {
  it("reuses it across a request's reads, and reloads it after a change made in the same request", async () => {
    const reader = await createUser(acct.accountId, "reader", { policies: [managed("IAMFullAccess")] });
    const caller = { ...reader, scope: new RequestScope() };
    await execute(ListUsers, {}, caller);
    await execute(GetUser, { UserName: "reader" }, caller);
    await execute(ListUsers, { IncludeConsoleColumns: true }, caller);
    expect(caller.scope.counts).toEqual({ operations: 3, policySetLoads: 1 });
    await execute(SetUserTags, { UserName: "reader", Tags: [{ Key: "team", Value: "x" }] }, caller);
    await execute(GetUser, { UserName: "reader" }, caller);
    expect(caller.scope.counts).toEqual({ operations: 5, policySetLoads: 2 });
  });
});

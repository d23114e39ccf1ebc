// GetCallerPermissions: what the signed-in caller may do, asked once per page, answered as the real
// operations would be decided (their resources, context, built-in policies), without running them.

import { describe, expect, it } from "vitest";
import { RequestScope, type Caller } from "@/lib/auth/caller";
import { AccessDeniedError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { CreateAccountAlias } from "@/lib/iam/account/aliases";
import { CreateAccessKey } from "@/lib/iam/credentials/accessKeys";
import { DeactivateMFADevice } from "@/lib/iam/credentials/mfa";
import { ChangePassword } from "@/lib/iam/credentials/passwords";
import { CreateGroup } from "@/lib/iam/groups/groups";
import { FORCE_MFA_POLICY_NAME } from "@/lib/iam/policies/awsManaged";
import { AttachUserPolicy } from "@/lib/iam/policies/attachments";
import { GetCallerPermissions, type PermissionCheck } from "@/lib/iam/policies/callerPermissions";
import { DeleteUser } from "@/lib/iam/users/deletion";
import { CreateUser, ListUsers } from "@/lib/iam/users/users";
import { auditEvents, createAccount, createUser, db, expectIamError, managed, rowCounts } from "./support/fixtures";

const check = (caller: Caller, ...checks: PermissionCheck[]) => execute(GetCallerPermissions, { Checks: checks }, caller).then((out) => out.Permissions);
const withMfa = (caller: Caller): Caller => ({ ...caller, mfaAuthenticated: true, authTime: new Date(Date.now() - 60_000) });
const allow = (Action: string, Resource: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource }] });

describe("GetCallerPermissions", () => {
  it("denies a read-only user CreateUser because no policy allows it", async () => {
    const acct = await createAccount();
    const reader = await createUser(acct.accountId, "reader", { policies: [managed("IAMReadOnlyAccess")] });
    const [createUserCheck] = await check(reader, { Operation: CreateUser, Input: { UserName: "new-user" }, InputVaries: true });
    expect(createUserCheck).toMatchObject({ Operation: "CreateUser", Decision: "Denied", Action: "iam:CreateUser", Resource: `arn:aws:iam::${acct.accountId}:user/new-user` });
    expect(createUserCheck!.DeniedBy).toBeUndefined();
    expect(createUserCheck!.NeedsMFA).toBeUndefined();
    expect(createUserCheck!.Summary).toContain("no statement allows iam:CreateUser");
  });

  it("names the caller's permissions boundary when it, not a missing policy, is what denies", async () => {
    const acct = await createAccount();
    const capped = await createUser(acct.accountId, "capped", { policies: [managed("IAMFullAccess")] });
    await db.user.update({ where: { id: capped.userId }, data: { permissionsBoundaryArn: managed("IAMReadOnlyAccess") } });
    const [createUserCheck, listUsersCheck] = await check(capped, { Operation: CreateUser, Input: { UserName: "new-user" }, InputVaries: true }, { Operation: ListUsers, Input: {} });
    expect(createUserCheck).toMatchObject({ Decision: "Denied", DeniedByBoundary: expect.stringContaining("IAMReadOnlyAccess") });
    expect(createUserCheck!.Summary).toContain("permissions boundary");
    expect(listUsersCheck).toMatchObject({ Decision: "Allowed" });
    expect(listUsersCheck!.DeniedByBoundary).toBeUndefined();
  });

  it("says Depends for a path-scoped grant while the path is still to be typed, and decides the typed one exactly", async () => {
    const acct = await createAccount();
    const interns = `arn:aws:iam::${acct.accountId}:user/interns/*`;
    const mentor = await createUser(acct.accountId, "mentor", { inline: { CreateInterns: allow("iam:CreateUser", interns) } });

    const [open] = await check(mentor, { Operation: CreateUser, Input: { UserName: "new-user" }, InputVaries: true });
    expect(open).toMatchObject({ Decision: "Depends", AllowedResources: [interns] });

    const [inside, outside] = await check(
      mentor,
      { Operation: CreateUser, Input: { UserName: "ivy", Path: "/interns/" } },
      { Operation: CreateUser, Input: { UserName: "ivy", Path: "/staff/" } },
    );
    expect(inside!.Decision).toBe("Allowed");
    expect(outside).toMatchObject({ Decision: "Denied", Resource: `arn:aws:iam::${acct.accountId}:user/staff/ivy` });
  });

  it("names the ForceMFA Deny and flags MFA for a session without it, and allows the same with MFA", async () => {
    const acct = await createAccount();
    const newcomer = await createUser(acct.accountId, "newcomer", { policies: [managed(FORCE_MFA_POLICY_NAME)] });

    const [key] = await check(newcomer, { Operation: CreateAccessKey, Input: {} });
    expect(key).toMatchObject({
      Decision: "Denied",
      Action: "iam:CreateAccessKey",
      NeedsMFA: true,
      DeniedBy: { PolicyName: expect.stringContaining(FORCE_MFA_POLICY_NAME), Statement: "DenyAllExceptListedIfNoMFA" },
    });
    const [afterMfa] = await check(withMfa(newcomer), { Operation: CreateAccessKey, Input: {} });
    expect(afterMfa!.Decision).toBe("Allowed");
  });

  it("allows the root user everything", async () => {
    const acct = await createAccount();
    const results = await check(
      acct.root,
      { Operation: CreateUser, Input: { UserName: "new-user" }, InputVaries: true },
      { Operation: CreateGroup, Input: { GroupName: "new-group" }, InputVaries: true },
      { Operation: CreateAccountAlias, Input: { AccountAlias: "new-alias" }, InputVaries: true },
      { Operation: CreateAccessKey, Input: {} },
      { Operation: DeleteUser, Input: { UserName: "nobody" } },
    );
    expect(results.map((r) => r.Decision)).toEqual(["Allowed", "Allowed", "Allowed", "Allowed", "Allowed"]);
  });

  it("weighs each operation's built-in policies: the password policy's grant and the MFA guard rail", async () => {
    const acct = await createAccount();
    await db.passwordPolicy.create({ data: { accountId: acct.accountId, allowUsersToChangePassword: true } });
    const nobody = await createUser(acct.accountId, "nobody");
    const admin = await createUser(acct.accountId, "admin", { policies: [managed("AdministratorAccess")] });
    await db.mfaDevice.create({
      data: { accountId: acct.accountId, serialNumber: `arn:aws:iam::${acct.accountId}:mfa/admin`, name: "admin", userId: admin.userId, secretCiphertext: "sealed", enabledAt: new Date() },
    });

    const [change] = await check(nobody, { Operation: ChangePassword, Input: { OldPassword: "Old-Password-1", NewPassword: "New-Password-2" } });
    expect(change!.Decision).toBe("Allowed");
    const [removeOwn] = await check(admin, { Operation: DeactivateMFADevice, Input: { SerialNumber: `arn:aws:iam::${acct.accountId}:mfa/admin` } });
    expect(removeOwn).toMatchObject({ Decision: "Denied", NeedsMFA: true, DeniedBy: { Statement: "SignInWithMFAToRemoveYourOwnMFADevice" } });
  });

  it("says Depends when a Deny or an Allow tests what is still to be chosen, such as the policy to attach", async () => {
    const acct = await createAccount();
    const readOnlyArn = managed("IAMReadOnlyAccess");
    const attacher = await createUser(acct.accountId, "attacher", {
      inline: {
        AttachReadOnly: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "iam:AttachUserPolicy", Resource: "*", Condition: { ArnEquals: { "iam:PolicyARN": [readOnlyArn] } } }],
        },
      },
    });
    await createUser(acct.accountId, "target");
    const placeholder = { UserName: "target", PolicyArn: `arn:aws:iam::${acct.accountId}:policy/any-policy` };
    const [open, fixed] = await check(attacher, { Operation: AttachUserPolicy, Input: placeholder, InputVaries: true }, { Operation: AttachUserPolicy, Input: placeholder });
    expect(open!.Decision).toBe("Depends");
    expect(fixed!.Decision).toBe("Denied");
  });

  it("loads the caller's policies once, writes one audit event, and changes nothing", async () => {
    const acct = await createAccount();
    const reader = await createUser(acct.accountId, "reader", { policies: [managed("IAMReadOnlyAccess")] });
    const caller = { ...reader, scope: new RequestScope() };
    const counts = await rowCounts();
    const before = (await auditEvents(acct.accountId)).length;
    await check(
      caller,
      { Operation: CreateUser, Input: { UserName: "a" }, InputVaries: true },
      { Operation: CreateGroup, Input: { GroupName: "b" }, InputVaries: true },
      { Operation: CreateAccessKey, Input: {} },
    );
    expect(caller.scope.counts.policySetLoads).toBe(1);
    const events = await auditEvents(acct.accountId);
    expect(events.slice(before)).toEqual([expect.objectContaining({ action: "iam:GetCallerPermissions", resource: reader.arn, result: "Allowed", readOnly: true })]);
    expect(await rowCounts()).toEqual(counts);
  });

  it("is the caller's own question: allowed without any policy, refused by an explicit Deny", async () => {
    const acct = await createAccount();
    const nobody = await createUser(acct.accountId, "nobody");
    expect((await check(nobody, { Operation: CreateUser, Input: { UserName: "x" } }))[0]!.Decision).toBe("Denied");
    const walledOff = await createUser(acct.accountId, "walled", { inline: { DenyAll: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] } } });
    const denied = await expectIamError(check(walledOff, { Operation: CreateUser, Input: { UserName: "x" } }), "AccessDenied");
    expect((denied as AccessDeniedError).action).toBe("iam:GetCallerPermissions");
  });

  it("checks each input against its operation's own rules", async () => {
    const acct = await createAccount();
    await expectIamError(check(acct.root, { Operation: CreateUser, Input: { UserName: "no spaces allowed" } }), "ValidationError", /^Checks\[0\] \(CreateUser\): /);
    await expectIamError(execute(GetCallerPermissions, { Checks: [{ Operation: "CreateUser", Input: {} }] }, acct.root), "ValidationError");
  });
});

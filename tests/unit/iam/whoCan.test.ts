// ListPrincipalsWithAccess ("who can"), with cases written from the IAM User Guide's policies: an
// administrators group (AdministratorAccess), an explicit Deny that removes one administrator, a
// permissions boundary that limits another (the guide's "delegate with a boundary" pattern), a role,
// NotAction (the guide's "allow everything except IAM"), wildcards, policy variables
// (${aws:username}) and an MFA condition (the guide's "allow only with MFA").

import { beforeEach, describe, expect, it } from "vitest";
import { executedStatements } from "@/lib/db/client";
import { execute } from "@/lib/iam/core/operation";
import { ListPrincipalsWithAccess } from "@/lib/iam/policies/whoCan";
import { groupArn, roleArn, userArn } from "@/lib/policy";
import { createAccount, createCustomerPolicy, createGroup, createRole, createUser, db, expectIamError, managed, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });

async function whoCan(input: Record<string, unknown>) {
  return execute(ListPrincipalsWithAccess, input, acct.root);
}

const rowsOf = (out: Awaited<ReturnType<typeof whoCan>>) => out.Principals.map((p) => [p.PrincipalType, p.PrincipalName, p.Decision]);

describe("ListPrincipalsWithAccess", () => {
  it("lists the administrators group and its members for iam:DeleteUser on user/*, naming the statement and the group it comes through", async () => {
    const admins = await createGroup(acct.accountId, "Administrators", [managed("AdministratorAccess")]);
    await createUser(acct.accountId, "alice", { groupIds: [admins] });
    await createUser(acct.accountId, "bob", { groupIds: [admins] });
    await createUser(acct.accountId, "reader", { policies: [managed("IAMReadOnlyAccess")] });
    const out = await whoCan({ ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "*") });
    expect(rowsOf(out)).toEqual([
      ["user", "alice", "allowed"],
      ["user", "bob", "allowed"],
      ["group", "Administrators", "allowed"],
    ]);
    expect(out.Principals[0]!.DecidingStatements).toEqual([expect.objectContaining({ PolicyName: "AdministratorAccess", PolicyKind: "aws-managed", ViaGroup: "Administrators", Statement: "#0", Effect: "Allow" })]);
    expect(out.Principals[2]).toMatchObject({ PrincipalArn: groupArn(acct.accountId, "Administrators"), MemberCount: 2 });
    expect(out.Counts).toEqual({ allowed: 3, allowedWhen: 0, limitedByBoundary: 0, explicitDeny: 0 });
  });

  it("shows a principal an explicit Deny removes, with the Deny that does it, after those allowed", async () => {
    await createUser(acct.accountId, "admin", { policies: [managed("AdministratorAccess")] });
    await createUser(acct.accountId, "careful", {
      policies: [managed("AdministratorAccess")],
      inline: { NoUserDeletion: doc({ Sid: "DenyDeleteUser", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" }) },
    });
    const out = await whoCan({ ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "*") });
    expect(rowsOf(out)).toEqual([
      ["user", "admin", "allowed"],
      ["user", "careful", "explicitDeny"],
    ]);
    expect(out.Principals[1]!.DecidingStatements).toEqual([expect.objectContaining({ PolicyName: "NoUserDeletion", PolicyKind: "inline", Statement: "DenyDeleteUser", Effect: "Deny" })]);
    expect(out.Principals[1]!.Summary).toMatch(/Explicitly denied/);
    // A Deny on another action is a limit of nothing here: the admin is plainly allowed.
    const filtered = await whoCan({ ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "*"), Decision: "explicitDeny" });
    expect(rowsOf(filtered)).toEqual([["user", "careful", "explicitDeny"]]);
    expect(filtered.Counts.allowed).toBe(1);
  });

  it("marks a principal whose permissions boundary refuses what its identity policy allows as limited by the boundary, not allowed", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "OnlyReads", doc({ Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" }));
    await createUser(acct.accountId, "delegate", { policies: [managed("AdministratorAccess")] });
    await db.user.update({ where: { arn: userArn(acct.accountId, "delegate") }, data: { permissionsBoundaryArn: boundary } });
    const deleting = await whoCan({ ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "*") });
    expect(rowsOf(deleting)).toEqual([["user", "delegate", "limitedByBoundary"]]);
    expect(deleting.Principals[0]).toMatchObject({ PermissionsBoundaryArn: boundary, DecidingStatements: [expect.objectContaining({ PolicyName: "AdministratorAccess" })] });
    expect(deleting.Principals[0]!.Summary).toMatch(/permissions boundary "OnlyReads v1" does not/);
    const reading = await whoCan({ ActionName: "iam:GetUser", ResourceArn: userArn(acct.accountId, "*") });
    expect(rowsOf(reading)).toEqual([["user", "delegate", "allowed"]]);
  });

  it("lists roles, noting that session policies may narrow a session", async () => {
    await createRole(acct.accountId, "IamAdmin");
    await db.rolePolicyAttachment.create({ data: { role: { connect: { arn: roleArn(acct.accountId, "IamAdmin") } }, policy: { connect: { arn: managed("IAMFullAccess") } } } });
    const out = await whoCan({ ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "*") });
    expect(rowsOf(out)).toEqual([["role", "IamAdmin", "allowed"]]);
    expect(out.Principals[0]).toMatchObject({ SessionPoliciesMayLimit: true, DecidingStatements: [expect.objectContaining({ PolicyName: "IAMFullAccess" })] });
  });

  it("decides NotAction and wildcards as the engine does: everything except IAM does not reach iam:DeleteUser", async () => {
    await createUser(acct.accountId, "power", { inline: { PowerUser: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) } });
    await createUser(acct.accountId, "deleter", { inline: { Deletes: doc({ Effect: "Allow", Action: "iam:Delete*", Resource: `arn:aws:iam::${acct.accountId}:user/*` }) } });
    await createUser(acct.accountId, "narrow", { inline: { OneUser: doc({ Effect: "Allow", Action: "iam:DeleteUser", Resource: userArn(acct.accountId, "intern") }) } });
    expect(rowsOf(await whoCan({ ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "*") }))).toEqual([["user", "deleter", "allowed"]]);
    // Deleting one particular user: the narrow grant names it.
    expect(rowsOf(await whoCan({ ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "intern") }))).toEqual([
      ["user", "deleter", "allowed"],
      ["user", "narrow", "allowed"],
    ]);
    expect(rowsOf(await whoCan({ ActionName: "s3:GetObject", ResourceArn: "arn:aws:s3:::reports/q1.csv" }))).toEqual([["user", "power", "allowed"]]);
  });

  it("weighs each user's own ${aws:username}: only alice may change alice's password", async () => {
    const everyone = await createGroup(acct.accountId, "Everyone", [managed("IAMUserChangePassword")]);
    await createUser(acct.accountId, "alice", { groupIds: [everyone] });
    await createUser(acct.accountId, "bob", { groupIds: [everyone] });
    const out = await whoCan({ ActionName: "iam:ChangePassword", ResourceArn: userArn(acct.accountId, "alice") });
    expect(rowsOf(out)).toEqual([["user", "alice", "allowed"]]);
  });

  it("reports a grant that hangs on a condition the question does not give as allowed only when it holds, and allowed once it is given", async () => {
    await createUser(acct.accountId, "mfa-admin", {
      inline: { AdminWithMfa: doc({ Sid: "AllowWithMfa", Effect: "Allow", Action: "iam:*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }) },
    });
    const open = await whoCan({ ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "*") });
    expect(rowsOf(open)).toEqual([["user", "mfa-admin", "allowedWhen"]]);
    expect(open.Principals[0]).toMatchObject({
      Conditions: [{ Operator: "Bool", Key: "aws:MultiFactorAuthPresent", Values: ["true"] }],
      DecidingStatements: [expect.objectContaining({ Statement: "AllowWithMfa", ConditionKeys: ["aws:MultiFactorAuthPresent"] })],
    });
    const withMfa = await whoCan({ ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "*"), ContextEntries: [{ ContextKeyName: "aws:MultiFactorAuthPresent", ContextKeyValues: ["true"] }] });
    expect(rowsOf(withMfa)).toEqual([["user", "mfa-admin", "allowed"]]);
    const withoutMfa = await whoCan({ ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "*"), ContextEntries: [{ ContextKeyName: "aws:MultiFactorAuthPresent", ContextKeyValues: ["false"] }] });
    expect(rowsOf(withoutMfa)).toEqual([]);
  });

  it("shows a Deny that applies under a condition not given as a limit of an allowed principal", async () => {
    await createUser(acct.accountId, "office-admin", {
      policies: [managed("AdministratorAccess")],
      inline: { OfficeOnly: doc({ Sid: "DenyOutsideOffice", Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "192.0.2.0/24" } } }) },
    });
    const out = await whoCan({ ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "*"), ContextEntries: [{ ContextKeyName: "aws:SourceIp", ContextKeyValues: ["192.0.2.7"] }] });
    expect(rowsOf(out)).toEqual([["user", "office-admin", "allowed"]]);
    const outside = await whoCan({ ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "*"), ContextEntries: [{ ContextKeyName: "aws:SourceIp", ContextKeyValues: ["203.0.113.9"] }] });
    expect(rowsOf(outside)).toEqual([["user", "office-admin", "explicitDeny"]]);
  });

  it("pages through the principals, the counts covering all of them", async () => {
    const admins = await createGroup(acct.accountId, "Admins", [managed("AdministratorAccess")]);
    for (const name of ["a1", "a2", "a3", "a4"]) await createUser(acct.accountId, name, { groupIds: [admins] });
    const first = await whoCan({ ActionName: "iam:CreateUser", MaxItems: 3 });
    expect(rowsOf(first).map((r) => r[1])).toEqual(["a1", "a2", "a3"]);
    expect(first).toMatchObject({ IsTruncated: true, Counts: { allowed: 5 } });
    const second = await whoCan({ ActionName: "iam:CreateUser", MaxItems: 3, Marker: first.Marker });
    expect(rowsOf(second).map((r) => r[1])).toEqual(["a4", "Admins"]);
    expect(second.IsTruncated).toBe(false);
  });

  it("sends the same number of SQL statements for an account of 3 principals as for one of 61", async () => {
    const statementsFor = async (users: number) => {
      acct = await createAccount();
      const admins = await createGroup(acct.accountId, "Admins", [managed("AdministratorAccess")]);
      for (let i = 0; i < users; i++) {
        await createUser(acct.accountId, `u${i}`, { groupIds: [admins], policies: [managed("IAMReadOnlyAccess")], tags: { team: "a" }, inline: { Own: doc({ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }) } });
        await createRole(acct.accountId, `r${i}`, { inline: { Own: doc({ Effect: "Allow", Action: "iam:*", Resource: "*" }) } });
      }
      const before = executedStatements();
      const out = await whoCan({ ActionName: "iam:DeleteUser", ResourceArn: userArn(acct.accountId, "*") });
      expect(out.Counts.allowed).toBe(users * 2 + 1);
      return executedStatements() - before;
    };
    expect(await statementsFor(30)).toBe(await statementsFor(1));
  });

  it("needs iam:GetAccountAuthorizationDetails, since it reveals every principal's policies, and refuses a wildcard action", async () => {
    const reader = await createUser(acct.accountId, "reader", { inline: { Sim: doc({ Effect: "Allow", Action: "iam:SimulatePrincipalPolicy", Resource: "*" }) } });
    await expectIamError(execute(ListPrincipalsWithAccess, { ActionName: "iam:DeleteUser" }, reader), "AccessDenied", /iam:GetAccountAuthorizationDetails/);
    const auditor = await createUser(acct.accountId, "auditor", { policies: [managed("IAMReadOnlyAccess")] });
    expect((await execute(ListPrincipalsWithAccess, { ActionName: "iam:DeleteUser" }, auditor)).Principals).toEqual([]);
    await expectIamError(whoCan({ ActionName: "iam:Delete*" }), "ValidationError", /no wildcards/);
  });
});

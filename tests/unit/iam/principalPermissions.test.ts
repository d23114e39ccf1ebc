// ListPrincipalPermissions ("everything P can do"), with cases written from the IAM User Guide's and
// AWS's managed policies: IAMReadOnlyAccess (wildcards expanded over AWS's catalog), a group-inherited
// grant, a Deny that removes an action and one that narrows its resources, a permissions boundary on
// a role, NotAction, a condition on a key not given, and ${aws:username} (IAMUserChangePassword).

import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { ListPrincipalPermissions, type ListPrincipalPermissionsOutput } from "@/lib/iam/policies/principalPermissions";
import { policyArn, roleArn, userArn } from "@/lib/policy";
import { createAccount, createCustomerPolicy, createGroup, createRole, createUser, db, expectIamError, managed, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });

async function permissions(arn: string, input: Record<string, unknown> = {}) {
  return execute(ListPrincipalPermissions, { PolicySourceArn: arn, ...input }, acct.root);
}

const service = (out: ListPrincipalPermissionsOutput, key: string) => out.Services.find((s) => s.Service === key);
const action = (out: ListPrincipalPermissionsOutput, name: string) => service(out, name.split(":")[0]!)?.Actions.find((a) => a.ActionName === name);

describe("ListPrincipalPermissions", () => {
  it("expands IAMReadOnlyAccess's wildcards over AWS's catalog: every iam Get and List action, no Write action", async () => {
    const user = await createUser(acct.accountId, "reader", { policies: [managed("IAMReadOnlyAccess")] });
    const out = await permissions(user.arn);
    expect(out.Services.map((s) => s.Service)).toEqual(["iam"]);
    const iam = service(out, "iam")!;
    expect(iam.CatalogActionCount).toBeGreaterThan(150);
    const names = iam.Actions.map((a) => a.ActionName);
    expect(names).toEqual(expect.arrayContaining(["iam:GetUser", "iam:ListUsers", "iam:ListRoles", "iam:GetPolicyVersion", "iam:SimulatePrincipalPolicy", "iam:GenerateCredentialReport"]));
    expect(names).not.toContain("iam:CreateUser");
    expect(names.every((n) => /^iam:(Get|List|Simulate|Generate)/.test(n))).toBe(true);
    expect(iam.AllowedActionCount).toBe(names.length);
    expect(action(out, "iam:ListUsers")).toMatchObject({ AccessLevel: "List", Grants: [{ Resource: "*", Decision: "allowed", DecidingStatements: [expect.objectContaining({ PolicyName: "IAMReadOnlyAccess" })] }] });
  });

  it("includes what a user inherits from its groups, saying which group", async () => {
    const ops = await createGroup(acct.accountId, "Ops", [managed("IAMFullAccess")]);
    const user = await createUser(acct.accountId, "oncall", { groupIds: [ops] });
    const out = await permissions(user.arn, { Service: "iam" });
    expect(action(out, "iam:CreateUser")!.Grants[0]!.DecidingStatements).toEqual([expect.objectContaining({ PolicyName: "IAMFullAccess", ViaGroup: "Ops" })]);
    const group = await permissions(`arn:aws:iam::${acct.accountId}:group/Ops`, { Service: "iam" });
    expect(group.PrincipalType).toBe("group");
    expect(action(group, "iam:CreateUser")!.Grants[0]!.DecidingStatements[0]).not.toHaveProperty("ViaGroup");
  });

  it("shows a Deny that removes an action, and a Deny on some resources as a limit of the grant", async () => {
    const user = await createUser(acct.accountId, "s3user", {
      inline: {
        S3: doc(
          { Sid: "AllS3", Effect: "Allow", Action: "s3:*", Resource: "*" },
          { Sid: "NoBucketDeletion", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" },
          { Sid: "NotTheSecrets", Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::secrets/*" },
        ),
      },
    });
    const out = await permissions(user.arn, { Service: "s3" });
    expect(action(out, "s3:DeleteBucket")!.Grants).toEqual([expect.objectContaining({ Resource: "*", Decision: "explicitDeny", DecidingStatements: [expect.objectContaining({ Statement: "NoBucketDeletion" })] })]);
    expect(action(out, "s3:GetObject")!.Grants[0]).toMatchObject({
      Decision: "allowed",
      Limits: [{ Kind: "resources", Statement: expect.objectContaining({ Statement: "NotTheSecrets", Effect: "Deny" }), Resources: ["arn:aws:s3:::secrets/*"] }],
    });
    const s3 = service(out, "s3")!;
    expect(s3.AllowedActionCount).toBe(s3.CatalogActionCount - 1);
  });

  it("shows a role's permissions boundary refusing what AdministratorAccess allows", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "ListOnly", doc({ Effect: "Allow", Action: "iam:List*", Resource: "*" }));
    await createRole(acct.accountId, "Bounded", { boundary });
    await db.rolePolicyAttachment.create({ data: { role: { connect: { arn: roleArn(acct.accountId, "Bounded") } }, policy: { connect: { arn: managed("AdministratorAccess") } } } });
    const out = await permissions(roleArn(acct.accountId, "Bounded"), { Service: "iam" });
    expect(out).toMatchObject({ PrincipalType: "role", PermissionsBoundaryArn: policyArn(acct.accountId, "ListOnly"), SessionPoliciesMayLimit: true });
    expect(action(out, "iam:ListRoles")!.Grants[0]!.Decision).toBe("allowed");
    expect(action(out, "iam:DeleteRole")!.Grants[0]).toMatchObject({ Decision: "limitedByBoundary", DecidingStatements: [expect.objectContaining({ PolicyName: "AdministratorAccess" })] });
    expect(service(out, "iam")!.AllowedActionCount).toBe(service(out, "iam")!.Actions.filter((a) => a.ActionName.startsWith("iam:List")).length);
  });

  it("pages AdministratorAccess by service and expands NotAction to every service but the one it names", async () => {
    const admin = await createUser(acct.accountId, "admin", { policies: [managed("AdministratorAccess")] });
    const first = await permissions(admin.arn, { MaxItems: 2 });
    expect(first.ServiceCount).toBeGreaterThan(300);
    expect(first.Services).toHaveLength(2);
    expect(first.IsTruncated).toBe(true);
    const second = await permissions(admin.arn, { MaxItems: 2, Marker: first.Marker });
    expect(second.Services[0]!.Service > first.Services[1]!.Service).toBe(true);
    expect(first.Services.every((s) => s.AllowedActionCount === s.CatalogActionCount)).toBe(true);

    const power = await createUser(acct.accountId, "power", { inline: { PowerUser: doc({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }) } });
    const out = await permissions(power.arn, { MaxItems: 1000 });
    expect(out.Services.map((s) => s.Service)).not.toContain("iam");
    expect(out.Services.map((s) => s.Service)).toEqual(expect.arrayContaining(["s3", "ec2", "sts"]));
    expect(out.ServiceCount).toBe(first.ServiceCount - 2);
  });

  it("reports an action whose grant hangs on a key not given as allowed only when the condition holds", async () => {
    const user = await createUser(acct.accountId, "regional", {
      inline: { EuOnly: doc({ Sid: "Eu", Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } }) },
    });
    const out = await permissions(user.arn);
    expect(action(out, "ec2:DescribeInstances")!.Grants[0]).toMatchObject({ Decision: "allowedWhen", Conditions: [{ Operator: "StringEquals", Key: "aws:RequestedRegion", Values: ["eu-west-1"] }] });
    expect(service(out, "ec2")!.AllowedActionCount).toBe(0);
    const given = await permissions(user.arn, { ContextEntries: [{ ContextKeyName: "aws:RequestedRegion", ContextKeyValues: ["eu-west-1"] }] });
    expect(action(given, "ec2:DescribeInstances")!.Grants[0]!.Decision).toBe("allowed");
  });

  it("asks about the principal's own resources for ${aws:username}, and keeps an action the catalog does not list", async () => {
    const user = await createUser(acct.accountId, "alice", {
      policies: [managed("IAMUserChangePassword")],
      inline: { Own: doc({ Effect: "Allow", Action: "iam:GetCallerPermissions", Resource: "*" }) },
    });
    const out = await permissions(user.arn);
    expect(action(out, "iam:ChangePassword")!.Grants.map((g) => [g.Resource, g.Decision])).toEqual([
      ["arn:aws:iam::*:user/alice", "allowed"],
      ["arn:aws:iam::*:user/*/alice", "allowed"],
    ]);
    expect(action(out, "iam:GetCallerPermissions")).toMatchObject({ Grants: [expect.objectContaining({ Decision: "allowed" })] });
    expect(action(out, "iam:GetCallerPermissions")).not.toHaveProperty("AccessLevel");
  });

  it("answers NoSuchEntity for a principal not in the account and InvalidInput for an ARN that is not a user, group or role", async () => {
    await expectIamError(permissions(userArn(acct.accountId, "ghost")), "NoSuchEntity", /No IAM user/);
    await expectIamError(permissions(managed("AdministratorAccess")), "InvalidInput", /not the ARN of an IAM user, group or role/);
    const user = await createUser(acct.accountId, "nobody");
    expect((await permissions(user.arn)).Services).toEqual([]);
  });

  it("needs iam:SimulatePrincipalPolicy on the principal", async () => {
    const target = await createUser(acct.accountId, "target", { policies: [managed("IAMReadOnlyAccess")] });
    const self = await createUser(acct.accountId, "self", { inline: { SimulateSelf: doc({ Effect: "Allow", Action: "iam:SimulatePrincipalPolicy", Resource: userArn(acct.accountId, "self") }) } });
    await expectIamError(execute(ListPrincipalPermissions, { PolicySourceArn: target.arn }, self), "AccessDenied", /iam:SimulatePrincipalPolicy/);
    expect((await execute(ListPrincipalPermissions, { PolicySourceArn: self.arn }, self)).Services.map((s) => s.Service)).toEqual(["iam"]);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { GetAccountAuthorizationDetails } from "@/lib/iam/account/authorizationDetails";
import { execute } from "@/lib/iam/core/operation";
import { auditEvents, createAccount, createCustomerPolicy, createGroup, createRole, createUser, db, expectIamError, managed, type TestAccount } from "./support/fixtures";

const policy = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const READ = policy({ Effect: "Allow", Action: "iam:GetUser", Resource: "*" });

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const details = (input: Record<string, unknown> = {}, caller = acct.root) => execute(GetAccountAuthorizationDetails, input, caller);

describe("GetAccountAuthorizationDetails", () => {
  it("describes every user, group, role and policy in AWS's shapes", async () => {
    const teamPolicy = await createCustomerPolicy(acct.accountId, "TeamAccess", READ);
    await db.policyVersion.create({ data: { policy: { connect: { arn: teamPolicy } }, versionId: "v2", document: JSON.stringify(policy({ Effect: "Allow", Action: "iam:ListUsers", Resource: "*" })) } });
    const groupId = await createGroup(acct.accountId, "Team", [teamPolicy]);
    await db.inlinePolicy.create({ data: { groupId, name: "GroupInline", nameLower: "groupinline", document: JSON.stringify(READ) } });
    const alice = await createUser(acct.accountId, "alice", { tags: { team: "web" }, groupIds: [groupId], policies: [managed("IAMReadOnlyAccess")], inline: { Own: READ } });
    await db.user.update({ where: { id: alice.userId }, data: { permissionsBoundaryArn: teamPolicy } });
    const role = await createRole(acct.accountId, "Deployer", { tags: { env: "prod" }, inline: { RoleInline: READ }, boundary: teamPolicy });

    const out = await details();
    expect(out.IsTruncated).toBe(false);
    expect(out.Marker).toBeUndefined();
    expect(out.UserDetailList).toEqual([
      {
        Path: "/",
        UserName: "alice",
        UserId: alice.userId,
        Arn: alice.arn,
        CreateDate: expect.any(Date),
        UserPolicyList: [{ PolicyName: "Own", PolicyDocument: JSON.stringify(READ) }],
        GroupList: ["Team"],
        AttachedManagedPolicies: [{ PolicyName: "IAMReadOnlyAccess", PolicyArn: managed("IAMReadOnlyAccess") }],
        PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: teamPolicy },
        Tags: [{ Key: "team", Value: "web" }],
      },
    ]);
    expect(out.GroupDetailList).toEqual([
      {
        Path: "/",
        GroupName: "Team",
        GroupId: groupId,
        Arn: `arn:aws:iam::${acct.accountId}:group/Team`,
        CreateDate: expect.any(Date),
        GroupPolicyList: [{ PolicyName: "GroupInline", PolicyDocument: JSON.stringify(READ) }],
        AttachedManagedPolicies: [{ PolicyName: "TeamAccess", PolicyArn: teamPolicy }],
      },
    ]);
    expect(out.RoleDetailList).toEqual([
      {
        Path: "/",
        RoleName: "Deployer",
        RoleId: role.id,
        Arn: role.arn,
        CreateDate: expect.any(Date),
        AssumeRolePolicyDocument: role.trustPolicy,
        InstanceProfileList: [],
        RolePolicyList: [{ PolicyName: "RoleInline", PolicyDocument: JSON.stringify(READ) }],
        AttachedManagedPolicies: [],
        PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: teamPolicy },
        Tags: [{ Key: "env", Value: "prod" }],
        RoleLastUsed: {},
      },
    ]);
    // The customer managed policy, then the one AWS managed policy something here attaches.
    expect(out.Policies.map((p) => [p.PolicyName, p.AttachmentCount, p.PermissionsBoundaryUsageCount])).toEqual([
      ["TeamAccess", 1, 2],
      ["IAMReadOnlyAccess", 1, 0],
    ]);
    const team = out.Policies[0]!;
    expect(team).toMatchObject({ Arn: teamPolicy, Path: "/", DefaultVersionId: "v1", IsAttachable: true });
    expect(team.PolicyVersionList).toEqual([
      { Document: JSON.stringify(READ), VersionId: "v1", IsDefaultVersion: true, CreateDate: expect.any(Date) },
      { Document: expect.stringContaining("iam:ListUsers"), VersionId: "v2", IsDefaultVersion: false, CreateDate: expect.any(Date) },
    ]);
  });

  it("lists only the entity types the Filter names", async () => {
    await createCustomerPolicy(acct.accountId, "TeamAccess", READ);
    await createUser(acct.accountId, "alice", { policies: [managed("IAMReadOnlyAccess")] });
    await createRole(acct.accountId, "Deployer");
    const only = async (Filter: string[]) => {
      const out = await details({ Filter });
      return [out.UserDetailList.length, out.GroupDetailList.length, out.RoleDetailList.length, out.Policies.map((p) => p.PolicyName)];
    };
    expect(await only(["Role"])).toEqual([0, 0, 1, []]);
    expect(await only(["User", "LocalManagedPolicy"])).toEqual([1, 0, 0, ["TeamAccess"]]);
    expect(await only(["AWSManagedPolicy"])).toEqual([0, 0, 0, ["IAMReadOnlyAccess"]]);
    expect(await only([])).toEqual([1, 0, 1, ["TeamAccess", "IAMReadOnlyAccess"]]);
    await expectIamError(details({ Filter: ["Users"] }), "ValidationError", /User, Role, Group, LocalManagedPolicy or AWSManagedPolicy/);
  });

  it("pages across the four lists together with MaxItems and Marker", async () => {
    for (const name of ["u1", "u2", "u3"]) await createUser(acct.accountId, name, { inline: { Own: READ } });
    await createGroup(acct.accountId, "g1");
    await createRole(acct.accountId, "r1");
    await createCustomerPolicy(acct.accountId, "p1", READ);
    const seen: string[][] = [];
    let Marker: string | undefined;
    do {
      const out = await details({ MaxItems: 2, Marker });
      seen.push([...out.UserDetailList.map((u) => u.UserName), ...out.GroupDetailList.map((g) => g.GroupName), ...out.RoleDetailList.map((r) => r.RoleName), ...out.Policies.map((p) => p.PolicyName)]);
      expect(out.IsTruncated).toBe(out.Marker !== undefined);
      Marker = out.Marker;
    } while (Marker);
    expect(seen).toEqual([["u1", "u2"], ["u3", "g1"], ["r1", "p1"]]);
  });

  it("is gated on iam:GetAccountAuthorizationDetails and shows only the caller's account", async () => {
    await createUser(acct.accountId, "alice");
    const other = await createAccount();
    await createUser(other.accountId, "outsider");
    expect((await details({}, other.root)).UserDetailList.map((u) => u.UserName)).toEqual(["outsider"]);
    const reader = await createUser(acct.accountId, "reader", { inline: { R: policy({ Effect: "Allow", Action: "iam:GetAccountAuthorizationDetails", Resource: "*" }) } });
    const nobody = await createUser(acct.accountId, "nobody");
    expect((await details({ Filter: ["User"] }, reader)).UserDetailList.map((u) => u.UserName)).toEqual(["alice", "nobody", "reader"]);
    await expectIamError(details({}, nobody), "AccessDenied");
    expect((await auditEvents(acct.accountId, "iam:GetAccountAuthorizationDetails")).map((e) => [e.resource, e.result, e.readOnly])).toEqual([
      ["*", "Allowed", true],
      ["*", "Denied", true],
    ]);
  });
});

// Role operations on real SQLite: CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription,
// UpdateAssumeRolePolicy, DeleteRole, TagRole, UntagRole, ListRoleTags. Expectations come from AWS's
// IAM API reference (names, shapes, errors, quotas), not from the code under test.

import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { CreateRole, DeleteRole, GetRole, ListRoles, UpdateAssumeRolePolicy, UpdateRole, UpdateRoleDescription } from "@/lib/iam/roles/roles";
import { ListRoleTags, TagRole, UntagRole } from "@/lib/iam/roles/tags";
import { roleArn } from "@/lib/policy";
import { snapshotEveryTable, snapshotText } from "./support/everyTable";
import { auditEvents, createAccount, createCustomerPolicy, createUser, db, expectIamError, managed, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const trust = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const accountTrust = () => trust({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: "sts:AssumeRole" });
const serviceTrust = trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });
const everything = async () => snapshotText(await snapshotEveryTable());

async function createRole(name: string, extra: Record<string, unknown> = {}) {
  return (await execute(CreateRole, { RoleName: name, AssumeRolePolicyDocument: accountTrust(), ...extra }, acct.root)).Role;
}

describe("CreateRole", () => {
  it("creates a role with an AROA ID, its ARN on its path, the trust policy as written, and audits it", async () => {
    const document = accountTrust();
    const { Role } = await execute(
      CreateRole,
      { RoleName: "Deployer", Path: "/service/", AssumeRolePolicyDocument: document, Description: "Deploys the web tier", Tags: [{ Key: "team", Value: "web" }] },
      acct.root,
    );
    expect(Role).toMatchObject({
      RoleName: "Deployer",
      Path: "/service/",
      Arn: `arn:aws:iam::${acct.accountId}:role/service/Deployer`,
      AssumeRolePolicyDocument: document,
      Description: "Deploys the web tier",
      MaxSessionDuration: 3600,
      Tags: [{ Key: "team", Value: "web" }],
    });
    expect(Role.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(Role.PermissionsBoundary).toBeUndefined();
    const [event] = await auditEvents(acct.accountId, "iam:CreateRole");
    expect(event).toMatchObject({ result: "Allowed", principalArn: acct.root.arn, resource: Role.Arn, readOnly: false });
  });

  it("refuses a name that differs only in case, writes nothing, and audits the failure", async () => {
    await createRole("Deployer");
    const before = await everything();
    await expectIamError(execute(CreateRole, { RoleName: "DEPLOYER", AssumeRolePolicyDocument: accountTrust() }, acct.root), "EntityAlreadyExists", "Role with name DEPLOYER already exists.");
    expect(await everything()).toBe(before);
    const events = await auditEvents(acct.accountId, "iam:CreateRole");
    expect(events.at(-1)).toMatchObject({ result: "Failed", errorCode: "EntityAlreadyExists" });
  });

  it("lets two accounts each have a role of the same name", async () => {
    const other = await createAccount();
    await createRole("Deployer");
    const { Role } = await execute(CreateRole, { RoleName: "Deployer", AssumeRolePolicyDocument: serviceTrust }, other.root);
    expect(Role.Arn).toBe(`arn:aws:iam::${other.accountId}:role/Deployer`);
  });

  it.each([
    ["an empty name", { RoleName: "" }, /RoleName: must not be empty/],
    ["a name over 64 characters", { RoleName: "r".repeat(65) }, /RoleName: must be at most 64 characters/],
    ["a space in the name", { RoleName: "web deployer" }, /RoleName: may contain only letters, digits and \+ = , \. @ _ -/],
    ["a path without slashes", { RoleName: "r", Path: "service" }, /Path: must be \/ or begin and end with \//],
    ["MaxSessionDuration under 1 hour", { RoleName: "r", MaxSessionDuration: 3599 }, /MaxSessionDuration: must be at least 3600 seconds/],
    ["MaxSessionDuration over 12 hours", { RoleName: "r", MaxSessionDuration: 43201 }, /MaxSessionDuration: must be at most 43200 seconds/],
    ["a fractional MaxSessionDuration", { RoleName: "r", MaxSessionDuration: 3600.5 }, /MaxSessionDuration: must be a whole number of seconds/],
    ["a description over 1,000 characters", { RoleName: "r", Description: "d".repeat(1001) }, /Description: must be at most 1000 characters/],
    ["a tag key starting with aws:", { RoleName: "r", Tags: [{ Key: "aws:team", Value: "x" }] }, /reserved for AWS/],
    ["a malformed boundary ARN", { RoleName: "r", PermissionsBoundary: "AdministratorAccess" }, /PermissionsBoundary: must be a managed policy ARN/],
  ])("rejects %s with a ValidationError and writes nothing", async (_label, input, message) => {
    const before = await everything();
    await expectIamError(execute(CreateRole, { AssumeRolePolicyDocument: accountTrust(), ...input }, acct.root), "ValidationError", message);
    expect(await everything()).toBe(before);
  });

  it("requires a trust policy", async () => {
    await expectIamError(execute(CreateRole, { RoleName: "r" }, acct.root), "ValidationError", "AssumeRolePolicyDocument: AssumeRolePolicyDocument is required");
    await expectIamError(execute(CreateRole, { RoleName: "r", AssumeRolePolicyDocument: "" }, acct.root), "ValidationError", "AssumeRolePolicyDocument: must not be empty");
  });

  it("accepts every character AWS allows in a name, and both MaxSessionDuration bounds", async () => {
    expect((await createRole("a+b=c,d.e@f_g-h")).RoleName).toBe("a+b=c,d.e@f_g-h");
    expect((await createRole("short", { MaxSessionDuration: 3600 })).MaxSessionDuration).toBe(3600);
    expect((await createRole("long", { MaxSessionDuration: 43200 })).MaxSessionDuration).toBe(43200);
    expect((await createRole("r".repeat(64))).RoleName).toHaveLength(64);
  });

  it.each([
    ["a NotPrincipal", { Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }, /^Role trust policies do not support NotPrincipal\..*There is 1 more error/],
    ["no Principal", { Effect: "Allow", Action: "sts:AssumeRole" }, /must say who can assume the role: add a "Principal" element( \(line \d+(, column \d+)?\))?\.$/],
    ["a Resource", { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" }, /cannot have a Resource element/],
  ])("refuses a trust policy with %s as MalformedPolicyDocument, saying so, and writes nothing", async (_label, statement, message) => {
    const before = await everything();
    await expectIamError(execute(CreateRole, { RoleName: "r", AssumeRolePolicyDocument: trust(statement) }, acct.root), "MalformedPolicyDocument", message);
    expect(await everything()).toBe(before);
  });

  it("holds the trust policy to 2,048 characters without white space", async () => {
    // A padded Sid makes the document exactly 2,048 characters, then one more.
    const sized = (length: number) => {
      const base = trust({ Sid: "", Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });
      return trust({ Sid: "S".repeat(length - base.length), Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });
    };
    expect(sized(2048)).toHaveLength(2048);
    await createRole("fits", { AssumeRolePolicyDocument: sized(2048) });
    // White space does not count: the same document indented is still within the quota.
    await createRole("indented", { AssumeRolePolicyDocument: JSON.stringify(JSON.parse(sized(2048)), null, 4) });
    const before = await everything();
    await expectIamError(execute(CreateRole, { RoleName: "over", AssumeRolePolicyDocument: sized(2049) }, acct.root), "MalformedPolicyDocument", /2,?048/);
    expect(await everything()).toBe(before);
  });

  it("refuses a trust policy that is not JSON, saying where", async () => {
    await expectIamError(execute(CreateRole, { RoleName: "r", AssumeRolePolicyDocument: '{"Version": "2012-10-17",' }, acct.root), "MalformedPolicyDocument", /line 1|Line 1/i);
  });

  it("stops at the quota of 1,000 roles per account", async () => {
    await db.role.createMany({
      data: Array.from({ length: 1000 }, (_, i) => ({
        id: `AROAQUOTA${acct.accountId}${i}`,
        accountId: acct.accountId,
        name: `r${i}`,
        nameLower: `r${i}`,
        arn: roleArn(acct.accountId, `r${i}`),
        trustPolicy: serviceTrust,
      })),
    });
    await expectIamError(execute(CreateRole, { RoleName: "one-too-many", AssumeRolePolicyDocument: serviceTrust }, acct.root), "LimitExceeded", /RolesPerAccount: 1000/);
    expect(await db.role.count({ where: { accountId: acct.accountId } })).toBe(1000);
    // One fewer leaves room for exactly one more.
    await db.role.delete({ where: { id: `AROAQUOTA${acct.accountId}0` } });
    await createRole("the-last-one");
  });

  it("sets a permissions boundary that exists, and refuses one that does not", async () => {
    const role = await createRole("bounded", { PermissionsBoundary: managed("IAMReadOnlyAccess") });
    expect(role.PermissionsBoundary).toEqual({ PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: managed("IAMReadOnlyAccess") });
    const missing = `arn:aws:iam::${acct.accountId}:policy/Nope`;
    const before = await everything();
    await expectIamError(
      execute(CreateRole, { RoleName: "other", AssumeRolePolicyDocument: accountTrust(), PermissionsBoundary: missing }, acct.root),
      "NoSuchEntity",
      `Policy ${missing} does not exist or is not attachable.`,
    );
    expect(await everything()).toBe(before);
  });

  // IAM User Guide, "Permissions boundaries": delegated administrators are required to set a
  // boundary with the iam:PermissionsBoundary condition key; tags with aws:RequestTag/aws:TagKeys.
  it("decides iam:PermissionsBoundary and aws:RequestTag as condition keys", async () => {
    const policy = await createCustomerPolicy(acct.accountId, "CreateBoundedWebRoles", {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "iam:CreateRole",
          Resource: "*",
          Condition: { StringEquals: { "iam:PermissionsBoundary": managed("IAMReadOnlyAccess"), "aws:RequestTag/team": "web" } },
        },
      ],
    });
    const delegate = await createUser(acct.accountId, "delegate", { policies: [policy] });
    const before = await everything();
    await expectIamError(execute(CreateRole, { RoleName: "free", AssumeRolePolicyDocument: accountTrust(), Tags: [{ Key: "team", Value: "web" }] }, delegate), "AccessDenied");
    await expectIamError(
      execute(CreateRole, { RoleName: "wrongteam", AssumeRolePolicyDocument: accountTrust(), PermissionsBoundary: managed("IAMReadOnlyAccess"), Tags: [{ Key: "team", Value: "ops" }] }, delegate),
      "AccessDenied",
    );
    expect(await everything()).toBe(before);
    const denied = await db.auditEvent.count({ where: { accountId: acct.accountId, action: "iam:CreateRole", result: "Denied" } });
    expect(denied).toBe(2);
    const { Role } = await execute(
      CreateRole,
      { RoleName: "bounded", AssumeRolePolicyDocument: accountTrust(), PermissionsBoundary: managed("IAMReadOnlyAccess"), Tags: [{ Key: "team", Value: "web" }] },
      delegate,
    );
    expect(Role.RoleName).toBe("bounded");
  });
});

describe("GetRole", () => {
  it("returns the role with its tags, boundary and AWS's empty RoleLastUsed, by any case of its name", async () => {
    await createRole("Deployer", { Tags: [{ Key: "b", Value: "2" }, { Key: "a", Value: "1" }], PermissionsBoundary: managed("IAMReadOnlyAccess") });
    const { Role } = await execute(GetRole, { RoleName: "deployer" }, acct.root);
    expect(Role).toMatchObject({ RoleName: "Deployer", Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "2" }], RoleLastUsed: {} });
    expect(Role.PermissionsBoundary?.PermissionsBoundaryArn).toBe(managed("IAMReadOnlyAccess"));
    expect(Role.Description).toBeUndefined();
  });

  it("says which role cannot be found, and does not reach into another account", async () => {
    const other = await createAccount();
    await execute(CreateRole, { RoleName: "Deployer", AssumeRolePolicyDocument: serviceTrust }, other.root);
    await expectIamError(execute(GetRole, { RoleName: "Deployer" }, acct.root), "NoSuchEntity", "The role with name Deployer cannot be found.");
    const [event] = await auditEvents(acct.accountId, "iam:GetRole");
    expect(event).toMatchObject({ result: "Failed", readOnly: true, errorCode: "NoSuchEntity" });
  });

  it("decides on the role's real path and its tags (aws:ResourceTag)", async () => {
    await createRole("Deployer", { Path: "/service/", Tags: [{ Key: "team", Value: "web" }] });
    await createRole("Other", { Path: "/service/", Tags: [{ Key: "team", Value: "ops" }] });
    const policy = await createCustomerPolicy(acct.accountId, "ReadWebServiceRoles", {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "iam:GetRole", Resource: `arn:aws:iam::${acct.accountId}:role/service/*`, Condition: { StringEquals: { "aws:ResourceTag/team": "web" } } }],
    });
    const reader = await createUser(acct.accountId, "reader", { policies: [policy] });
    expect((await execute(GetRole, { RoleName: "Deployer" }, reader)).Role.RoleName).toBe("Deployer");
    await expectIamError(execute(GetRole, { RoleName: "Other" }, reader), "AccessDenied", /role\/service\/Other/);
  });
});

describe("ListRoles", () => {
  beforeEach(async () => {
    for (const name of ["dave", "Alice", "carol", "bob_1", "bobx1"]) await createRole(name, { Tags: [{ Key: "t", Value: "v" }], PermissionsBoundary: managed("IAMReadOnlyAccess") });
    await createRole("erin", { Path: "/ops/" });
    const other = await createAccount();
    await execute(CreateRole, { RoleName: "zed-in-another-account", AssumeRolePolicyDocument: serviceTrust }, other.root);
  });

  // AWS's ListRoles reference: it does not return PermissionsBoundary, RoleLastUsed or Tags.
  it("lists only the caller's account, by name, case-insensitively, without the attributes AWS leaves out", async () => {
    const { Roles, TotalCount, IsTruncated, Marker } = await execute(ListRoles, {}, acct.root);
    expect(Roles.map((r) => r.RoleName)).toEqual(["Alice", "bob_1", "bobx1", "carol", "dave", "erin"]);
    for (const role of Roles) {
      expect(Object.keys(role).sort()).toEqual(["Arn", "AssumeRolePolicyDocument", "CreateDate", "MaxSessionDuration", "Path", "RoleId", "RoleName"]);
    }
    expect(TotalCount).toBe(6);
    expect(IsTruncated).toBe(false);
    expect(Marker).toBeUndefined();
  });

  it("filters by a case-insensitive substring of the name, treating _ literally", async () => {
    expect((await execute(ListRoles, { Filter: "ALI" }, acct.root)).Roles.map((r) => r.RoleName)).toEqual(["Alice"]);
    const underscore = await execute(ListRoles, { Filter: "b_1" }, acct.root);
    expect(underscore.Roles.map((r) => r.RoleName)).toEqual(["bob_1"]);
    expect(underscore.TotalCount).toBe(1);
  });

  it("filters by path prefix and sorts descending", async () => {
    expect((await execute(ListRoles, { PathPrefix: "/ops/" }, acct.root)).Roles.map((r) => r.RoleName)).toEqual(["erin"]);
    expect((await execute(ListRoles, { SortOrder: "Descending" }, acct.root)).Roles[0]!.RoleName).toBe("erin");
  });

  it("pages with Marker and MaxItems without repeating or skipping roles", async () => {
    const seen: string[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const page = await execute(ListRoles, { MaxItems: 4, SortBy: "CreateDate", ...(Marker ? { Marker } : {}) }, acct.root);
      expect(page.TotalCount).toBe(6);
      seen.push(...page.Roles.map((r) => r.RoleName));
      Marker = page.Marker;
      expect(page.IsTruncated).toBe(Marker !== undefined);
      pages++;
    } while (Marker);
    expect(pages).toBe(2);
    expect([...seen].sort()).toEqual(["Alice", "bob_1", "bobx1", "carol", "dave", "erin"].sort());
  });

  it("refuses a Marker it did not hand out, and MaxItems out of range", async () => {
    await expectIamError(execute(ListRoles, { Marker: "not-a-marker" }, acct.root), "ValidationError", /Marker: is not a marker returned by a previous page/);
    await expectIamError(execute(ListRoles, { MaxItems: 0 }, acct.root), "ValidationError", /MaxItems: must be at least 1/);
    await expectIamError(execute(ListRoles, { SortBy: "UserName" }, acct.root), "ValidationError", /SortBy: must be RoleName or CreateDate/);
  });

  it("names the account's role collection when denied, as AWS does", async () => {
    const nobody = await createUser(acct.accountId, "nobody");
    await expectIamError(execute(ListRoles, {}, nobody), "AccessDenied", new RegExp(`arn:aws:iam::${acct.accountId}:role/`));
  });
});

describe("UpdateRole and UpdateRoleDescription", () => {
  it("changes only the fields it is given", async () => {
    await createRole("Deployer", { Description: "old", MaxSessionDuration: 7200 });
    await execute(UpdateRole, { RoleName: "deployer", MaxSessionDuration: 43200 }, acct.root);
    expect((await execute(GetRole, { RoleName: "Deployer" }, acct.root)).Role).toMatchObject({ Description: "old", MaxSessionDuration: 43200 });
    await execute(UpdateRole, { RoleName: "Deployer", Description: "" }, acct.root);
    const { Role } = await execute(GetRole, { RoleName: "Deployer" }, acct.root);
    expect(Role.Description).toBeUndefined();
    expect(Role.MaxSessionDuration).toBe(43200);
  });

  it("refuses a MaxSessionDuration out of bounds and changes nothing", async () => {
    await createRole("Deployer");
    const before = await everything();
    await expectIamError(execute(UpdateRole, { RoleName: "Deployer", MaxSessionDuration: 900 }, acct.root), "ValidationError", /MaxSessionDuration: must be at least 3600 seconds/);
    await expectIamError(execute(UpdateRole, { RoleName: "Deployer", MaxSessionDuration: 86400 }, acct.root), "ValidationError", /MaxSessionDuration: must be at most 43200 seconds/);
    expect(await everything()).toBe(before);
  });

  it("UpdateRoleDescription returns the role with its new description", async () => {
    await createRole("Deployer", { Tags: [{ Key: "team", Value: "web" }] });
    const { Role } = await execute(UpdateRoleDescription, { RoleName: "Deployer", Description: "Deploys the web tier" }, acct.root);
    expect(Role).toMatchObject({ RoleName: "Deployer", Description: "Deploys the web tier", Tags: [{ Key: "team", Value: "web" }] });
    const [event] = await auditEvents(acct.accountId, "iam:UpdateRoleDescription");
    expect(event).toMatchObject({ result: "Allowed", resource: Role.Arn });
  });

  it("reports a missing role", async () => {
    await expectIamError(execute(UpdateRole, { RoleName: "ghost", MaxSessionDuration: 7200 }, acct.root), "NoSuchEntity", "The role with name ghost cannot be found.");
    await expectIamError(execute(UpdateRoleDescription, { RoleName: "ghost", Description: "x" }, acct.root), "NoSuchEntity", /ghost cannot be found/);
  });
});

describe("UpdateAssumeRolePolicy", () => {
  it("replaces the trust policy with the text as written", async () => {
    await createRole("Deployer");
    const document = JSON.stringify(JSON.parse(serviceTrust), null, 2);
    await execute(UpdateAssumeRolePolicy, { RoleName: "Deployer", PolicyDocument: document }, acct.root);
    expect((await execute(GetRole, { RoleName: "Deployer" }, acct.root)).Role.AssumeRolePolicyDocument).toBe(document);
  });

  it("refuses an invalid trust policy and keeps the old one", async () => {
    await createRole("Deployer");
    const before = await everything();
    await expectIamError(
      execute(UpdateAssumeRolePolicy, { RoleName: "Deployer", PolicyDocument: trust({ Effect: "Allow", Action: "sts:AssumeRole" }) }, acct.root),
      "MalformedPolicyDocument",
    );
    expect(await everything()).toBe(before);
    const events = await auditEvents(acct.accountId, "iam:UpdateAssumeRolePolicy");
    expect(events.at(-1)).toMatchObject({ result: "Failed", errorCode: "MalformedPolicyDocument" });
  });

  it("needs iam:UpdateAssumeRolePolicy, not iam:UpdateRole: denied, nothing changes, and the denial is audited", async () => {
    await createRole("Deployer");
    const policy = await createCustomerPolicy(acct.accountId, "UpdateRolesOnly", {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["iam:UpdateRole", "iam:GetRole"], Resource: "*" }],
    });
    const editor = await createUser(acct.accountId, "editor", { policies: [policy] });
    const before = await everything();
    await expectIamError(execute(UpdateAssumeRolePolicy, { RoleName: "Deployer", PolicyDocument: serviceTrust }, editor), "AccessDenied", /iam:UpdateAssumeRolePolicy/);
    expect(await everything()).toBe(before);
    const [event] = await auditEvents(acct.accountId, "iam:UpdateAssumeRolePolicy");
    expect(event).toMatchObject({ result: "Denied", principalArn: editor.arn, errorCode: "AccessDenied", resource: roleArn(acct.accountId, "Deployer") });
  });
});

describe("DeleteRole", () => {
  it("deletes a role and its tags", async () => {
    const role = await createRole("Deployer", { Tags: [{ Key: "team", Value: "web" }] });
    await execute(DeleteRole, { RoleName: "DEPLOYER" }, acct.root);
    expect(await db.role.count({ where: { id: role.RoleId } })).toBe(0);
    expect(await db.tag.count({ where: { roleId: role.RoleId } })).toBe(0);
    await expectIamError(execute(GetRole, { RoleName: "Deployer" }, acct.root), "NoSuchEntity");
  });

  it("refuses while a managed policy is attached, then while an inline policy remains", async () => {
    const role = await createRole("Deployer");
    const policyId = (await db.managedPolicy.findUniqueOrThrow({ where: { arn: managed("IAMReadOnlyAccess") } })).id;
    await db.rolePolicyAttachment.create({ data: { roleId: role.RoleId, policyId } });
    await db.inlinePolicy.create({ data: { roleId: role.RoleId, name: "Inline", nameLower: "inline", document: JSON.stringify({ Version: "2012-10-17", Statement: [] }) } });
    const before = await everything();
    await expectIamError(execute(DeleteRole, { RoleName: "Deployer" }, acct.root), "DeleteConflict", "Cannot delete entity, must detach all policies first.");
    expect(await everything()).toBe(before);
    await db.rolePolicyAttachment.deleteMany({ where: { roleId: role.RoleId } });
    await expectIamError(execute(DeleteRole, { RoleName: "Deployer" }, acct.root), "DeleteConflict", "Cannot delete entity, must delete policies first.");
    await db.inlinePolicy.deleteMany({ where: { roleId: role.RoleId } });
    await execute(DeleteRole, { RoleName: "Deployer" }, acct.root);
    const events = await auditEvents(acct.accountId, "iam:DeleteRole");
    expect(events.map((e) => e.result)).toEqual(["Failed", "Failed", "Allowed"]);
  });

  it("reports a missing role, and deletes nothing in another account", async () => {
    const other = await createAccount();
    await execute(CreateRole, { RoleName: "Deployer", AssumeRolePolicyDocument: serviceTrust }, other.root);
    await expectIamError(execute(DeleteRole, { RoleName: "Deployer" }, acct.root), "NoSuchEntity", "The role with name Deployer cannot be found.");
    expect(await db.role.count({ where: { accountId: other.accountId } })).toBe(1);
  });
});

describe("role tags", () => {
  it("adds, overwrites without regard to case, lists sorted, and removes tags", async () => {
    await createRole("Deployer", { Tags: [{ Key: "team", Value: "web" }] });
    await execute(TagRole, { RoleName: "Deployer", Tags: [{ Key: "Team", Value: "ops" }, { Key: "env", Value: "prod" }] }, acct.root);
    expect((await execute(ListRoleTags, { RoleName: "deployer" }, acct.root)).Tags).toEqual([{ Key: "env", Value: "prod" }, { Key: "Team", Value: "ops" }]);
    // A key the role does not have is ignored, as in AWS.
    await execute(UntagRole, { RoleName: "Deployer", TagKeys: ["TEAM", "missing"] }, acct.root);
    expect((await execute(ListRoleTags, { RoleName: "Deployer" }, acct.root))).toEqual({ Tags: [{ Key: "env", Value: "prod" }], IsTruncated: false });
  });

  it("stops at 50 tags per role and writes none of the request", async () => {
    await createRole("Deployer", { Tags: Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: "v" })) });
    const before = await everything();
    await expectIamError(execute(TagRole, { RoleName: "Deployer", Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "2" }] }, acct.root), "LimitExceeded", /TagsPerRole: 50/);
    expect(await everything()).toBe(before);
    // Overwriting an existing key does not count as another tag.
    await execute(TagRole, { RoleName: "Deployer", Tags: [{ Key: "K0", Value: "w" }, { Key: "a", Value: "1" }] }, acct.root);
    expect((await execute(ListRoleTags, { RoleName: "Deployer" }, acct.root)).Tags).toHaveLength(50);
  });

  it("refuses reserved and empty tag requests as ValidationError", async () => {
    await createRole("Deployer");
    await expectIamError(execute(TagRole, { RoleName: "Deployer", Tags: [{ Key: "aws:x", Value: "1" }] }, acct.root), "ValidationError", /reserved for AWS/);
    await expectIamError(execute(TagRole, { RoleName: "Deployer", Tags: [] }, acct.root), "ValidationError", /at least one tag/);
    await expectIamError(execute(UntagRole, { RoleName: "Deployer", TagKeys: [] }, acct.root), "ValidationError", /at least one tag key/);
  });

  it("reports a missing role", async () => {
    await expectIamError(execute(TagRole, { RoleName: "ghost", Tags: [{ Key: "a", Value: "1" }] }, acct.root), "NoSuchEntity", /ghost cannot be found/);
    await expectIamError(execute(ListRoleTags, { RoleName: "ghost" }, acct.root), "NoSuchEntity", /ghost cannot be found/);
  });

  // ABAC: a tagger limited to roles tagged team=web, and to setting only the team key.
  it("decides on aws:ResourceTag, aws:RequestTag and aws:TagKeys; a denial changes nothing", async () => {
    await createRole("web", { Tags: [{ Key: "team", Value: "web" }] });
    await createRole("ops", { Tags: [{ Key: "team", Value: "ops" }] });
    const policy = await createCustomerPolicy(acct.accountId, "TagWebRoles", {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["iam:TagRole", "iam:UntagRole"],
          Resource: "*",
          Condition: { StringEquals: { "aws:ResourceTag/team": "web" }, "ForAllValues:StringEquals": { "aws:TagKeys": ["owner"] } },
        },
      ],
    });
    const tagger = await createUser(acct.accountId, "tagger", { policies: [policy] });
    const before = await everything();
    await expectIamError(execute(TagRole, { RoleName: "ops", Tags: [{ Key: "owner", Value: "me" }] }, tagger), "AccessDenied");
    await expectIamError(execute(TagRole, { RoleName: "web", Tags: [{ Key: "team", Value: "ops" }] }, tagger), "AccessDenied");
    await expectIamError(execute(UntagRole, { RoleName: "web", TagKeys: ["team"] }, tagger), "AccessDenied");
    expect(await everything()).toBe(before);
    expect(await db.auditEvent.count({ where: { accountId: acct.accountId, principalArn: tagger.arn, result: "Denied" } })).toBe(3);
    await execute(TagRole, { RoleName: "web", Tags: [{ Key: "owner", Value: "me" }] }, tagger);
    expect(await db.tag.count({ where: { role: { name: "web", accountId: acct.accountId } } })).toBe(2);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { AttachGroupPolicy, AttachUserPolicy, DetachGroupPolicy, DetachUserPolicy, ListAttachedGroupPolicies, ListAttachedUserPolicies } from "@/lib/iam/policies/attachments";
import { GetGroupPolicy, GetUserPolicy, ListGroupPolicies, ListUserPolicies } from "@/lib/iam/policies/inline";
import { GetPolicy, ListEntitiesForPolicy, ListPolicies } from "@/lib/iam/policies/managed";
import { GetPolicyVersion } from "@/lib/iam/policies/versions";
import { createAccount, createCustomerPolicy, createGroup, createUser, db, expectIamError, managed, rowCounts, type TestAccount } from "./support/fixtures";

const EMPTY = { Version: "2012-10-17", Statement: [] };
let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

describe("attaching managed policies", () => {
  it("attaches AWS and customer managed policies to a user and lists them", async () => {
    await createUser(acct.accountId, "alice");
    const own = await createCustomerPolicy(acct.accountId, "DeployApps", EMPTY);
    await execute(AttachUserPolicy, { UserName: "alice", PolicyArn: managed("IAMReadOnlyAccess") }, acct.root);
    await execute(AttachUserPolicy, { UserName: "alice", PolicyArn: own }, acct.root);
    await execute(AttachUserPolicy, { UserName: "alice", PolicyArn: own }, acct.root);
    const { AttachedPolicies } = await execute(ListAttachedUserPolicies, { UserName: "alice" }, acct.root);
    expect(AttachedPolicies).toEqual([
      { PolicyName: "DeployApps", PolicyArn: own },
      { PolicyName: "IAMReadOnlyAccess", PolicyArn: managed("IAMReadOnlyAccess") },
    ]);
    await execute(DetachUserPolicy, { UserName: "alice", PolicyArn: own }, acct.root);
    await expectIamError(execute(DetachUserPolicy, { UserName: "alice", PolicyArn: own }, acct.root), "NoSuchEntity", `Policy ${own} was not found.`);
  });

  it("stops at 10 managed policies per user", async () => {
    const arns = [];
    for (let i = 0; i < 11; i++) arns.push(await createCustomerPolicy(acct.accountId, `P${i}`, EMPTY));
    await createUser(acct.accountId, "alice", { policies: arns.slice(0, 10) });
    const before = await rowCounts();
    await expectIamError(execute(AttachUserPolicy, { UserName: "alice", PolicyArn: arns[10]! }, acct.root), "LimitExceeded", /AttachedPoliciesPerUser: 10/);
    expect(await rowCounts()).toEqual(before);
  });

  it("stops at 10 managed policies per group", async () => {
    const arns = [];
    for (let i = 0; i < 11; i++) arns.push(await createCustomerPolicy(acct.accountId, `G${i}`, EMPTY));
    await createGroup(acct.accountId, "Ops", arns.slice(0, 10));
    await expectIamError(execute(AttachGroupPolicy, { GroupName: "Ops", PolicyArn: arns[10]! }, acct.root), "LimitExceeded", /AttachedPoliciesPerGroup: 10/);
  });

  it("attaches to groups and lists the entities a policy is attached to, in this account only", async () => {
    await createGroup(acct.accountId, "Ops");
    await createUser(acct.accountId, "alice", { policies: [managed("IAMReadOnlyAccess")] });
    await execute(AttachGroupPolicy, { GroupName: "Ops", PolicyArn: managed("IAMReadOnlyAccess") }, acct.root);
    const other = await createAccount();
    await createUser(other.accountId, "outsider", { policies: [managed("IAMReadOnlyAccess")] });

    expect((await execute(ListAttachedGroupPolicies, { GroupName: "Ops" }, acct.root)).AttachedPolicies).toEqual([
      { PolicyName: "IAMReadOnlyAccess", PolicyArn: managed("IAMReadOnlyAccess") },
    ]);
    const entities = await execute(ListEntitiesForPolicy, { PolicyArn: managed("IAMReadOnlyAccess") }, acct.root);
    expect(entities.PolicyUsers.map((u) => u.UserName)).toEqual(["alice"]);
    expect(entities.PolicyGroups.map((g) => g.GroupName)).toEqual(["Ops"]);
    expect((await execute(GetPolicy, { PolicyArn: managed("IAMReadOnlyAccess") }, acct.root)).Policy.AttachmentCount).toBe(2);

    await execute(DetachGroupPolicy, { GroupName: "Ops", PolicyArn: managed("IAMReadOnlyAccess") }, acct.root);
    expect((await execute(ListAttachedGroupPolicies, { GroupName: "Ops" }, acct.root)).AttachedPolicies).toEqual([]);
  });

  it("refuses policies that do not exist or belong to another account", async () => {
    await createUser(acct.accountId, "alice");
    const other = await createAccount();
    const theirs = await createCustomerPolicy(other.accountId, "Theirs", EMPTY);
    await expectIamError(execute(AttachUserPolicy, { UserName: "alice", PolicyArn: theirs }, acct.root), "NoSuchEntity", `Policy ${theirs} does not exist or is not attachable.`);
    await expectIamError(execute(GetPolicy, { PolicyArn: theirs }, acct.root), "NoSuchEntity");
    await expectIamError(execute(AttachUserPolicy, { UserName: "alice", PolicyArn: managed("NoSuchThing") }, acct.root), "NoSuchEntity");
    await expectIamError(execute(AttachUserPolicy, { UserName: "alice", PolicyArn: "arn:aws:iam::aws:role/Admin" }, acct.root), "ValidationError", /PolicyArn: must be a managed policy ARN/);
  });
});

describe("reading policies", () => {
  it("lists AWS and customer managed policies by scope, filter and attachment", async () => {
    const own = await createCustomerPolicy(acct.accountId, "IamHelpdesk", EMPTY);
    await createUser(acct.accountId, "alice", { policies: [own] });
    const all = await execute(ListPolicies, {}, acct.root);
    expect(all.Policies.map((p) => p.PolicyName)).toEqual(["AdministratorAccess", "ForceMFA-ManageOwnCredentials", "IAMFullAccess", "IamHelpdesk", "IAMReadOnlyAccess", "IAMUserChangePassword", "ReadOnlyAccess"]);
    expect(all.TotalCount).toBe(7);
    expect((await execute(ListPolicies, { Scope: "Local" }, acct.root)).Policies.map((p) => p.Arn)).toEqual([own]);
    expect((await execute(ListPolicies, { Scope: "AWS" }, acct.root)).TotalCount).toBe(6);
    expect((await execute(ListPolicies, { OnlyAttached: true }, acct.root)).Policies.map((p) => p.PolicyName)).toEqual(["IamHelpdesk"]);
    const filtered = await execute(ListPolicies, { Filter: "iamreadonly" }, acct.root);
    expect(filtered.Policies).toHaveLength(1);
    expect(filtered.Policies[0]).toMatchObject({ PolicyName: "IAMReadOnlyAccess", IsAwsManaged: true, DefaultVersionId: "v1", IsAttachable: true, AttachmentCount: 0 });
  });

  it("does not list another account's customer managed policies", async () => {
    const other = await createAccount();
    await createCustomerPolicy(other.accountId, "Secretive", EMPTY);
    expect((await execute(ListPolicies, { Scope: "Local" }, acct.root)).TotalCount).toBe(0);
  });

  it("returns a policy version's document", async () => {
    const { PolicyVersion } = await execute(GetPolicyVersion, { PolicyArn: managed("AdministratorAccess"), VersionId: "v1" }, acct.root);
    expect(PolicyVersion.IsDefaultVersion).toBe(true);
    expect(JSON.parse(PolicyVersion.Document)).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
    await expectIamError(execute(GetPolicyVersion, { PolicyArn: managed("AdministratorAccess"), VersionId: "v9" }, acct.root), "NoSuchEntity", /version v9 does not exist/);
  });

  it("lists and reads inline policies of users and groups", async () => {
    const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }] };
    await createUser(acct.accountId, "alice", { inline: { SelfRead: doc } });
    const groupId = await createGroup(acct.accountId, "Ops");
    await db.inlinePolicy.create({ data: { name: "OpsRead", nameLower: "opsread", document: JSON.stringify(doc), groupId } });
    expect((await execute(ListUserPolicies, { UserName: "alice" }, acct.root)).PolicyNames).toEqual(["SelfRead"]);
    expect(JSON.parse((await execute(GetUserPolicy, { UserName: "alice", PolicyName: "selfread" }, acct.root)).PolicyDocument)).toEqual(doc);
    expect((await execute(ListGroupPolicies, { GroupName: "Ops" }, acct.root)).PolicyNames).toEqual(["OpsRead"]);
    expect((await execute(GetGroupPolicy, { GroupName: "Ops", PolicyName: "OpsRead" }, acct.root)).PolicyName).toBe("OpsRead");
    await expectIamError(execute(GetUserPolicy, { UserName: "alice", PolicyName: "Nope" }, acct.root), "NoSuchEntity", "The user policy with name Nope cannot be found.");
    await expectIamError(execute(GetGroupPolicy, { GroupName: "Ops", PolicyName: "Nope" }, acct.root), "NoSuchEntity", "The group policy with name Nope cannot be found.");
  });
});

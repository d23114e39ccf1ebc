// Managed and inline policies, attachments and permissions boundaries through the real
// @aws-sdk/client-iam: AWS's parameter names, the URL-encoded documents AWS sends, pagination, and
// the error codes and statuses an SDK user meets (DeleteConflict, LimitExceeded, MalformedPolicyDocument).

import { beforeAll, describe, expect, it } from "vitest";
import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeleteGroupPolicyCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListGroupsCommand,
  ListGroupPoliciesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SetDefaultPolicyVersionCommand,
  SimulatePrincipalPolicyCommand,
  ListPolicyTagsCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { apiFailure, decodedDocument, iamClient, newApiAccount, newApiUser, type ApiAccount } from "./support/apiAccount";

const READ_ONLY_ACCESS = "arn:aws:iam::aws:policy/ReadOnlyAccess";

const allow = (action: string | string[], resource = "*") => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });

const TRUST_ACCOUNT = (accountId: string) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole" }],
});

let account: ApiAccount;
let iam: IAMClient;

beforeAll(async () => {
  account = await newApiAccount("policies");
  iam = iamClient(account.rootKey);
});

describe("customer managed policies", () => {
  it("creates a policy with a path, description and tags, and gets it back with its document URL-encoded", async () => {
    // Spaces, quotes, a plus and non-ASCII in the document: what URL-encoding must carry exactly.
    const document = { Version: "2012-10-17", Statement: [{ Sid: "ReadTeam", Effect: "Allow", Action: ["iam:GetUser", "iam:ListUsers"], Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "web + platform é" } } }] };
    const created = await iam.send(
      new CreatePolicyCommand({ PolicyName: "ReadUsers", Path: "/team/web/", Description: "Read users for the web team", PolicyDocument: JSON.stringify(document, null, 2), Tags: [{ Key: "owner", Value: "web platform" }] }),
    );
    const policy = created.Policy!;
    expect(policy).toMatchObject({
      PolicyName: "ReadUsers",
      Path: "/team/web/",
      Arn: `arn:aws:iam::${account.accountId}:policy/team/web/ReadUsers`,
      DefaultVersionId: "v1",
      AttachmentCount: 0,
      IsAttachable: true,
    });
    expect(policy.PolicyId).toMatch(/^ANPA[A-Z0-9]{17}$/);
    expect(policy.CreateDate).toBeInstanceOf(Date);

    const got = (await iam.send(new GetPolicyCommand({ PolicyArn: policy.Arn }))).Policy!;
    expect(got).toMatchObject({ PolicyName: "ReadUsers", Description: "Read users for the web team", DefaultVersionId: "v1" });
    expect(got.UpdateDate).toBeInstanceOf(Date);

    const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: "v1" }))).PolicyVersion!;
    expect(version).toMatchObject({ VersionId: "v1", IsDefaultVersion: true });
    // AWS URL-encodes the document; the SDK hands it over as sent.
    expect(version.Document).not.toContain("{");
    expect(decodedDocument(version.Document)).toEqual(document);
  });

  it("refuses a malformed document with a message that says what is wrong", async () => {
    const noEffect = await apiFailure(iam.send(new CreatePolicyCommand({ PolicyName: "Broken", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: "iam:GetUser", Resource: "*" }] }) })));
    expect(noEffect).toMatchObject({ name: "MalformedPolicyDocumentException", status: 400 });
    // It says what to add and where, not only that the document is malformed.
    expect(noEffect.message).toMatch(/"Effect".*Allow.*Deny.*line 1/);
    const notJson = await apiFailure(iam.send(new CreatePolicyCommand({ PolicyName: "Broken", PolicyDocument: '{"Version": "2012-10-17", "Statement": [' })));
    expect(notJson).toMatchObject({ name: "MalformedPolicyDocumentException", status: 400 });
    expect(notJson.message).toMatch(/^Line 1: .*JSON/);
    // Nothing was created.
    const listed = await iam.send(new ListPoliciesCommand({ Scope: "Local" }));
    expect(listed.Policies!.map((p) => p.PolicyName)).not.toContain("Broken");
  });

  it("keeps versions: create (default or not), list, set default, delete, and at most five", async () => {
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "Versioned", PolicyDocument: JSON.stringify(allow("iam:GetUser")) }));
    const arn = Policy!.Arn!;
    const v2 = (await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: JSON.stringify(allow("iam:ListUsers")) }))).PolicyVersion!;
    expect(v2).toMatchObject({ VersionId: "v2", IsDefaultVersion: false });
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId).toBe("v1");
    const v3 = (await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: JSON.stringify(allow("iam:ListRoles")), SetAsDefault: true }))).PolicyVersion!;
    expect(v3).toMatchObject({ VersionId: "v3", IsDefaultVersion: true });
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId).toBe("v3");
    expect(decodedDocument((await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v2" }))).PolicyVersion!.Document)).toEqual(allow("iam:ListUsers"));

    const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!;
    expect(versions.map((v) => [v.VersionId, v.IsDefaultVersion]).sort()).toEqual([["v1", false], ["v2", false], ["v3", true]]);
    expect(versions.every((v) => v.CreateDate instanceof Date)).toBe(true);

    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: "v2" }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId).toBe("v2");
    expect(await apiFailure(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v2" })))).toMatchObject({ name: "DeleteConflictException", status: 409 });
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v1" }));
    expect(await apiFailure(iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v1" })))).toMatchObject({ name: "NoSuchEntityException", status: 404 });

    // v2, v3, then v4, v5, v6: five versions; a sixth is LimitExceeded.
    for (const action of ["iam:GetRole", "iam:ListGroups", "iam:GetGroup"]) {
      await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: JSON.stringify(allow(action)) }));
    }
    expect((await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions).toHaveLength(5);
    const sixth = await apiFailure(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: JSON.stringify(allow("iam:ListPolicies")) })));
    expect(sixth).toMatchObject({ name: "LimitExceededException", status: 409 });
  });

  it("lists by scope, attached only, and pages with MaxItems and Marker", async () => {
    for (const name of ["PageA", "PageB", "PageC"]) await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: JSON.stringify(allow("iam:GetUser")) }));
    const local = (await iam.send(new ListPoliciesCommand({ Scope: "Local" }))).Policies!;
    expect(local.every((p) => p.Arn!.startsWith(`arn:aws:iam::${account.accountId}:policy/`))).toBe(true);
    expect(local.map((p) => p.PolicyName)).toEqual(expect.arrayContaining(["PageA", "PageB", "PageC", "ReadUsers", "Versioned"]));

    const aws = (await iam.send(new ListPoliciesCommand({ Scope: "AWS", MaxItems: 1000 }))).Policies!;
    expect(aws.length).toBeGreaterThan(0);
    expect(aws.every((p) => p.Arn!.startsWith("arn:aws:iam::aws:policy/"))).toBe(true);
    expect(aws.map((p) => p.Arn)).toContain(READ_ONLY_ACCESS);

    const all = (await iam.send(new ListPoliciesCommand({ MaxItems: 1000 }))).Policies!;
    expect(all.length).toBe(local.length + aws.length);

    // Paging through Local, two at a time, sees every policy once.
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new ListPoliciesCommand({ Scope: "Local", MaxItems: 2, Marker: marker }));
      expect(page.Policies!.length).toBeLessThanOrEqual(2);
      seen.push(...page.Policies!.map((p) => p.PolicyName!));
      marker = page.IsTruncated ? page.Marker : undefined;
      if (page.IsTruncated) expect(page.Marker).toBeTruthy();
      pages += 1;
    } while (marker && pages < 20);
    expect(seen.sort()).toEqual(local.map((p) => p.PolicyName!).sort());
    expect(pages).toBe(Math.ceil(local.length / 2));

    await iam.send(new CreateGroupCommand({ GroupName: "Attached" }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: "Attached", PolicyArn: `arn:aws:iam::${account.accountId}:policy/PageB` }));
    const attached = (await iam.send(new ListPoliciesCommand({ Scope: "Local", OnlyAttached: true }))).Policies!;
    expect(attached.map((p) => p.PolicyName)).toEqual(["PageB"]);
    expect(attached[0]!.AttachmentCount).toBe(1);
  });

  it("will not delete a policy while it is attached, and lists the entities it is attached to", async () => {
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "Shared", PolicyDocument: JSON.stringify(allow("iam:GetUser")) }));
    const arn = Policy!.Arn!;
    await newApiUser(iam, "shared-user");
    await iam.send(new CreateGroupCommand({ GroupName: "SharedGroup" }));
    await iam.send(new CreateRoleCommand({ RoleName: "SharedRole", AssumeRolePolicyDocument: JSON.stringify(TRUST_ACCOUNT(account.accountId)) }));
    await iam.send(new AttachUserPolicyCommand({ UserName: "shared-user", PolicyArn: arn }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: "SharedGroup", PolicyArn: arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: "SharedRole", PolicyArn: arn }));

    const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    expect(entities.PolicyUsers!.map((u) => u.UserName)).toEqual(["shared-user"]);
    expect(entities.PolicyGroups!.map((g) => g.GroupName)).toEqual(["SharedGroup"]);
    expect(entities.PolicyRoles!.map((r) => r.RoleName)).toEqual(["SharedRole"]);
    expect(entities.PolicyUsers![0]!.UserId).toMatch(/^AIDA/);
    expect(entities.PolicyRoles![0]!.RoleId).toMatch(/^AROA/);
    const onlyRoles = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: "Role" }));
    expect(onlyRoles.PolicyUsers ?? []).toEqual([]);
    expect(onlyRoles.PolicyRoles!.map((r) => r.RoleName)).toEqual(["SharedRole"]);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.AttachmentCount).toBe(3);

    const conflict = await apiFailure(iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
    expect(conflict).toMatchObject({ name: "DeleteConflictException", status: 409 });

    await iam.send(new DetachUserPolicyCommand({ UserName: "shared-user", PolicyArn: arn }));
    await iam.send(new DetachGroupPolicyCommand({ GroupName: "SharedGroup", PolicyArn: arn }));
    await iam.send(new DetachRolePolicyCommand({ RoleName: "SharedRole", PolicyArn: arn }));
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: JSON.stringify(allow("iam:ListUsers")), SetAsDefault: true }));
    // AWS deletes a policy's non-default versions with it.
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    expect(await apiFailure(iam.send(new GetPolicyCommand({ PolicyArn: arn })))).toMatchObject({ name: "NoSuchEntityException", status: 404 });
  });
});

describe("inline policies", () => {
  it("puts, gets (URL-encoded), lists and deletes a user's, a group's and a role's", async () => {
    await newApiUser(iam, "inline-user");
    await iam.send(new CreateGroupCommand({ GroupName: "InlineGroup" }));
    await iam.send(new CreateRoleCommand({ RoleName: "InlineRole", AssumeRolePolicyDocument: JSON.stringify(TRUST_ACCOUNT(account.accountId)) }));
    const document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:Get*", Resource: `arn:aws:iam::${account.accountId}:user/a b+c` }] };
    const text = JSON.stringify(document);

    await iam.send(new PutUserPolicyCommand({ UserName: "inline-user", PolicyName: "one", PolicyDocument: text }));
    await iam.send(new PutUserPolicyCommand({ UserName: "inline-user", PolicyName: "two", PolicyDocument: text }));
    const user = await iam.send(new GetUserPolicyCommand({ UserName: "inline-user", PolicyName: "one" }));
    expect(user).toMatchObject({ UserName: "inline-user", PolicyName: "one" });
    expect(decodedDocument(user.PolicyDocument)).toEqual(document);
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: "inline-user" }))).PolicyNames).toEqual(["one", "two"]);
    // Put again replaces the document.
    await iam.send(new PutUserPolicyCommand({ UserName: "inline-user", PolicyName: "one", PolicyDocument: JSON.stringify(allow("iam:ListUsers")) }));
    expect(decodedDocument((await iam.send(new GetUserPolicyCommand({ UserName: "inline-user", PolicyName: "one" }))).PolicyDocument)).toEqual(allow("iam:ListUsers"));
    await iam.send(new DeleteUserPolicyCommand({ UserName: "inline-user", PolicyName: "one" }));
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: "inline-user" }))).PolicyNames).toEqual(["two"]);
    expect(await apiFailure(iam.send(new GetUserPolicyCommand({ UserName: "inline-user", PolicyName: "one" })))).toMatchObject({ name: "NoSuchEntityException", status: 404 });

    await iam.send(new PutGroupPolicyCommand({ GroupName: "InlineGroup", PolicyName: "g", PolicyDocument: text }));
    const group = await iam.send(new GetGroupPolicyCommand({ GroupName: "InlineGroup", PolicyName: "g" }));
    expect(group).toMatchObject({ GroupName: "InlineGroup", PolicyName: "g" });
    expect(decodedDocument(group.PolicyDocument)).toEqual(document);
    expect((await iam.send(new ListGroupPoliciesCommand({ GroupName: "InlineGroup" }))).PolicyNames).toEqual(["g"]);
    await iam.send(new DeleteGroupPolicyCommand({ GroupName: "InlineGroup", PolicyName: "g" }));
    expect((await iam.send(new ListGroupPoliciesCommand({ GroupName: "InlineGroup" }))).PolicyNames).toEqual([]);

    await iam.send(new PutRolePolicyCommand({ RoleName: "InlineRole", PolicyName: "r", PolicyDocument: text }));
    const role = await iam.send(new GetRolePolicyCommand({ RoleName: "InlineRole", PolicyName: "r" }));
    expect(role).toMatchObject({ RoleName: "InlineRole", PolicyName: "r" });
    expect(decodedDocument(role.PolicyDocument)).toEqual(document);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: "InlineRole" }))).PolicyNames).toEqual(["r"]);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "InlineRole", PolicyName: "r" }));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: "InlineRole" }))).PolicyNames).toEqual([]);
  });

  it("refuses a malformed inline document and one for a missing user", async () => {
    const bad = await apiFailure(iam.send(new PutUserPolicyCommand({ UserName: "inline-user", PolicyName: "bad", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Maybe", Action: "iam:GetUser", Resource: "*" }] }) })));
    expect(bad).toMatchObject({ name: "MalformedPolicyDocumentException", status: 400 });
    expect(bad.message).toMatch(/Effect|Maybe/);
    expect(await apiFailure(iam.send(new PutUserPolicyCommand({ UserName: "nobody", PolicyName: "p", PolicyDocument: JSON.stringify(allow("iam:GetUser")) })))).toMatchObject({ name: "NoSuchEntityException", status: 404 });
  });
});

describe("attachments", () => {
  it("attaches, lists and detaches managed policies, AWS managed ones too, on users, groups and roles", async () => {
    await newApiUser(iam, "attach-user");
    await iam.send(new CreateGroupCommand({ GroupName: "AttachGroup" }));
    await iam.send(new CreateRoleCommand({ RoleName: "AttachRole", AssumeRolePolicyDocument: JSON.stringify(TRUST_ACCOUNT(account.accountId)) }));
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "AttachMe", Path: "/x/", PolicyDocument: JSON.stringify(allow("iam:GetUser")) }));
    const custom = Policy!.Arn!;

    for (const arn of [READ_ONLY_ACCESS, custom]) {
      await iam.send(new AttachUserPolicyCommand({ UserName: "attach-user", PolicyArn: arn }));
      await iam.send(new AttachGroupPolicyCommand({ GroupName: "AttachGroup", PolicyArn: arn }));
      await iam.send(new AttachRolePolicyCommand({ RoleName: "AttachRole", PolicyArn: arn }));
    }
    const expected = expect.arrayContaining([
      { PolicyName: "ReadOnlyAccess", PolicyArn: READ_ONLY_ACCESS },
      { PolicyName: "AttachMe", PolicyArn: custom },
    ]);
    const byUser = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: "attach-user" }));
    expect(byUser.AttachedPolicies).toHaveLength(2);
    expect(byUser.AttachedPolicies).toEqual(expected);
    expect(byUser.IsTruncated).toBe(false);
    const byGroup = (await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: "AttachGroup" }))).AttachedPolicies!;
    expect(byGroup).toHaveLength(2);
    expect(byGroup).toEqual(expected);
    const byRole = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "AttachRole" }))).AttachedPolicies!;
    expect(byRole).toHaveLength(2);
    expect(byRole).toEqual(expected);
    const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "AttachRole", MaxItems: 1 }));
    expect(page.AttachedPolicies).toHaveLength(1);
    expect(page.IsTruncated).toBe(true);
    const filtered = (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: "attach-user", PathPrefix: "/x/" }))).AttachedPolicies!;
    expect(filtered.map((p) => p.PolicyName)).toEqual(["AttachMe"]);

    // The AWS managed policy grants read access: the user's own key can now list users.
    // (attach-user's key is made by newApiUser; a fresh key for this check.)
    const reader = await newApiUser(iam, "attach-reader");
    await iam.send(new AttachUserPolicyCommand({ UserName: "attach-reader", PolicyArn: READ_ONLY_ACCESS }));
    expect((await iamClient(reader.key).send(new ListUsersCommand({}))).Users!.length).toBeGreaterThan(0);

    await iam.send(new DetachUserPolicyCommand({ UserName: "attach-user", PolicyArn: READ_ONLY_ACCESS }));
    await iam.send(new DetachGroupPolicyCommand({ GroupName: "AttachGroup", PolicyArn: READ_ONLY_ACCESS }));
    await iam.send(new DetachRolePolicyCommand({ RoleName: "AttachRole", PolicyArn: READ_ONLY_ACCESS }));
    for (const list of [
      (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: "attach-user" }))).AttachedPolicies!,
      (await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: "AttachGroup" }))).AttachedPolicies!,
      (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "AttachRole" }))).AttachedPolicies!,
    ]) {
      expect(list).toEqual([{ PolicyName: "AttachMe", PolicyArn: custom }]);
    }
    // Detaching what is not attached is NoSuchEntity, as in AWS.
    expect(await apiFailure(iam.send(new DetachUserPolicyCommand({ UserName: "attach-user", PolicyArn: READ_ONLY_ACCESS })))).toMatchObject({ name: "NoSuchEntityException", status: 404 });
  });

  it("answers NoSuchEntity for a policy ARN that does not exist", async () => {
    const unknown = `arn:aws:iam::${account.accountId}:policy/NoSuchPolicy`;
    for (const call of [
      () => iam.send(new AttachUserPolicyCommand({ UserName: "attach-user", PolicyArn: unknown })),
      () => iam.send(new AttachGroupPolicyCommand({ GroupName: "AttachGroup", PolicyArn: unknown })),
      () => iam.send(new AttachRolePolicyCommand({ RoleName: "AttachRole", PolicyArn: unknown })),
      () => iam.send(new AttachUserPolicyCommand({ UserName: "attach-user", PolicyArn: "arn:aws:iam::aws:policy/NoSuchAwsPolicy" })),
      () => iam.send(new GetPolicyCommand({ PolicyArn: unknown })),
    ]) {
      const failure = await apiFailure(call());
      expect(failure).toMatchObject({ name: "NoSuchEntityException", status: 404 });
      expect(failure.message).toMatch(/NoSuch(Aws)?Policy/);
    }
  });
});

describe("permissions boundaries", () => {
  it("sets and removes a user's boundary, shown by GetUser, and the boundary limits the user's key", async () => {
    // The identity policy allows reading users and groups; the boundary allows users only.
    const user = await newApiUser(iam, "bounded", allow(["iam:GetUser", "iam:ListUsers", "iam:ListGroups"]));
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "UsersOnlyBoundary", PolicyDocument: JSON.stringify(allow(["iam:GetUser", "iam:ListUsers"])) }));
    const boundary = Policy!.Arn!;
    const own = iamClient(user.key);
    expect((await own.send(new ListUsersCommand({}))).Users).toBeDefined();
    await own.send(new ListGroupsCommand({}));

    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: "bounded", PermissionsBoundary: boundary }));

    expect((await own.send(new ListUsersCommand({}))).Users).toBeDefined();
    const denied = await apiFailure(own.send(new ListGroupsCommand({})));
    expect(denied).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(denied.message).toBe(`User: ${user.arn} is not authorized to perform: iam:ListGroups on resource: arn:aws:iam::${account.accountId}:group/ because no permissions boundary allows the iam:ListGroups action`);

    await iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: "bounded" }));
    await own.send(new ListGroupsCommand({}));
  });

  it("sets and removes a role's boundary, shown by GetRole; an AWS managed policy can be one", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "BoundedRole", AssumeRolePolicyDocument: JSON.stringify(TRUST_ACCOUNT(account.accountId)) }));
    await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: "BoundedRole", PermissionsBoundary: READ_ONLY_ACCESS }));
    expect((await iam.send(new GetRoleCommand({ RoleName: "BoundedRole" }))).Role!.PermissionsBoundary).toEqual({ PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: READ_ONLY_ACCESS });
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: "BoundedRole" }));
    expect((await iam.send(new GetRoleCommand({ RoleName: "BoundedRole" }))).Role!.PermissionsBoundary).toBeUndefined();
    expect(await apiFailure(iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: "BoundedRole", PermissionsBoundary: `arn:aws:iam::${account.accountId}:policy/NoSuchBoundary` })))).toMatchObject({
      name: "NoSuchEntityException",
      status: 404,
    });
  });
});

describe("SimulatePrincipalPolicy", () => {
  it("decides allowed, implicitDeny and explicitDeny for a user", async () => {
    const { arn } = await newApiUser(iam, "simulated", {
      Version: "2012-10-17",
      Statement: [
        { Sid: "ReadUsers", Effect: "Allow", Action: ["iam:GetUser", "iam:DeleteUser"], Resource: "*" },
        { Sid: "NeverDelete", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" },
      ],
    });
    const target = `arn:aws:iam::${account.accountId}:user/someone`;
    const { EvaluationResults } = await iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ["iam:GetUser", "iam:CreateUser", "iam:DeleteUser"], ResourceArns: [target] }),
    );
    const byAction = Object.fromEntries(EvaluationResults!.map((r) => [r.EvalActionName, r]));
    expect(byAction["iam:GetUser"]).toMatchObject({ EvalDecision: "allowed", EvalResourceName: target });
    expect(byAction["iam:CreateUser"]).toMatchObject({ EvalDecision: "implicitDeny", EvalResourceName: target });
    expect(byAction["iam:DeleteUser"]).toMatchObject({ EvalDecision: "explicitDeny", EvalResourceName: target });
  });
});

// Wire differences this suite found, now as AWS sends them (each test names the element).
describe("AWS's Policy shape, the user's PermissionsBoundary structure, paging and simulation results", () => {
  it("CreatePolicy and GetPolicy return PermissionsBoundaryUsageCount, and count boundary use", async () => {
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "CountedBoundary", PolicyDocument: JSON.stringify(allow("iam:GetUser")) }));
    expect(Policy!.PermissionsBoundaryUsageCount).toBe(0);
    await newApiUser(iam, "counted");
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: "counted", PermissionsBoundary: Policy!.Arn }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn }))).Policy!.PermissionsBoundaryUsageCount).toBe(1);
  });

  it("CreatePolicy and GetPolicy return the policy's Tags", async () => {
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "Tagged", PolicyDocument: JSON.stringify(allow("iam:GetUser")), Tags: [{ Key: "owner", Value: "web platform" }] }));
    expect(Policy!.Tags).toEqual([{ Key: "owner", Value: "web platform" }]);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn }))).Policy!.Tags).toEqual([{ Key: "owner", Value: "web platform" }]);
  });

  it("TagPolicy, ListPolicyTags (paged) and UntagPolicy; ListPolicies counts attachments and boundary use, without tags", async () => {
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "TaggedLater", PolicyDocument: JSON.stringify(allow("iam:GetUser")) }));
    const PolicyArn = Policy!.Arn!;
    await iam.send(new TagPolicyCommand({ PolicyArn, Tags: [{ Key: "b", Value: "2" }, { Key: "a", Value: "1" }, { Key: "c", Value: "3" }] }));
    const page = await iam.send(new ListPolicyTagsCommand({ PolicyArn, MaxItems: 2 }));
    expect(page).toMatchObject({ Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "2" }], IsTruncated: true });
    const rest = await iam.send(new ListPolicyTagsCommand({ PolicyArn, MaxItems: 2, Marker: page.Marker }));
    expect(rest.Tags).toEqual([{ Key: "c", Value: "3" }]);
    expect(rest.IsTruncated).toBe(false);
    expect(rest.Marker).toBeUndefined();
    await iam.send(new UntagPolicyCommand({ PolicyArn, TagKeys: ["a", "c"] }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn }))).Policy!.Tags).toEqual([{ Key: "b", Value: "2" }]);
    // AWS managed policies are not the account's to tag.
    expect(await apiFailure(iam.send(new TagPolicyCommand({ PolicyArn: READ_ONLY_ACCESS, Tags: [{ Key: "a", Value: "1" }] })))).toMatchObject({ status: 400 });

    await newApiUser(iam, "listed-bounded");
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: "listed-bounded", PermissionsBoundary: PolicyArn }));
    await iam.send(new AttachUserPolicyCommand({ UserName: "listed-bounded", PolicyArn }));
    const listed = (await iam.send(new ListPoliciesCommand({ Scope: "Local", MaxItems: 1000 }))).Policies!.find((p) => p.Arn === PolicyArn)!;
    expect(listed).toMatchObject({ AttachmentCount: 1, PermissionsBoundaryUsageCount: 1, IsAttachable: true });
    expect(listed.Tags).toBeUndefined();
    expect(listed.Description).toBeUndefined();
  });

  it("CreatePolicy and GetPolicy leave Description out of a policy created without one", async () => {
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "Undescribed", PolicyDocument: JSON.stringify(allow("iam:GetUser")) }));
    expect(Policy!.Description).toBeUndefined();
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn }))).Policy!.Description).toBeUndefined();
  });

  it("ListEntitiesForPolicy honours MaxItems and Marker", async () => {
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "ManyEntities", PolicyDocument: JSON.stringify(allow("iam:GetUser")) }));
    for (const name of ["entity-a", "entity-b"]) {
      await newApiUser(iam, name);
      await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: Policy!.Arn }));
    }
    const page = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: Policy!.Arn, MaxItems: 1 }));
    expect(page.PolicyUsers).toHaveLength(1);
    expect(page.IsTruncated).toBe(true);
    const rest = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: Policy!.Arn, MaxItems: 1, Marker: page.Marker }));
    expect([...page.PolicyUsers!, ...rest.PolicyUsers!].map((u) => u.UserName)).toEqual(["entity-a", "entity-b"]);
  });

  it("GetUser shows PermissionsBoundary as a structure (PermissionsBoundaryType, PermissionsBoundaryArn)", async () => {
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "ShownBoundary", PolicyDocument: JSON.stringify(allow("iam:GetUser")) }));
    await newApiUser(iam, "shown-boundary");
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: "shown-boundary", PermissionsBoundary: Policy!.Arn }));
    expect((await iam.send(new GetUserCommand({ UserName: "shown-boundary" }))).User!.PermissionsBoundary).toEqual({ PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: Policy!.Arn });
    await iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: "shown-boundary" }));
    expect((await iam.send(new GetUserCommand({ UserName: "shown-boundary" }))).User!.PermissionsBoundary).toBeUndefined();
  });

  it("ListPolicyVersions honours MaxItems and Marker", async () => {
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "PagedVersions", PolicyDocument: JSON.stringify(allow("iam:GetUser")) }));
    const arn = Policy!.Arn!;
    for (const action of ["iam:ListUsers", "iam:ListRoles"]) await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: JSON.stringify(allow(action)) }));
    const paged = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn, MaxItems: 2 }));
    expect(paged.Versions).toHaveLength(2);
    expect(paged.IsTruncated).toBe(true);
    const rest = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn, MaxItems: 2, Marker: paged.Marker }));
    expect(rest.IsTruncated).toBe(false);
    expect([...paged.Versions!, ...rest.Versions!].map((v) => v.VersionId).sort()).toEqual(["v1", "v2", "v3"]);
  });

  it("List(User|Group|Role)Policies honour MaxItems and Marker", async () => {
    await newApiUser(iam, "paged-inline");
    await iam.send(new CreateGroupCommand({ GroupName: "PagedInline" }));
    await iam.send(new CreateRoleCommand({ RoleName: "PagedInline", AssumeRolePolicyDocument: JSON.stringify(TRUST_ACCOUNT(account.accountId)) }));
    const text = JSON.stringify(allow("iam:GetUser"));
    for (const name of ["one", "two"]) {
      await iam.send(new PutUserPolicyCommand({ UserName: "paged-inline", PolicyName: name, PolicyDocument: text }));
      await iam.send(new PutGroupPolicyCommand({ GroupName: "PagedInline", PolicyName: name, PolicyDocument: text }));
      await iam.send(new PutRolePolicyCommand({ RoleName: "PagedInline", PolicyName: name, PolicyDocument: text }));
    }
    const user = await iam.send(new ListUserPoliciesCommand({ UserName: "paged-inline", MaxItems: 1 }));
    expect(user).toMatchObject({ PolicyNames: ["one"], IsTruncated: true });
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: "paged-inline", MaxItems: 1, Marker: user.Marker }))).PolicyNames).toEqual(["two"]);
    expect(await iam.send(new ListGroupPoliciesCommand({ GroupName: "PagedInline", MaxItems: 1 }))).toMatchObject({ PolicyNames: ["one"], IsTruncated: true });
    expect(await iam.send(new ListRolePoliciesCommand({ RoleName: "PagedInline", MaxItems: 1 }))).toMatchObject({ PolicyNames: ["one"], IsTruncated: true });
  });

  it("SimulatePrincipalPolicy returns IsTruncated and each result's MatchedStatements", async () => {
    const { arn } = await newApiUser(iam, "simulated-matches", {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["iam:GetUser", "iam:DeleteUser"], Resource: "*" },
        { Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" },
      ],
    });
    const answer = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ["iam:GetUser", "iam:CreateUser", "iam:DeleteUser"] }));
    expect(answer.IsTruncated).toBe(false);
    const byAction = Object.fromEntries(answer.EvaluationResults!.map((r) => [r.EvalActionName, r]));
    // AWS names each deciding statement by its policy (SourcePolicyId: the inline policy's name) and its type.
    expect(byAction["iam:GetUser"]!.MatchedStatements).toEqual([expect.objectContaining({ SourcePolicyId: "inline", SourcePolicyType: "user" })]);
    expect(byAction["iam:DeleteUser"]!.MatchedStatements).toEqual([expect.objectContaining({ SourcePolicyId: "inline", SourcePolicyType: "user" })]);
    expect(byAction["iam:CreateUser"]!.MatchedStatements ?? []).toEqual([]);
  });
});

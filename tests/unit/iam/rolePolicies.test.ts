// A role's managed and inline policies (real SQLite): AttachRolePolicy, DetachRolePolicy,
// ListAttachedRolePolicies, PutRolePolicy, GetRolePolicy, DeleteRolePolicy and ListRolePolicies,
// through the same attachment and inline-policy pieces users and groups use, with the role's quotas
// (10 managed policies, 10,240 characters of inline policy), its condition keys (iam:PolicyARN,
// iam:PermissionsBoundary, aws:ResourceTag/*) and the policy's own view of its role attachments.

import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { AttachRolePolicy, DetachRolePolicy, ListAttachedRolePolicies } from "@/lib/iam/policies/attachments";
import { DeleteRolePolicy, GetRolePolicy, ListRolePolicies, PutRolePolicy, PutUserPolicy } from "@/lib/iam/policies/inline";
import { DeletePolicy, GetPolicy, ListEntitiesForPolicy, ListPolicies } from "@/lib/iam/policies/managed";
import { auditEvents, createAccount, createCustomerPolicy, createRole, createUser, db, expectIamError, managed, type TestAccount } from "./support/fixtures";

const EMPTY = { Version: "2012-10-17", Statement: [] };
const allow = (Action: string | string[], Resource = "*", Condition?: object) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) }] });

/** A one-statement policy exactly `size` characters long without white space (its layout adds some). */
function documentOfSize(size: number): string {
  const text = allow("s3:GetObject", "arn:aws:s3:::bucket/");
  return text.replace("bucket/", `bucket/${"k".repeat(size - text.length)}`).replace(",", ",\n  ");
}

/** Everything a role's policy operations can change: its attachments and inline policies. */
async function roleState(roleId: string) {
  const [attachments, inline] = await Promise.all([
    db.rolePolicyAttachment.findMany({ where: { roleId }, orderBy: { policyId: "asc" }, select: { policyId: true } }),
    db.inlinePolicy.findMany({ where: { roleId }, orderBy: { nameLower: "asc" }, select: { name: true, document: true } }),
  ]);
  return { attachments, inline };
}

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

describe("a role's managed policies", () => {
  it("attaches AWS and customer managed policies (again changes nothing), lists them by name, and detaches them", async () => {
    await createRole(acct.accountId, "Deployer", { path: "/ci/" });
    const own = await createCustomerPolicy(acct.accountId, "DeployApps", EMPTY);
    await execute(AttachRolePolicy, { RoleName: "Deployer", PolicyArn: managed("IAMReadOnlyAccess") }, acct.root);
    await execute(AttachRolePolicy, { RoleName: "deployer", PolicyArn: own }, acct.root);
    await execute(AttachRolePolicy, { RoleName: "Deployer", PolicyArn: own }, acct.root);
    expect((await execute(ListAttachedRolePolicies, { RoleName: "Deployer" }, acct.root)).AttachedPolicies).toEqual([
      { PolicyName: "DeployApps", PolicyArn: own },
      { PolicyName: "IAMReadOnlyAccess", PolicyArn: managed("IAMReadOnlyAccess") },
    ]);
    // The shared list pieces: paging and PathPrefix.
    const first = await execute(ListAttachedRolePolicies, { RoleName: "Deployer", MaxItems: 1 }, acct.root);
    expect(first.AttachedPolicies.map((p) => p.PolicyName)).toEqual(["DeployApps"]);
    expect(first.IsTruncated).toBe(true);
    const second = await execute(ListAttachedRolePolicies, { RoleName: "Deployer", MaxItems: 1, Marker: first.Marker }, acct.root);
    expect(second.AttachedPolicies.map((p) => p.PolicyName)).toEqual(["IAMReadOnlyAccess"]);
    expect((await execute(ListAttachedRolePolicies, { RoleName: "Deployer", PathPrefix: "/service-role/" }, acct.root)).AttachedPolicies).toEqual([]);

    await execute(DetachRolePolicy, { RoleName: "Deployer", PolicyArn: own }, acct.root);
    await expectIamError(execute(DetachRolePolicy, { RoleName: "Deployer", PolicyArn: own }, acct.root), "NoSuchEntity", `Policy ${own} was not found.`);
    expect((await execute(ListAttachedRolePolicies, { RoleName: "Deployer" }, acct.root)).AttachedPolicies.map((p) => p.PolicyName)).toEqual(["IAMReadOnlyAccess"]);

    const events = await auditEvents(acct.accountId, "iam:AttachRolePolicy");
    expect(new Set(events.map((e) => e.resource))).toEqual(new Set([`arn:aws:iam::${acct.accountId}:role/ci/Deployer`]));
  });

  it("refuses a missing role, a missing policy and another account's policy, changing nothing", async () => {
    const role = await createRole(acct.accountId, "App");
    const other = await createAccount();
    const foreign = await createCustomerPolicy(other.accountId, "Theirs", EMPTY);
    const missing = `arn:aws:iam::${acct.accountId}:policy/Gone`;
    await expectIamError(execute(AttachRolePolicy, { RoleName: "Nobody", PolicyArn: managed("IAMReadOnlyAccess") }, acct.root), "NoSuchEntity", "The role with name Nobody cannot be found.");
    await expectIamError(execute(AttachRolePolicy, { RoleName: "App", PolicyArn: missing }, acct.root), "NoSuchEntity", `Policy ${missing} does not exist or is not attachable.`);
    await expectIamError(execute(AttachRolePolicy, { RoleName: "App", PolicyArn: foreign }, acct.root), "NoSuchEntity");
    await expectIamError(execute(AttachRolePolicy, { RoleName: "App", PolicyArn: "ReadOnly" }, acct.root), "ValidationError", /PolicyArn: must be a managed policy ARN/);
    await expectIamError(execute(ListAttachedRolePolicies, { RoleName: "Nobody" }, acct.root), "NoSuchEntity", "The role with name Nobody cannot be found.");
    expect(await roleState(role.id)).toEqual({ attachments: [], inline: [] });
  });

  it("stops at 10 managed policies per role", async () => {
    const arns: string[] = [];
    for (let i = 0; i < 11; i++) arns.push(await createCustomerPolicy(acct.accountId, `P${i}`, EMPTY));
    const role = await createRole(acct.accountId, "App");
    for (const arn of arns.slice(0, 10)) await execute(AttachRolePolicy, { RoleName: "App", PolicyArn: arn }, acct.root);
    const before = await roleState(role.id);
    await expectIamError(execute(AttachRolePolicy, { RoleName: "App", PolicyArn: arns[10]! }, acct.root), "LimitExceeded", /AttachedPoliciesPerRole: 10\. Detach a policy from App/);
    expect(await roleState(role.id)).toEqual(before);
    // Re-attaching one it already has is not an eleventh.
    await execute(AttachRolePolicy, { RoleName: "App", PolicyArn: arns[0]! }, acct.root);
  });

  it("counts role attachments in the policy's own views, and DeletePolicy refuses while a role holds it", async () => {
    await createRole(acct.accountId, "App");
    const own = await createCustomerPolicy(acct.accountId, "AppAccess", EMPTY);
    await execute(AttachRolePolicy, { RoleName: "App", PolicyArn: own }, acct.root);
    const other = await createAccount();
    await createRole(other.accountId, "Theirs");
    await execute(AttachRolePolicy, { RoleName: "Theirs", PolicyArn: managed("IAMReadOnlyAccess") }, other.root);
    await execute(AttachRolePolicy, { RoleName: "App", PolicyArn: managed("IAMReadOnlyAccess") }, acct.root);

    const entities = await execute(ListEntitiesForPolicy, { PolicyArn: managed("IAMReadOnlyAccess") }, acct.root);
    expect(entities.PolicyRoles.map((r) => r.RoleName)).toEqual(["App"]);
    expect((await execute(ListEntitiesForPolicy, { PolicyArn: own, EntityFilter: "Role" }, acct.root)).PolicyRoles).toHaveLength(1);
    expect((await execute(GetPolicy, { PolicyArn: managed("IAMReadOnlyAccess") }, acct.root)).Policy.AttachmentCount).toBe(1);
    expect((await execute(ListPolicies, { Scope: "Local", OnlyAttached: true }, acct.root)).Policies.map((p) => p.PolicyName)).toEqual(["AppAccess"]);

    await expectIamError(execute(DeletePolicy, { PolicyArn: own }, acct.root), "DeleteConflict", /Detach AppAccess from 1 role first/);
    await execute(DetachRolePolicy, { RoleName: "App", PolicyArn: own }, acct.root);
    await execute(DeletePolicy, { PolicyArn: own }, acct.root);
  });

  it("decides on iam:PolicyARN, the role's iam:PermissionsBoundary and its tags", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "AppBoundary", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] });
    const bounded = await createRole(acct.accountId, "Bounded", { boundary, tags: { team: "web" } });
    const free = await createRole(acct.accountId, "Free", { tags: { team: "web" } });
    const otherTeam = await createRole(acct.accountId, "OtherTeam", { boundary, tags: { team: "ops" } });
    // AWS's delegation pattern: hand out read-only access, only to web roles that keep the boundary.
    const delegate = await createUser(acct.accountId, "delegate");
    await execute(
      PutUserPolicy,
      {
        UserName: "delegate",
        PolicyName: "Delegation",
        PolicyDocument: allow(["iam:AttachRolePolicy", "iam:DetachRolePolicy"], "*", {
          StringEquals: { "iam:PolicyARN": managed("IAMReadOnlyAccess"), "iam:PermissionsBoundary": boundary, "aws:ResourceTag/team": "web" },
        }),
      },
      acct.root,
    );
    await expectIamError(execute(AttachRolePolicy, { RoleName: "Free", PolicyArn: managed("IAMReadOnlyAccess") }, delegate), "AccessDenied");
    await expectIamError(execute(AttachRolePolicy, { RoleName: "OtherTeam", PolicyArn: managed("IAMReadOnlyAccess") }, delegate), "AccessDenied");
    await expectIamError(execute(AttachRolePolicy, { RoleName: "Bounded", PolicyArn: managed("AdministratorAccess") }, delegate), "AccessDenied");
    expect(await roleState(free.id)).toEqual({ attachments: [], inline: [] });
    expect(await roleState(otherTeam.id)).toEqual({ attachments: [], inline: [] });
    expect((await roleState(bounded.id)).attachments).toEqual([]);

    await execute(AttachRolePolicy, { RoleName: "Bounded", PolicyArn: managed("IAMReadOnlyAccess") }, delegate);
    expect((await roleState(bounded.id)).attachments).toHaveLength(1);
    await execute(DetachRolePolicy, { RoleName: "Bounded", PolicyArn: managed("IAMReadOnlyAccess") }, delegate);
    expect((await roleState(bounded.id)).attachments).toEqual([]);

    const denied = (await auditEvents(acct.accountId, "iam:AttachRolePolicy")).filter((e) => e.result === "Denied");
    expect(denied.map((e) => e.resource)).toEqual([free.arn, otherTeam.arn, bounded.arn]);
  });

  it("a read-only caller may list a role's policies but not change them", async () => {
    const role = await createRole(acct.accountId, "App");
    await execute(AttachRolePolicy, { RoleName: "App", PolicyArn: managed("IAMReadOnlyAccess") }, acct.root);
    const reader = await createUser(acct.accountId, "reader", { policies: [managed("IAMReadOnlyAccess")] });
    expect((await execute(ListAttachedRolePolicies, { RoleName: "App" }, reader)).AttachedPolicies).toHaveLength(1);
    const before = await roleState(role.id);
    await expectIamError(execute(AttachRolePolicy, { RoleName: "App", PolicyArn: managed("AdministratorAccess") }, reader), "AccessDenied");
    await expectIamError(execute(DetachRolePolicy, { RoleName: "App", PolicyArn: managed("IAMReadOnlyAccess") }, reader), "AccessDenied");
    expect(await roleState(role.id)).toEqual(before);
  });
});

describe("a role's inline policies", () => {
  it("puts, replaces (names are case-insensitive), lists, gets and deletes a role's inline policy", async () => {
    const role = await createRole(acct.accountId, "App");
    const text = `{ "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] }`;
    await execute(PutRolePolicy, { RoleName: "App", PolicyName: "ReadObjects", PolicyDocument: text }, acct.root);
    expect(await execute(GetRolePolicy, { RoleName: "app", PolicyName: "readobjects" }, acct.root)).toEqual({ RoleName: "App", PolicyName: "ReadObjects", PolicyDocument: text });

    await execute(PutRolePolicy, { RoleName: "App", PolicyName: "READOBJECTS", PolicyDocument: allow("s3:PutObject") }, acct.root);
    await execute(PutRolePolicy, { RoleName: "App", PolicyName: "Another", PolicyDocument: allow("s3:ListBucket") }, acct.root);
    expect(await execute(ListRolePolicies, { RoleName: "App" }, acct.root)).toEqual({ PolicyNames: ["Another", "READOBJECTS"], IsTruncated: false });
    expect((await execute(GetRolePolicy, { RoleName: "App", PolicyName: "ReadObjects" }, acct.root)).PolicyDocument).toBe(allow("s3:PutObject"));

    await execute(DeleteRolePolicy, { RoleName: "App", PolicyName: "readObjects" }, acct.root);
    await expectIamError(execute(DeleteRolePolicy, { RoleName: "App", PolicyName: "ReadObjects" }, acct.root), "NoSuchEntity", "The role policy with name ReadObjects cannot be found.");
    await expectIamError(execute(GetRolePolicy, { RoleName: "App", PolicyName: "ReadObjects" }, acct.root), "NoSuchEntity", "The role policy with name ReadObjects cannot be found.");
    expect((await roleState(role.id)).inline.map((p) => p.name)).toEqual(["Another"]);
  });

  it("refuses a malformed document, a missing role and CreateOnly over an existing name, changing nothing", async () => {
    const role = await createRole(acct.accountId, "App");
    await execute(PutRolePolicy, { RoleName: "App", PolicyName: "Keep", PolicyDocument: allow("s3:GetObject") }, acct.root);
    const before = await roleState(role.id);
    await expectIamError(
      execute(PutRolePolicy, { RoleName: "App", PolicyName: "Keep", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: "s3:*", Resource: "*" }] }) }, acct.root),
      "MalformedPolicyDocument",
    );
    await expectIamError(execute(PutRolePolicy, { RoleName: "App", PolicyName: "keep", PolicyDocument: allow("s3:*"), CreateOnly: true }, acct.root), "EntityAlreadyExists", "Role App already has an inline policy named Keep. Edit it, or choose another name.");
    await expectIamError(execute(PutRolePolicy, { RoleName: "Nobody", PolicyName: "P", PolicyDocument: allow("s3:*") }, acct.root), "NoSuchEntity", "The role with name Nobody cannot be found.");
    await expectIamError(execute(ListRolePolicies, { RoleName: "Nobody" }, acct.root), "NoSuchEntity", "The role with name Nobody cannot be found.");
    expect(await roleState(role.id)).toEqual(before);
  });

  it("holds up to 10,240 characters of inline policy per role, more than a user's 2,048", async () => {
    const role = await createRole(acct.accountId, "App");
    // 3,000 characters: beyond a user's quota, within a role's.
    await execute(PutRolePolicy, { RoleName: "App", PolicyName: "Big", PolicyDocument: documentOfSize(3000) }, acct.root);
    await execute(PutRolePolicy, { RoleName: "App", PolicyName: "Rest", PolicyDocument: documentOfSize(10240 - 3000) }, acct.root);
    const before = await roleState(role.id);
    const error = await expectIamError(execute(PutRolePolicy, { RoleName: "App", PolicyName: "OneMore", PolicyDocument: documentOfSize(200) }, acct.root), "LimitExceeded");
    expect(error.message).toMatch(/InlinePolicySizePerRole: 10240/);
    expect(error.message).toMatch(/The inline policies of role App would total 10440 characters/);
    expect(await roleState(role.id)).toEqual(before);
    // Replacing one counts its new size, not both.
    await execute(PutRolePolicy, { RoleName: "App", PolicyName: "Rest", PolicyDocument: documentOfSize(10240 - 3000) }, acct.root);
  });

  it("decides on the role's iam:PermissionsBoundary for Put and Delete, and lets a reader only read", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "AppBoundary", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] });
    const bounded = await createRole(acct.accountId, "Bounded", { boundary });
    const free = await createRole(acct.accountId, "Free");
    const delegate = await createUser(acct.accountId, "delegate");
    await execute(
      PutUserPolicy,
      { UserName: "delegate", PolicyName: "Delegation", PolicyDocument: allow(["iam:PutRolePolicy", "iam:DeleteRolePolicy"], "*", { StringEquals: { "iam:PermissionsBoundary": boundary } }) },
      acct.root,
    );
    await expectIamError(execute(PutRolePolicy, { RoleName: "Free", PolicyName: "P", PolicyDocument: allow("s3:*") }, delegate), "AccessDenied");
    expect(await roleState(free.id)).toEqual({ attachments: [], inline: [] });
    await execute(PutRolePolicy, { RoleName: "Bounded", PolicyName: "P", PolicyDocument: allow("s3:*") }, delegate);
    await execute(DeleteRolePolicy, { RoleName: "Bounded", PolicyName: "P" }, delegate);
    expect(await roleState(bounded.id)).toEqual({ attachments: [], inline: [] });

    await execute(PutRolePolicy, { RoleName: "Free", PolicyName: "P", PolicyDocument: allow("s3:*") }, acct.root);
    const reader = await createUser(acct.accountId, "reader", { policies: [managed("IAMReadOnlyAccess")] });
    expect((await execute(ListRolePolicies, { RoleName: "Free" }, reader)).PolicyNames).toEqual(["P"]);
    expect((await execute(GetRolePolicy, { RoleName: "Free", PolicyName: "P" }, reader)).PolicyDocument).toBe(allow("s3:*"));
    await expectIamError(execute(DeleteRolePolicy, { RoleName: "Free", PolicyName: "P" }, reader), "AccessDenied");
    await expectIamError(execute(PutRolePolicy, { RoleName: "Free", PolicyName: "Q", PolicyDocument: allow("s3:*") }, reader), "AccessDenied");
    expect((await roleState(free.id)).inline.map((p) => p.name)).toEqual(["P"]);
  });
});

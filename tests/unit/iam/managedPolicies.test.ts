import { beforeEach, describe, expect, it } from "vitest";
import type { AccessDeniedError } from "@/lib/iam/core/errors";
import { CreatePolicy, DeletePolicy } from "@/lib/iam/policies/managed";
import { CreatePolicyVersion, DeletePolicyVersion, ListPolicyVersions, SetDefaultPolicyVersion } from "@/lib/iam/policies/versions";
import { execute } from "@/lib/iam/core/operation";
import { AttachUserPolicy, DetachUserPolicy } from "@/lib/iam/policies/attachments";
import { GetPolicy } from "@/lib/iam/policies/managed";
import { GetPolicyVersion } from "@/lib/iam/policies/versions";
import { ListUsers } from "@/lib/iam/users/users";
import { auditEvents, createAccount, createGroup, createUser, db, expectIamError, managed, rowCounts, type TestAccount } from "./support/fixtures";

const allow = (Action: string | string[], Resource: string | string[] = "*") =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource }] });

/** A one-statement policy exactly `size` characters long without white space. */
function documentOfSize(size: number): string {
  const text = allow("s3:GetObject", "arn:aws:s3:::bucket/");
  return text.replace("bucket/", `bucket/${"k".repeat(size - text.length)}`);
}

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

async function createPolicy(name: string, document = allow("iam:ListUsers")): Promise<string> {
  return (await execute(CreatePolicy, { PolicyName: name, PolicyDocument: document }, acct.root)).Policy.Arn;
}

/** Adds versions until the policy has `count`, each made the default in turn. */
async function withVersions(arn: string, count: number): Promise<void> {
  for (let v = 2; v <= count; v++) await execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: allow("iam:GetUser", `arn:aws:iam::*:user/v${v}`), SetAsDefault: true }, acct.root);
}

describe("CreatePolicy", () => {
  it("creates a customer managed policy with version v1 holding the caller's text as written", async () => {
    const text = `{\n  "Version": "2012-10-17",\n  "Statement": [ { "Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*" } ]\n}`;
    const { Policy } = await execute(
      CreatePolicy,
      { PolicyName: "ListPeople", Path: "/team/", Description: "Lets the team list users.", PolicyDocument: text, Tags: [{ Key: "team", Value: "web" }] },
      acct.root,
    );
    expect(Policy).toMatchObject({
      PolicyName: "ListPeople",
      Arn: `arn:aws:iam::${acct.accountId}:policy/team/ListPeople`,
      Path: "/team/",
      Description: "Lets the team list users.",
      DefaultVersionId: "v1",
      AttachmentCount: 0,
      IsAwsManaged: false,
    });
    expect(Policy.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    const { PolicyVersion } = await execute(GetPolicyVersion, { PolicyArn: Policy.Arn, VersionId: "v1" }, acct.root);
    expect(PolicyVersion).toMatchObject({ Document: text, IsDefaultVersion: true });
    expect(await db.tag.findMany({ where: { policyId: Policy.PolicyId }, select: { key: true, value: true } })).toEqual([{ key: "team", value: "web" }]);
    expect((await auditEvents(acct.accountId, "iam:CreatePolicy"))[0]).toMatchObject({ result: "Allowed", resource: Policy.Arn });
  });

  it("refuses a name already used in the account, in any case, and writes nothing", async () => {
    await createPolicy("DeployApps");
    const before = await rowCounts();
    await expectIamError(
      execute(CreatePolicy, { PolicyName: "deployapps", Path: "/other/", PolicyDocument: allow("iam:GetUser") }, acct.root),
      "EntityAlreadyExists",
      "A policy called deployapps already exists. Duplicate names are not allowed.",
    );
    expect(await rowCounts()).toEqual(before);
    // Another account's names, and AWS's, do not clash.
    const other = await createAccount();
    await execute(CreatePolicy, { PolicyName: "DeployApps", PolicyDocument: allow("iam:GetUser") }, other.root);
    await createPolicy("AdministratorAccess");
  });

  it("checks names, paths, descriptions and tags as AWS does", async () => {
    const base = { PolicyName: "Ok", PolicyDocument: allow("iam:GetUser") };
    await expectIamError(execute(CreatePolicy, { ...base, PolicyName: "has space" }, acct.root), "ValidationError", /PolicyName: may contain only/);
    await expectIamError(execute(CreatePolicy, { ...base, PolicyName: "x".repeat(129) }, acct.root), "ValidationError", /at most 128/);
    await expectIamError(execute(CreatePolicy, { ...base, Path: "team" }, acct.root), "ValidationError", /Path: must be \//);
    await expectIamError(execute(CreatePolicy, { ...base, Description: "d".repeat(1001) }, acct.root), "ValidationError", /Description: must be at most 1000/);
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expectIamError(execute(CreatePolicy, { ...base, Tags: tags }, acct.root), "ValidationError", /at most 50 tags/);
    await execute(CreatePolicy, { ...base, PolicyName: "x".repeat(128), Description: "d".repeat(1000), Tags: tags.slice(0, 50) }, acct.root);
  });

  it("refuses a malformed document with the engine's message and position, audited as Failed", async () => {
    const text = `{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Alow", "Action": "iam:GetUser", "Resource": "*" }]\n}`;
    const before = await rowCounts();
    await expectIamError(
      execute(CreatePolicy, { PolicyName: "Broken", PolicyDocument: text }, acct.root),
      "MalformedPolicyDocument",
      'Effect "Alow" is not valid: use "Allow" or "Deny" (case-sensitive) (line 3, column 29).',
    );
    const twoErrors = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser" }, { Effect: "Nope", Action: "iam:GetUser", Resource: "*" }] });
    await expectIamError(execute(CreatePolicy, { PolicyName: "Broken", PolicyDocument: twoErrors }, acct.root), "MalformedPolicyDocument", /There is 1 more error in this document\.$/);
    await expectIamError(execute(CreatePolicy, { PolicyName: "Broken", PolicyDocument: "{ not json" }, acct.root), "MalformedPolicyDocument", /^Line 1: put the key `not` in double quotes/);
    expect(await rowCounts()).toEqual(before);
    expect((await auditEvents(acct.accountId, "iam:CreatePolicy")).map((e) => [e.result, e.errorCode])).toEqual([
      ["Failed", "MalformedPolicyDocument"],
      ["Failed", "MalformedPolicyDocument"],
      ["Failed", "MalformedPolicyDocument"],
    ]);
  });

  it("refuses an invalid action name, which the engine only tolerates in stored policies it evaluates", async () => {
    // "You cannot edit and save existing policies without fixing any policy syntax errors."
    const before = await rowCounts();
    for (const action of ["s3:GetObject,PutObject", "s3:", "s3:   GetBucket"]) {
      await expectIamError(
        execute(CreatePolicy, { PolicyName: "Invalid", PolicyDocument: allow(["s3:ListBucket", action]) }, acct.root),
        "MalformedPolicyDocument",
        `The action name in "${action}" is not valid`,
      );
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("holds a managed policy to 6,144 characters without white space", async () => {
    await createPolicy("AtLimit", documentOfSize(6144));
    await expectIamError(execute(CreatePolicy, { PolicyName: "OverLimit", PolicyDocument: documentOfSize(6145) }, acct.root), "MalformedPolicyDocument", /6145 characters .* 6144-character quota/);
  });
});

describe("policy versions", () => {
  it("adds versions, lists them newest first and moves the default", async () => {
    const arn = await createPolicy("DeployApps");
    const before = (await execute(GetPolicy, { PolicyArn: arn }, acct.root)).Policy.UpdateDate;
    // UpdateDate is a clock reading: let the clock move so the change is visible in it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { PolicyVersion } = await execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: allow("iam:GetUser") }, acct.root);
    expect(PolicyVersion).toMatchObject({ VersionId: "v2", IsDefaultVersion: false, Document: allow("iam:GetUser") });
    await execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: allow("iam:GetGroup"), SetAsDefault: true, ExpectedDefaultVersionId: "v1" }, acct.root);
    const { Versions } = await execute(ListPolicyVersions, { PolicyArn: arn }, acct.root);
    expect(Versions.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([["v3", true], ["v2", false], ["v1", false]]);
    const { Policy } = await execute(GetPolicy, { PolicyArn: arn }, acct.root);
    expect(Policy.DefaultVersionId).toBe("v3");
    expect(Policy.UpdateDate.getTime()).toBeGreaterThan(before.getTime());

    await execute(SetDefaultPolicyVersion, { PolicyArn: arn, VersionId: "v1" }, acct.root);
    expect((await execute(GetPolicy, { PolicyArn: arn }, acct.root)).Policy.DefaultVersionId).toBe("v1");
    expect(await db.policyVersion.count({ where: { policy: { arn }, isDefault: true } })).toBe(1);
    const unchanged = await db.managedPolicy.findUnique({ where: { arn } });
    await execute(SetDefaultPolicyVersion, { PolicyArn: arn, VersionId: "v1" }, acct.root);
    expect(await db.managedPolicy.findUnique({ where: { arn } })).toEqual(unchanged);
    await expectIamError(execute(SetDefaultPolicyVersion, { PolicyArn: arn, VersionId: "v9" }, acct.root), "NoSuchEntity", `Policy ${arn} version v9 does not exist.`);
  });

  it("keeps at most 5 versions, and makes room when DeleteVersionId names a non-default one", async () => {
    const arn = await createPolicy("DeployApps");
    await withVersions(arn, 5);
    const before = await rowCounts();
    const policyBefore = await db.managedPolicy.findUnique({ where: { arn } });
    await expectIamError(
      execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: allow("iam:ListGroups") }, acct.root),
      "LimitExceeded",
      "Cannot exceed quota for VersionsPerPolicy: 5. DeployApps already has 5 versions; delete a version first (v1 is the oldest that is not the default).",
    );
    expect(await rowCounts()).toEqual(before);
    expect(await db.managedPolicy.findUnique({ where: { arn } })).toEqual(policyBefore);

    await expectIamError(execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: allow("iam:ListGroups"), DeleteVersionId: "v5" }, acct.root), "DeleteConflict", /default version \(v5\)/);
    await expectIamError(execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: allow("iam:ListGroups"), DeleteVersionId: "v8" }, acct.root), "NoSuchEntity");
    expect(await rowCounts()).toEqual(before);

    const { PolicyVersion } = await execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: allow("iam:ListGroups"), SetAsDefault: true, DeleteVersionId: "v2" }, acct.root);
    expect(PolicyVersion.VersionId).toBe("v6");
    const { Versions } = await execute(ListPolicyVersions, { PolicyArn: arn }, acct.root);
    expect(Versions.map((v) => v.VersionId)).toEqual(["v6", "v5", "v4", "v3", "v1"]);

    // Version IDs are never reused: with room made again, the next version is v7.
    await execute(DeletePolicyVersion, { PolicyArn: arn, VersionId: "v5" }, acct.root);
    expect((await execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: allow("iam:GetGroup") }, acct.root)).PolicyVersion.VersionId).toBe("v7");
  });

  it("refuses a version built on a stale default (ConcurrentModification) and writes nothing", async () => {
    const arn = await createPolicy("DeployApps");
    await withVersions(arn, 3);
    const before = await rowCounts();
    const policyBefore = await db.managedPolicy.findUnique({ where: { arn } });
    await expectIamError(
      execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: allow("iam:ListGroups"), SetAsDefault: true, ExpectedDefaultVersionId: "v2", DeleteVersionId: "v1" }, acct.root),
      "ConcurrentModification",
      "The policy's default version changed to v3 while you were editing (you started from v2). Reload to see it; your text is kept.",
    );
    expect(await rowCounts()).toEqual(before);
    expect(await db.managedPolicy.findUnique({ where: { arn } })).toEqual(policyBefore);
    expect((await auditEvents(acct.accountId, "iam:CreatePolicyVersion")).at(-1)).toMatchObject({ result: "Failed", errorCode: "ConcurrentModification" });
  });

  it("never deletes the default version, and reports versions that do not exist", async () => {
    const arn = await createPolicy("DeployApps");
    await withVersions(arn, 2);
    await expectIamError(
      execute(DeletePolicyVersion, { PolicyArn: arn, VersionId: "v2" }, acct.root),
      "DeleteConflict",
      "Cannot delete the default version (v2) of DeployApps. Make another version the default first.",
    );
    await expectIamError(execute(DeletePolicyVersion, { PolicyArn: arn, VersionId: "v3" }, acct.root), "NoSuchEntity");
    await execute(DeletePolicyVersion, { PolicyArn: arn, VersionId: "v1" }, acct.root);
    expect((await execute(ListPolicyVersions, { PolicyArn: arn }, acct.root)).Versions.map((v) => v.VersionId)).toEqual(["v2"]);
  });

  it("changes what a group's members may do as soon as a new default version is set", async () => {
    const arn = await createPolicy("TeamAccess", allow("iam:ListUsers"));
    const groupId = await createGroup(acct.accountId, "Team", [arn]);
    const member = await createUser(acct.accountId, "member", { groupIds: [groupId] });
    await execute(ListUsers, {}, member);

    await execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: allow("iam:GetUser"), SetAsDefault: true }, acct.root);
    const denied = (await expectIamError(execute(ListUsers, {}, member), "AccessDenied")) as AccessDeniedError;
    expect(denied.explanation.statements.map((s) => s.policy)).toEqual(["TeamAccess v2 (via group Team)"]);

    await execute(SetDefaultPolicyVersion, { PolicyArn: arn, VersionId: "v1" }, acct.root);
    await execute(ListUsers, {}, member);
  });
});

describe("DeletePolicy", () => {
  it("refuses while the policy is attached or a permissions boundary, then deletes it with every version and tag", async () => {
    const arn = (await execute(CreatePolicy, { PolicyName: "DeployApps", PolicyDocument: allow("iam:GetUser"), Tags: [{ Key: "a", Value: "b" }] }, acct.root)).Policy.Arn;
    await withVersions(arn, 3);
    await createUser(acct.accountId, "alice");
    await createGroup(acct.accountId, "Ops", [arn]);
    await execute(AttachUserPolicy, { UserName: "alice", PolicyArn: arn }, acct.root);
    await expectIamError(
      execute(DeletePolicy, { PolicyArn: arn }, acct.root),
      "DeleteConflict",
      "Cannot delete a policy attached to entities. Detach DeployApps from 1 user and 1 group first.",
    );
    await execute(DetachUserPolicy, { UserName: "alice", PolicyArn: arn }, acct.root);
    await db.groupPolicyAttachment.deleteMany({ where: { policy: { arn } } });

    await db.user.update({ where: { arn: `arn:aws:iam::${acct.accountId}:user/alice` }, data: { permissionsBoundaryArn: arn } });
    await expectIamError(execute(DeletePolicy, { PolicyArn: arn }, acct.root), "DeleteConflict", /permissions boundary of 1 user first/);
    await db.user.updateMany({ where: { permissionsBoundaryArn: arn }, data: { permissionsBoundaryArn: null } });

    const policyId = (await db.managedPolicy.findUnique({ where: { arn } }))!.id;
    await execute(DeletePolicy, { PolicyArn: arn }, acct.root);
    expect(await db.managedPolicy.count({ where: { arn } })).toBe(0);
    expect(await db.policyVersion.count({ where: { policyId } })).toBe(0);
    expect(await db.tag.count({ where: { policyId } })).toBe(0);
    await expectIamError(execute(DeletePolicy, { PolicyArn: arn }, acct.root), "NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`);
  });
});

describe("AWS managed policies and the engine", () => {
  it("reads AWS managed policies' versions but refuses every change to them", async () => {
    const arn = managed("IAMReadOnlyAccess");
    expect((await execute(ListPolicyVersions, { PolicyArn: arn }, acct.root)).Versions).toEqual([expect.objectContaining({ VersionId: "v1", IsDefaultVersion: true })]);
    const before = await rowCounts();
    const readOnly = /^AWS managed policies are read-only in Portcullis\./;
    await expectIamError(execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: allow("*") }, acct.root), "InvalidInput", readOnly);
    await expectIamError(execute(SetDefaultPolicyVersion, { PolicyArn: arn, VersionId: "v1" }, acct.root), "InvalidInput", readOnly);
    await expectIamError(execute(DeletePolicyVersion, { PolicyArn: arn, VersionId: "v1" }, acct.root), "InvalidInput", readOnly);
    await expectIamError(execute(DeletePolicy, { PolicyArn: arn }, acct.root), "InvalidInput", readOnly);
    expect(await rowCounts()).toEqual(before);
  });

  it("gates each change on the policy's ARN and tags, auditing Allowed, Denied and Failed", async () => {
    const own = await createPolicy("DeployApps");
    const other = await createPolicy("Other");
    const editor = await createUser(acct.accountId, "editor", {
      inline: { EditDeployApps: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:CreatePolicyVersion", "iam:DeletePolicyVersion"], Resource: own }] } },
    });
    await execute(CreatePolicyVersion, { PolicyArn: own, PolicyDocument: allow("iam:GetUser") }, editor);
    const before = await rowCounts();
    await expectIamError(execute(CreatePolicyVersion, { PolicyArn: other, PolicyDocument: allow("iam:GetUser") }, editor), "AccessDenied", /no statement allows iam:CreatePolicyVersion/);
    await expectIamError(execute(DeletePolicyVersion, { PolicyArn: own, VersionId: "v1" }, editor), "DeleteConflict");
    expect(await rowCounts()).toEqual(before);
    const events = (await auditEvents(acct.accountId)).filter((e) => e.principalArn === editor.arn);
    expect(events.map((e) => [e.action, e.resource, e.result])).toEqual([
      ["iam:CreatePolicyVersion", own, "Allowed"],
      ["iam:CreatePolicyVersion", other, "Denied"],
      ["iam:DeletePolicyVersion", own, "Failed"],
    ]);

    await db.tag.create({ data: { policyId: (await db.managedPolicy.findUnique({ where: { arn: other } }))!.id, key: "team", keyLower: "team", value: "web" } });
    const tagged = await createUser(acct.accountId, "tagged", {
      inline: {
        WebPolicies: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:SetDefaultPolicyVersion", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/team": "web" } } }] },
      },
    });
    await execute(SetDefaultPolicyVersion, { PolicyArn: other, VersionId: "v1" }, tagged);
    await expectIamError(execute(SetDefaultPolicyVersion, { PolicyArn: own, VersionId: "v1" }, tagged), "AccessDenied");
  });

  it("decides CreatePolicy on the tags it would set", async () => {
    const creator = await createUser(acct.accountId, "creator", {
      inline: { Tagged: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:CreatePolicy", Resource: "*", Condition: { StringEquals: { "aws:RequestTag/team": "web" } } }] } },
    });
    await execute(CreatePolicy, { PolicyName: "Web", PolicyDocument: allow("iam:GetUser"), Tags: [{ Key: "team", Value: "web" }] }, creator);
    await expectIamError(execute(CreatePolicy, { PolicyName: "Untagged", PolicyDocument: allow("iam:GetUser") }, creator), "AccessDenied");
  });
});

// CreateRoleWithPolicies, the create-role wizard's "Create role", on real SQLite: CreateRole then
// AttachRolePolicy for each chosen policy, each step authorized and audited, all or nothing.
// Expectations come from AWS's IAM API reference (CreateRole, AttachRolePolicy, the quota of 10
// managed policies per role, MalformedPolicyDocument), not from the code under test.

import { beforeEach, describe, expect, it } from "vitest";
import type { AccessDeniedError } from "@/lib/iam/core/errors";
import { execute } from "@/lib/iam/core/operation";
import { CreateRoleWithPolicies } from "@/lib/iam/roles/createRoleWithPolicies";
import { roleArn } from "@/lib/policy";
import { auditEvents, createAccount, createCustomerPolicy, createUser, db, expectIamError, managed, rowCounts, snapshot, type TestAccount } from "./support/fixtures";

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const trust = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const mfaTrust = () =>
  trust({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${acct.accountId}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } });

async function state() {
  return { counts: await rowCounts(), content: await snapshot(acct.accountId), events: (await auditEvents(acct.accountId)).length };
}

/** The account's role of that name with its attachments and tags, or null. */
const roleNamed = (name: string) =>
  db.role.findFirst({ where: { accountId: acct.accountId, name }, include: { attachedPolicies: { include: { policy: true } }, tags: true } });

describe("CreateRoleWithPolicies (the create-role wizard)", () => {
  it("creates the role with its trust policy, description, session duration, boundary and tags, then attaches each policy, every step audited", async () => {
    const own = await createCustomerPolicy(acct.accountId, "Deploy", { Version: "2012-10-17", Statement: [] });
    const document = mfaTrust();
    const { Role } = await execute(
      CreateRoleWithPolicies,
      {
        RoleName: "Auditor",
        AssumeRolePolicyDocument: document,
        Description: "Reads everything, with MFA",
        MaxSessionDuration: 4 * 3600,
        PermissionsBoundary: managed("IAMReadOnlyAccess"),
        Tags: [{ Key: "team", Value: "security" }],
        // A policy chosen twice is attached once, as the console's picker would.
        PolicyArns: [managed("IAMReadOnlyAccess"), own, own],
      },
      acct.root,
    );
    expect(Role).toMatchObject({
      RoleName: "Auditor",
      Arn: roleArn(acct.accountId, "Auditor"),
      AssumeRolePolicyDocument: document,
      Description: "Reads everything, with MFA",
      MaxSessionDuration: 14400,
      PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: managed("IAMReadOnlyAccess") },
      Tags: [{ Key: "team", Value: "security" }],
    });
    const row = await roleNamed("Auditor");
    expect(row?.attachedPolicies.map((a) => a.policy.arn).sort()).toEqual([managed("IAMReadOnlyAccess"), own].sort());
    const events = await auditEvents(acct.accountId);
    expect(events.map((e) => [e.action, e.resource, e.result])).toEqual([
      ["iam:CreateRole", Role.Arn, "Allowed"],
      ["iam:AttachRolePolicy", Role.Arn, "Allowed"],
      ["iam:AttachRolePolicy", Role.Arn, "Allowed"],
    ]);
  });

  it("creates a role with no policies at all (permissions can be added later)", async () => {
    await execute(CreateRoleWithPolicies, { RoleName: "Empty", AssumeRolePolicyDocument: mfaTrust() }, acct.root);
    expect((await roleNamed("Empty"))?.attachedPolicies).toEqual([]);
  });

  it("stops at a denied AttachRolePolicy step, names it, leaves no role, and audits the denial under the step's action", async () => {
    const admin = await createUser(acct.accountId, "admin", {
      policies: [managed("IAMFullAccess")],
      inline: { GuardRails: { Version: "2012-10-17", Statement: [{ Sid: "NoAttach", Effect: "Deny", Action: "iam:AttachRolePolicy", Resource: "*" }] } },
    });
    const before = await state();
    const denied = (await expectIamError(
      execute(CreateRoleWithPolicies, { RoleName: "Auditor", AssumeRolePolicyDocument: mfaTrust(), PolicyArns: [managed("IAMReadOnlyAccess")] }, admin),
      "AccessDenied",
      /^CreateRoleWithPolicies changed nothing: its AttachRolePolicy step was denied\./,
    )) as AccessDeniedError;
    expect(denied.stoppedWorkflow).toEqual({ workflow: "CreateRoleWithPolicies", step: "AttachRolePolicy" });
    expect(denied.explanation.decidedBy).toEqual([expect.objectContaining({ statement: "NoAttach", effect: "Deny" })]);
    expect(await rowCounts()).toEqual(before.counts);
    expect(await snapshot(acct.accountId)).toBe(before.content);
    const events = (await auditEvents(acct.accountId)).slice(before.events);
    expect(events.map((e) => [e.action, e.resource, e.result])).toEqual([["iam:AttachRolePolicy", roleArn(acct.accountId, "Auditor"), "Denied"]]);
  });

  it("is denied at CreateRole itself for a caller who may not create roles, and writes nothing", async () => {
    const reader = await createUser(acct.accountId, "reader", { policies: [managed("IAMReadOnlyAccess")] });
    const before = await state();
    await expectIamError(execute(CreateRoleWithPolicies, { RoleName: "Auditor", AssumeRolePolicyDocument: mfaTrust() }, reader), "AccessDenied");
    expect(await rowCounts()).toEqual(before.counts);
    const events = (await auditEvents(acct.accountId)).slice(before.events);
    expect(events.map((e) => [e.action, e.result])).toEqual([["iam:CreateRole", "Denied"]]);
  });

  it("refuses an eleventh managed policy with AWS's LimitExceeded (10 per role) and leaves no role behind", async () => {
    const arns: string[] = [];
    for (let i = 1; i <= 11; i++) arns.push(await createCustomerPolicy(acct.accountId, `Policy${i}`, { Version: "2012-10-17", Statement: [] }));
    const before = await state();
    await expectIamError(execute(CreateRoleWithPolicies, { RoleName: "TooMany", AssumeRolePolicyDocument: mfaTrust(), PolicyArns: arns }, acct.root), "LimitExceeded", /AttachedPoliciesPerRole|10/);
    expect(await rowCounts()).toEqual(before.counts);
    expect(await roleNamed("TooMany")).toBeNull();
    // Ten is the quota, not one past it.
    await execute(CreateRoleWithPolicies, { RoleName: "Ten", AssumeRolePolicyDocument: mfaTrust(), PolicyArns: arns.slice(0, 10) }, acct.root);
    expect((await roleNamed("Ten"))?.attachedPolicies).toHaveLength(10);
  });

  it("refuses a trust policy the engine's trust-policy rules reject (a Resource element) with MalformedPolicyDocument, and writes nothing", async () => {
    const before = await state();
    const document = trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" });
    await expectIamError(
      execute(CreateRoleWithPolicies, { RoleName: "Broken", AssumeRolePolicyDocument: document, PolicyArns: [managed("IAMReadOnlyAccess")] }, acct.root),
      "MalformedPolicyDocument",
      /Resource/,
    );
    expect(await rowCounts()).toEqual(before.counts);
    expect(await snapshot(acct.accountId)).toBe(before.content);
  });

  it("refuses a name that exists (case-insensitively) with EntityAlreadyExists and attaches nothing", async () => {
    await execute(CreateRoleWithPolicies, { RoleName: "Auditor", AssumeRolePolicyDocument: mfaTrust() }, acct.root);
    const before = await state();
    await expectIamError(
      execute(CreateRoleWithPolicies, { RoleName: "AUDITOR", AssumeRolePolicyDocument: mfaTrust(), PolicyArns: [managed("IAMReadOnlyAccess")] }, acct.root),
      "EntityAlreadyExists",
      "Role with name AUDITOR already exists.",
    );
    expect(await rowCounts()).toEqual(before.counts);
  });
});

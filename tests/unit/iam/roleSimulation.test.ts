// SimulatePrincipalPolicy with a role's ARN as PolicySourceArn, as AWS accepts it: the decision is
// the one a session of the role would get from the role's identity policies and its permissions
// boundary, with the role's tags as aws:PrincipalTag/* and the role's ARN as aws:PrincipalArn.

import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { AttachRolePolicy } from "@/lib/iam/policies/attachments";
import { PutRolePolicy } from "@/lib/iam/policies/inline";
import { SimulatePrincipalPolicy } from "@/lib/iam/policies/simulation";
import { auditEvents, createAccount, createCustomerPolicy, createRole, createUser, expectIamError, managed, type TestAccount } from "./support/fixtures";

const policy = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

async function simulate(roleArn: string, input: Record<string, unknown>, caller = acct.root) {
  return (await execute(SimulatePrincipalPolicy, { PolicySourceArn: roleArn, ...input }, caller)).EvaluationResults;
}

describe("SimulatePrincipalPolicy for a role", () => {
  it("decides with the role's attached and inline policies and names the one that decided", async () => {
    const role = await createRole(acct.accountId, "Auditor", { path: "/audit/" });
    await execute(AttachRolePolicy, { RoleName: "Auditor", PolicyArn: managed("IAMReadOnlyAccess") }, acct.root);
    await execute(PutRolePolicy, { RoleName: "Auditor", PolicyName: "NoUserReads", PolicyDocument: policy({ Sid: "NoGetUser", Effect: "Deny", Action: "iam:GetUser", Resource: "*" }) }, acct.root);
    const results = await simulate(role.arn, { ActionNames: ["iam:ListUsers", "iam:GetUser", "iam:CreateUser"] });
    expect(results.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ["iam:ListUsers", "allowed"],
      ["iam:GetUser", "explicitDeny"],
      ["iam:CreateUser", "implicitDeny"],
    ]);
    expect(results[1]!.Explanation.decidedBy).toEqual([expect.objectContaining({ policy: "NoUserReads (inline, role Auditor)", statement: "NoGetUser", effect: "Deny" })]);
  });

  it("honours the role's permissions boundary: what the boundary does not allow is denied", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "OnlyIamReads", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:List*", Resource: "*" }] });
    const role = await createRole(acct.accountId, "Bounded", { boundary });
    await execute(AttachRolePolicy, { RoleName: "Bounded", PolicyArn: managed("AdministratorAccess") }, acct.root);
    const results = await simulate(role.arn, { ActionNames: ["iam:ListRoles", "iam:DeleteRole"] });
    expect(results.map((r) => r.EvalDecision)).toEqual(["allowed", "implicitDeny"]);
    expect(results[1]!.Explanation.summary).toMatch(/boundary/i);
  });

  it("carries the role's ARN as aws:PrincipalArn and its tags as principal tags, and no aws:username", async () => {
    const role = await createRole(acct.accountId, "Tagged", { tags: { team: "web" } });
    await execute(
      PutRolePolicy,
      {
        RoleName: "Tagged",
        PolicyName: "Keys",
        PolicyDocument: policy(
          { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::${aws:PrincipalTag/team}-bucket/*" },
          { Effect: "Allow", Action: "iam:GetRole", Resource: "*", Condition: { ArnEquals: { "aws:PrincipalArn": role.arn } } },
          { Effect: "Allow", Action: "iam:GetUser", Resource: "*", Condition: { Null: { "aws:username": "false" } } },
        ),
      },
      acct.root,
    );
    const results = await simulate(role.arn, { ActionNames: ["s3:GetObject", "iam:GetRole", "iam:GetUser"], ResourceArns: ["arn:aws:s3:::web-bucket/a.txt"] });
    expect(results.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ["s3:GetObject", "allowed"],
      ["iam:GetRole", "allowed"],
      ["iam:GetUser", "implicitDeny"],
    ]);
  });

  it("finds only roles of the caller's account, and is gated on iam:SimulatePrincipalPolicy for the role's ARN", async () => {
    const other = await createAccount();
    const outsider = await createRole(other.accountId, "Outsider");
    await expectIamError(simulate(outsider.arn, { ActionNames: ["iam:GetRole"] }), "NoSuchEntity", /No role in account/);
    const role = await createRole(acct.accountId, "Deployer");
    const viewer = await createUser(acct.accountId, "viewer", { inline: { NoSim: JSON.parse(policy({ Effect: "Allow", Action: "iam:GetRole", Resource: "*" })) } });
    await expectIamError(simulate(role.arn, { ActionNames: ["iam:GetRole"] }, viewer), "AccessDenied", /iam:SimulatePrincipalPolicy/);
    const denied = await auditEvents(acct.accountId, "iam:SimulatePrincipalPolicy");
    expect(denied.map((e) => [e.resource, e.result])).toContainEqual([role.arn, "Denied"]);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { CreatePolicyVersion } from "@/lib/iam/policies/versions";
import { execute } from "@/lib/iam/core/operation";
import { SimulatePrincipalPolicy } from "@/lib/iam/policies/simulation";
import { userArn } from "@/lib/policy";
import { auditEvents, createAccount, createCustomerPolicy, createGroup, createUser, db, expectIamError, managed, rowCounts, type TestAccount } from "./support/fixtures";

type Statement = { Sid?: string; Effect: "Allow" | "Deny"; Action: string | string[]; Resource: string | string[]; Condition?: object };
const policy = (...Statement: Statement[]) => ({ Version: "2012-10-17", Statement });

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

async function simulate(userName: string, input: Record<string, unknown>) {
  const { EvaluationResults } = await execute(SimulatePrincipalPolicy, { PolicySourceArn: userArn(acct.accountId, userName), ...input }, acct.root);
  return EvaluationResults;
}

describe("SimulatePrincipalPolicy", () => {
  it("decides with the user's real policies and names the policy version that decided", async () => {
    const arn = await createCustomerPolicy(acct.accountId, "TeamAccess", policy({ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }));
    await execute(CreatePolicyVersion, { PolicyArn: arn, PolicyDocument: JSON.stringify(policy({ Sid: "ListPeople", Effect: "Allow", Action: "iam:ListUsers", Resource: "*" })), SetAsDefault: true }, acct.root);
    const groupId = await createGroup(acct.accountId, "Team", [arn]);
    await createUser(acct.accountId, "alice", {
      groupIds: [groupId],
      inline: { NoDeletes: policy({ Sid: "NoDeletes", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" }) },
    });

    const results = await simulate("alice", { ActionNames: ["iam:ListUsers", "iam:GetUser", "iam:DeleteUser"] });
    expect(results.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])).toEqual([
      ["iam:ListUsers", "*", "allowed"],
      ["iam:GetUser", "*", "implicitDeny"],
      ["iam:DeleteUser", "*", "explicitDeny"],
    ]);
    const [listed, got, deleted] = results;
    expect(listed!.Explanation.decidedBy).toEqual([expect.objectContaining({ policy: "TeamAccess v2 (via group Team)", statement: "ListPeople", effect: "Allow" })]);
    expect(listed!.Explanation.summary).toContain("TeamAccess v2");
    expect(got!.Explanation.decidedBy).toEqual([]);
    expect(got!.Explanation.summary).toContain("iam:GetUser");
    expect(deleted!.Explanation.decidedBy).toEqual([expect.objectContaining({ policy: "NoDeletes (inline, user alice)", statement: "NoDeletes", effect: "Deny" })]);
    expect(deleted!.Explanation.statements.length).toBe(2);
  });

  it("decides every action on every resource, with aws:username and the user's tags as principal tags", async () => {
    await createUser(acct.accountId, "bob");
    await createUser(acct.accountId, "alice", {
      tags: { team: "web" },
      inline: {
        Self: policy({ Effect: "Allow", Action: "iam:GetUser", Resource: "arn:aws:iam::*:user/${aws:username}" }),
        Team: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::${aws:PrincipalTag/team}-bucket/*" }),
      },
    });
    const results = await simulate("alice", {
      ActionNames: ["iam:GetUser", "s3:GetObject"],
      ResourceArns: [userArn(acct.accountId, "alice"), userArn(acct.accountId, "bob"), "arn:aws:s3:::web-bucket/report.pdf"],
    });
    expect(results.filter((r) => r.EvalDecision === "allowed").map((r) => [r.EvalActionName, r.EvalResourceName])).toEqual([
      ["iam:GetUser", userArn(acct.accountId, "alice")],
      ["s3:GetObject", "arn:aws:s3:::web-bucket/report.pdf"],
    ]);
    expect(results).toHaveLength(6);
  });

  it("takes MFA and context entries from the request, multiple values making a multivalued key", async () => {
    await createUser(acct.accountId, "alice", {
      inline: {
        Guarded: policy(
          { Effect: "Allow", Action: "iam:CreateUser", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } },
          { Effect: "Allow", Action: "iam:ListUsers", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
          { Effect: "Allow", Action: "iam:TagUser", Resource: "*", Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "cost"] } } },
        ),
      },
    });
    const decide = async (input: Record<string, unknown>) => (await simulate("alice", input)).map((r) => r.EvalDecision);
    expect(await decide({ ActionNames: ["iam:CreateUser"] })).toEqual(["implicitDeny"]);
    expect(await decide({ ActionNames: ["iam:CreateUser"], MultiFactorAuthPresent: true })).toEqual(["allowed"]);
    expect(await decide({ ActionNames: ["iam:CreateUser"], MultiFactorAuthPresent: "true" })).toEqual(["allowed"]);
    // A context entry wins over the computed key of the same name, in any case.
    expect(await decide({ ActionNames: ["iam:CreateUser"], ContextEntries: [{ ContextKeyName: "AWS:MultiFactorAuthPresent", ContextKeyValues: ["true"] }] })).toEqual(["allowed"]);

    expect(await decide({ ActionNames: ["iam:ListUsers"] })).toEqual(["implicitDeny"]);
    expect(await decide({ ActionNames: ["iam:ListUsers"], ContextEntries: [{ ContextKeyName: "aws:SourceIp", ContextKeyValues: ["10.1.2.3"], ContextKeyType: "ip" }] })).toEqual(["allowed"]);

    const tagKeys = (values: string[]) => ({ ActionNames: ["iam:TagUser"], ContextEntries: [{ ContextKeyName: "aws:TagKeys", ContextKeyValues: values }] });
    expect(await decide(tagKeys(["team", "cost"]))).toEqual(["allowed"]);
    expect(await decide(tagKeys(["team", "owner"]))).toEqual(["implicitDeny"]);
  });

  it("honours the user's permissions boundary", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "ReadOnlyBoundary", policy({ Effect: "Allow", Action: "iam:Get*", Resource: "*" }));
    const alice = await createUser(acct.accountId, "alice", { policies: [managed("AdministratorAccess")] });
    await db.user.update({ where: { id: alice.userId }, data: { permissionsBoundaryArn: boundary } });
    const results = await simulate("alice", { ActionNames: ["iam:GetUser", "iam:CreateUser"] });
    expect(results.map((r) => r.EvalDecision)).toEqual(["allowed", "implicitDeny"]);
    expect(results[1]!.Explanation.summary).toContain('the permissions boundary "ReadOnlyBoundary v1"');
  });

  it("decides at most 100 action and resource pairs per request", async () => {
    await createUser(acct.accountId, "alice");
    const actions = (n: number) => Array.from({ length: n }, (_, i) => `iam:Action${i}`);
    const resources = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket${i}`);
    expect(await simulate("alice", { ActionNames: actions(10), ResourceArns: resources(10) })).toHaveLength(100);
    await expectIamError(simulate("alice", { ActionNames: actions(101) }), "LimitExceeded", "A simulation decides at most 100 action and resource pairs; this one asks for 101 (101 actions × 1 resource). Simulate fewer at a time.");
    await expectIamError(simulate("alice", { ActionNames: actions(10), ResourceArns: resources(11) }), "LimitExceeded", /asks for 110/);
  });

  it("simulates only IAM users and roles of the caller's account", async () => {
    await createUser(acct.accountId, "alice");
    const other = await createAccount();
    await createUser(other.accountId, "outsider");
    const run = (PolicySourceArn: string) => execute(SimulatePrincipalPolicy, { PolicySourceArn, ActionNames: ["iam:GetUser"] }, acct.root);
    await expectIamError(run(`arn:aws:iam::${acct.accountId}:role/Deployer`), "NoSuchEntity", `No role in account ${acct.accountId} has the ARN arn:aws:iam::${acct.accountId}:role/Deployer. Copy the ARN from the role's page.`);
    await expectIamError(run(`arn:aws:iam::${acct.accountId}:group/Team`), "InvalidInput", /is not the ARN of an IAM user or role/);
    await expectIamError(run(userArn(other.accountId, "outsider")), "NoSuchEntity", `No IAM user in account ${acct.accountId} has the ARN ${userArn(other.accountId, "outsider")}.`);
    await expectIamError(run(userArn(acct.accountId, "ghost")), "NoSuchEntity");
    await expectIamError(run("not-an-arn"), "ValidationError", /PolicySourceArn/);
    await expectIamError(execute(SimulatePrincipalPolicy, { PolicySourceArn: userArn(acct.accountId, "alice"), ActionNames: ["iam:*"] }, acct.root), "ValidationError", /no wildcards/);
  });

  it("is gated on iam:SimulatePrincipalPolicy for the user's ARN and audited as a read", async () => {
    await createUser(acct.accountId, "alice", { path: "/eng/" });
    await createUser(acct.accountId, "bob");
    const auditor = await createUser(acct.accountId, "auditor", {
      inline: { EngOnly: policy({ Effect: "Allow", Action: "iam:SimulatePrincipalPolicy", Resource: `arn:aws:iam::${acct.accountId}:user/eng/*` }) },
    });
    const before = await rowCounts();
    await execute(SimulatePrincipalPolicy, { PolicySourceArn: userArn(acct.accountId, "alice", "/eng/"), ActionNames: ["iam:GetUser"] }, auditor);
    await expectIamError(execute(SimulatePrincipalPolicy, { PolicySourceArn: userArn(acct.accountId, "bob"), ActionNames: ["iam:GetUser"] }, auditor), "AccessDenied");
    expect(await rowCounts()).toEqual(before);
    expect((await auditEvents(acct.accountId, "iam:SimulatePrincipalPolicy")).map((e) => [e.resource, e.result, e.readOnly])).toEqual([
      [userArn(acct.accountId, "alice", "/eng/"), "Allowed", true],
      [userArn(acct.accountId, "bob"), "Denied", true],
    ]);
  });
});

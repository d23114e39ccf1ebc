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

  it("pages the action and resource pairs with MaxItems and Marker, evaluating only the page", async () => {
    await createUser(acct.accountId, "alice");
    const actions = (n: number) => Array.from({ length: n }, (_, i) => `iam:Action${i}`);
    const resources = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket${i}`);
    const all = await execute(SimulatePrincipalPolicy, { PolicySourceArn: userArn(acct.accountId, "alice"), ActionNames: actions(10), ResourceArns: resources(10) }, acct.root);
    expect(all.EvaluationResults).toHaveLength(100);
    expect(all.IsTruncated).toBe(false);
    expect(all.Marker).toBeUndefined();
    // AWS's default page is 100 results; the next page starts where it stopped, actions outermost.
    const first = await execute(SimulatePrincipalPolicy, { PolicySourceArn: userArn(acct.accountId, "alice"), ActionNames: actions(101) }, acct.root);
    expect(first.EvaluationResults).toHaveLength(100);
    expect(first.IsTruncated).toBe(true);
    const second = await execute(SimulatePrincipalPolicy, { PolicySourceArn: userArn(acct.accountId, "alice"), ActionNames: actions(101), Marker: first.Marker }, acct.root);
    expect(second.EvaluationResults.map((r) => r.EvalActionName)).toEqual(["iam:Action100"]);
    expect(second.IsTruncated).toBe(false);
    const pages: string[][] = [];
    let marker: string | undefined;
    do {
      const page = await execute(SimulatePrincipalPolicy, { PolicySourceArn: userArn(acct.accountId, "alice"), ActionNames: actions(2), ResourceArns: resources(2), MaxItems: 3, Marker: marker }, acct.root);
      pages.push(page.EvaluationResults.map((r) => `${r.EvalActionName} ${r.EvalResourceName}`));
      marker = page.Marker;
    } while (marker);
    expect(pages).toEqual([
      ["iam:Action0 arn:aws:s3:::bucket0", "iam:Action0 arn:aws:s3:::bucket1", "iam:Action1 arn:aws:s3:::bucket0"],
      ["iam:Action1 arn:aws:s3:::bucket1"],
    ]);
  });

  it("answers in AWS's shape: matched statements with their source and position, missing context keys, the boundary's detail", async () => {
    const boundary = await createCustomerPolicy(acct.accountId, "Boundary", policy({ Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" }));
    const groupId = await createGroup(acct.accountId, "Readers", [managed("IAMReadOnlyAccess")]);
    const alice = await createUser(acct.accountId, "alice", {
      groupIds: [groupId],
      inline: {
        Tagged: policy(
          { Sid: "TeamOnly", Effect: "Allow", Action: "iam:CreateUser", Resource: "*", Condition: { StringEquals: { "aws:RequestTag/team": "web", "aws:PrincipalTag/Dept": "eng" } } },
          { Sid: "NoDeletes", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" },
        ),
      },
    });
    await db.user.update({ where: { id: alice.userId }, data: { permissionsBoundaryArn: boundary } });
    const [listed, created, deleted] = await simulate("alice", { ActionNames: ["iam:ListUsers", "iam:CreateUser", "iam:DeleteUser"] });

    expect(listed!.EvalDecision).toBe("allowed");
    // The identity statement that granted it (through the group); the boundary's Allow is reported in its detail.
    expect(listed!.MatchedStatements.map((m) => [m.SourcePolicyId, m.SourcePolicyType])).toEqual([["IAMReadOnlyAccess", "aws-managed"]]);
    expect(listed!.PermissionsBoundaryDecisionDetail).toEqual({ AllowedByPermissionsBoundary: true });
    expect(listed!.MissingContextValues).toEqual([]);

    // The inline Allow's condition keys are missing (aws:PrincipalTag/Dept: alice has no such tag), and said so.
    expect(created!.EvalDecision).toBe("implicitDeny");
    expect(created!.MatchedStatements).toEqual([]);
    expect(created!.MissingContextValues).toEqual(["aws:RequestTag/team", "aws:PrincipalTag/Dept"]);
    expect(created!.PermissionsBoundaryDecisionDetail).toEqual({ AllowedByPermissionsBoundary: false });

    // JSON.stringify writes one line: the Deny is the second object of the Statement array.
    const text = JSON.stringify(policy({ Sid: "TeamOnly", Effect: "Allow", Action: "iam:CreateUser", Resource: "*", Condition: { StringEquals: { "aws:RequestTag/team": "web", "aws:PrincipalTag/Dept": "eng" } } }, { Sid: "NoDeletes", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" }));
    const start = text.indexOf('{"Sid":"NoDeletes"');
    expect(deleted!.EvalDecision).toBe("explicitDeny");
    expect(deleted!.MatchedStatements).toEqual([{ SourcePolicyId: "Tagged", SourcePolicyType: "user", SourcePolicyKey: "inline/Tagged", StartPosition: { Line: 1, Column: start + 1 }, EndPosition: { Line: 1, Column: text.length - 2 } }]); // its closing brace, before "]}"
  });

  it("adds PolicyInputList policies and replaces the boundary with PermissionsBoundaryPolicyInputList", async () => {
    await createUser(acct.accountId, "alice", { policies: [managed("IAMReadOnlyAccess")] });
    const extra = JSON.stringify(policy({ Effect: "Allow", Action: "iam:CreateUser", Resource: "*" }), null, 2);
    const results = await simulate("alice", {
      ActionNames: ["iam:CreateUser", "iam:GetUser"],
      PolicyInputList: [extra],
      PermissionsBoundaryPolicyInputList: [JSON.stringify(policy({ Effect: "Allow", Action: "iam:CreateUser", Resource: "*" }))],
    });
    expect(results.map((r) => r.EvalDecision)).toEqual(["allowed", "implicitDeny"]);
    expect(results[0]!.MatchedStatements).toEqual(
      expect.arrayContaining([{ SourcePolicyId: "PolicyInputList.1", SourcePolicyKey: "PolicyInputList.1", StartPosition: { Line: 4, Column: 5 }, EndPosition: { Line: 8, Column: 5 } }]),
    );
    expect(results[1]!.PermissionsBoundaryDecisionDetail).toEqual({ AllowedByPermissionsBoundary: false });
    await expectIamError(simulate("alice", { ActionNames: ["iam:GetUser"], PolicyInputList: ['{"Statement": []'] }), "MalformedPolicyDocument", /^PolicyInputList\.1: /);
  });

  it("weighs a ResourcePolicy for the simulated caller", async () => {
    await createUser(acct.accountId, "alice");
    const bucketPolicy = JSON.stringify(policy({ Effect: "Allow", Principal: { AWS: userArn(acct.accountId, "alice") }, Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" } as Statement));
    const [got] = await simulate("alice", { ActionNames: ["s3:GetObject"], ResourceArns: ["arn:aws:s3:::reports/q1.pdf"], ResourcePolicy: bucketPolicy });
    expect(got!.EvalDecision).toBe("allowed");
    expect(got!.MatchedStatements).toEqual([expect.objectContaining({ SourcePolicyId: "ResourcePolicy", SourcePolicyType: "resource" })]);
  });

  it("simulates only IAM users, groups and roles of the caller's account", async () => {
    await createUser(acct.accountId, "alice");
    const other = await createAccount();
    await createUser(other.accountId, "outsider");
    const run = (PolicySourceArn: string) => execute(SimulatePrincipalPolicy, { PolicySourceArn, ActionNames: ["iam:GetUser"] }, acct.root);
    await expectIamError(run(`arn:aws:iam::${acct.accountId}:role/Deployer`), "NoSuchEntity", `No role in account ${acct.accountId} has the ARN arn:aws:iam::${acct.accountId}:role/Deployer. Copy the ARN from the role's page.`);
    await expectIamError(run(`arn:aws:iam::${acct.accountId}:group/Team`), "NoSuchEntity", /No group in account/);
    await expectIamError(run(`arn:aws:iam::${acct.accountId}:policy/Team`), "InvalidInput", /is not the ARN of an IAM user, group or role/);
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

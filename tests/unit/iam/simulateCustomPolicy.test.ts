import { beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/iam/core/operation";
import { SimulateCustomPolicy } from "@/lib/iam/policies/simulation";
import { auditEvents, createAccount, createUser, expectIamError, type TestAccount } from "./support/fixtures";

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

let acct: TestAccount;
beforeEach(async () => {
  acct = await createAccount();
});

const simulate = (input: Record<string, unknown>, caller = acct.root) => execute(SimulateCustomPolicy, input, caller);

describe("SimulateCustomPolicy", () => {
  it("decides the given policies for every action and resource, naming each policy PolicyInputList.N", async () => {
    const { EvaluationResults, IsTruncated } = await simulate({
      PolicyInputList: [doc({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::web/*" }), doc({ Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" })],
      ActionNames: ["s3:GetObject", "s3:DeleteObject"],
      ResourceArns: ["arn:aws:s3:::web/index.html", "arn:aws:s3:::logs/a"],
    });
    expect(IsTruncated).toBe(false);
    expect(EvaluationResults.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])).toEqual([
      ["s3:GetObject", "arn:aws:s3:::web/index.html", "allowed"],
      ["s3:GetObject", "arn:aws:s3:::logs/a", "implicitDeny"],
      ["s3:DeleteObject", "arn:aws:s3:::web/index.html", "explicitDeny"],
      ["s3:DeleteObject", "arn:aws:s3:::logs/a", "explicitDeny"],
    ]);
    // {"Version":"2012-10-17","Statement":[{…}]}: the statement's braces are at columns 38 and (length - 2), 1-based.
    const first = doc({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::web/*" });
    expect(EvaluationResults[0]!.MatchedStatements).toEqual([{ SourcePolicyId: "PolicyInputList.1", SourcePolicyKey: "PolicyInputList.1", StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: first.length - 2 } }]);
    expect(EvaluationResults[2]!.MatchedStatements.map((m) => m.SourcePolicyId)).toEqual(["PolicyInputList.2"]);
    expect(EvaluationResults[0]!.PermissionsBoundaryDecisionDetail).toBeUndefined();
  });

  it("reports the condition keys it was not given, and decides with the ContextEntries it was", async () => {
    const policies = [doc({ Effect: "Allow", Action: "iam:CreateUser", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })];
    const [bare] = (await simulate({ PolicyInputList: policies, ActionNames: ["iam:CreateUser"] })).EvaluationResults;
    expect(bare!.EvalDecision).toBe("implicitDeny");
    expect(bare!.MissingContextValues).toEqual(["aws:MultiFactorAuthPresent", "aws:SourceIp"]);
    const [given] = (
      await simulate({
        PolicyInputList: policies,
        ActionNames: ["iam:CreateUser"],
        ContextEntries: [
          { ContextKeyName: "aws:MultiFactorAuthPresent", ContextKeyValues: ["true"], ContextKeyType: "boolean" },
          { ContextKeyName: "aws:SourceIp", ContextKeyValues: ["10.2.3.4"], ContextKeyType: "ip" },
        ],
      })
    ).EvaluationResults;
    expect(given!.EvalDecision).toBe("allowed");
    expect(given!.MissingContextValues).toEqual([]);
    // A statement whose action does not apply asks for nothing.
    const [other] = (await simulate({ PolicyInputList: policies, ActionNames: ["iam:GetUser"] })).EvaluationResults;
    expect(other!.MissingContextValues).toEqual([]);
  });

  it("limits with PermissionsBoundaryPolicyInputList and weighs a ResourcePolicy for CallerArn", async () => {
    const results = await simulate({
      PolicyInputList: [doc({ Effect: "Allow", Action: "*", Resource: "*" })],
      PermissionsBoundaryPolicyInputList: [doc({ Effect: "Allow", Action: "iam:Get*", Resource: "*" })],
      ActionNames: ["iam:GetUser", "iam:CreateUser"],
    });
    expect(results.EvaluationResults.map((r) => [r.EvalDecision, r.PermissionsBoundaryDecisionDetail])).toEqual([
      ["allowed", { AllowedByPermissionsBoundary: true }],
      ["implicitDeny", { AllowedByPermissionsBoundary: false }],
    ]);
    const caller = `arn:aws:iam::${acct.accountId}:user/alice`;
    const resourcePolicy = doc({ Effect: "Allow", Principal: { AWS: caller }, Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" });
    const input = { PolicyInputList: [doc({ Effect: "Allow", Action: "iam:GetUser", Resource: "*" })], ActionNames: ["s3:GetObject"], ResourceArns: ["arn:aws:s3:::reports/q1"], ResourcePolicy: resourcePolicy };
    await expectIamError(simulate(input), "InvalidInput", /CallerArn is required with a ResourcePolicy/);
    const [viaResource] = (await simulate({ ...input, CallerArn: caller })).EvaluationResults;
    expect(viaResource!.EvalDecision).toBe("allowed");
    expect(viaResource!.MatchedStatements).toEqual([expect.objectContaining({ SourcePolicyId: "ResourcePolicy", SourcePolicyType: "resource" })]);
    const [otherCaller] = (await simulate({ ...input, CallerArn: `arn:aws:iam::${acct.accountId}:user/bob` })).EvaluationResults;
    expect(otherCaller!.EvalDecision).toBe("implicitDeny");
  });

  it("pages with MaxItems and Marker", async () => {
    const input = { PolicyInputList: [doc({ Effect: "Allow", Action: "*", Resource: "*" })], ActionNames: ["iam:GetUser", "iam:ListUsers", "iam:CreateUser"], MaxItems: 2 };
    const first = await simulate(input);
    expect(first.EvaluationResults.map((r) => r.EvalActionName)).toEqual(["iam:GetUser", "iam:ListUsers"]);
    expect(first.IsTruncated).toBe(true);
    const second = await simulate({ ...input, Marker: first.Marker });
    expect(second.EvaluationResults.map((r) => r.EvalActionName)).toEqual(["iam:CreateUser"]);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
  });

  it("refuses malformed policies and input, naming which policy", async () => {
    await expectIamError(simulate({ PolicyInputList: [doc({ Effect: "Allow", Action: "*", Resource: "*" }), "{nope"], ActionNames: ["iam:GetUser"] }), "MalformedPolicyDocument", /^PolicyInputList\.2: /);
    await expectIamError(simulate({ PolicyInputList: [], ActionNames: ["iam:GetUser"] }), "ValidationError");
    await expectIamError(simulate({ PolicyInputList: [doc({ Effect: "Allow", Action: "*", Resource: "*" })], ActionNames: ["iam:GetUser"], ResourceOwner: "arn:aws:s3:::bucket" }), "InvalidInput", /ResourceOwner/);
  });

  it("is gated on iam:SimulateCustomPolicy and audited as a read", async () => {
    const allowed = await createUser(acct.accountId, "allowed", { inline: { Sim: JSON.parse(doc({ Effect: "Allow", Action: "iam:SimulateCustomPolicy", Resource: "*" })) } });
    const denied = await createUser(acct.accountId, "denied");
    const input = { PolicyInputList: [doc({ Effect: "Allow", Action: "*", Resource: "*" })], ActionNames: ["iam:GetUser"] };
    await simulate(input, allowed);
    await expectIamError(simulate(input, denied), "AccessDenied");
    expect((await auditEvents(acct.accountId, "iam:SimulateCustomPolicy")).map((e) => [e.resource, e.result, e.readOnly])).toEqual([
      ["*", "Allowed", true],
      ["*", "Denied", true],
    ]);
  });
});

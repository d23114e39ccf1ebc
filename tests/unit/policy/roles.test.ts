// The engine's library API (not the case contract) for what roles need: a role ARN handed to
// evaluate() as the caller, trust policy explanations, and the RCP exemptions the caller signals
// through context. The case contract's side is in cases/evaluation/{trust-policies,
// resource-control-policies,role-principal}.json.

import { describe, expect, it } from "vitest";
import { compilePolicy, evaluate, type PolicyDocument } from "@/lib/policy";

const A = "111122223333";
const role = `arn:aws:iam::${A}:role/Deployer`;
const session = `arn:aws:sts::${A}:assumed-role/Deployer/build-7`;
const bucket = "arn:aws:s3:::artifacts/build.zip";

const doc = (...Statement: PolicyDocument["Statement"]): PolicyDocument => ({ Version: "2012-10-17", Statement });
const bucketPolicyNaming = (principal: string) =>
  compilePolicy(doc({ Effect: "Allow", Principal: { AWS: [principal] }, Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::artifacts/*"] }), "BucketPolicy");
const onlyIam = compilePolicy(doc({ Effect: "Allow", Action: ["iam:*"], Resource: ["*"] }), "OnlyIamBoundary");

describe("a role ARN as the caller (issue 11, item 5)", () => {
  // "Resource-based policies that grant permissions to an IAM role ARN are limited by an implicit
  // deny in a permissions boundary or session policy." A library caller that hands evaluate() the
  // role's ARN must not get past the boundary by it: the grant counts as naming the role.
  it("treats a resource policy naming the role as a role grant, limited by the boundary", () => {
    const set = { identity: [], resource: bucketPolicyNaming(role), boundary: onlyIam };
    const result = evaluate({ principal: role, action: "s3:GetObject", resource: bucket, resourceAccount: A }, set);
    expect(result.decision).toBe("ImplicitDeny");
    expect(result.reason.code).toBe("boundary-implicit-deny");
    expect(result.explanation!.statements.find((s) => s.policyType === "resource")!.principalMatch).toBe("role");
  });

  it("gives the same answer for the role's session, which is what AWS signs requests as", () => {
    const set = { identity: [], resource: bucketPolicyNaming(role), boundary: onlyIam };
    expect(evaluate({ principal: session, action: "s3:GetObject", resource: bucket, resourceAccount: A }, set).decision).toBe("ImplicitDeny");
    expect(evaluate({ principal: session, action: "s3:GetObject", resource: bucket, resourceAccount: A }, { identity: [], resource: bucketPolicyNaming(role) }).decision).toBe("Allow");
  });

  it("still lets a policy naming the session itself grant past the boundary", () => {
    const set = { identity: [], resource: bucketPolicyNaming(session), boundary: onlyIam };
    expect(evaluate({ principal: session, action: "s3:GetObject", resource: bucket, resourceAccount: A }, set).decision).toBe("Allow");
  });
});

describe("trust policy decisions explain themselves", () => {
  const trustAccount = compilePolicy(doc({ Effect: "Allow", Principal: { AWS: [A] }, Action: ["sts:AssumeRole"] }), "TrustPolicy");
  const alice = `arn:aws:iam::${A}:user/alice`;

  it("says an identity policy alone is not enough without the trust policy", () => {
    const allowAssume = compilePolicy(doc({ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: ["*"] }), "AssumeAnything");
    const result = evaluate({ principal: alice, action: "sts:AssumeRole", resource: role }, { identity: [allowAssume] });
    expect(result.reason.code).toBe("trust-policy-no-allow");
    expect(result.explanation!.summary).toMatch(/no trust policy/);
  });

  it("says a trust policy naming the account leaves it to the caller's identity policies", () => {
    const result = evaluate({ principal: alice, action: "sts:AssumeRole", resource: role }, { identity: [], resource: trustAccount });
    expect(result.decision).toBe("ImplicitDeny");
    expect(result.reason.code).toBe("trust-account-no-identity-allow");
    expect(result.explanation!.summary).toContain("trusts");
  });

  it("refuses the root user, whatever the trust policy says", () => {
    const result = evaluate({ principal: `arn:aws:iam::${A}:root`, action: "sts:AssumeRole", resource: role }, { identity: [], resource: trustAccount });
    expect(result.reason.code).toBe("root-cannot-assume-role");
  });

  it("decides only the six trust actions on a role by the trust policy", () => {
    // sts:GetCallerIdentity, and sts:AssumeRole on something that is not a role, keep the usual rules.
    const allowAll = compilePolicy(doc({ Effect: "Allow", Action: ["sts:*"], Resource: ["*"] }), "StsAll");
    expect(evaluate({ principal: alice, action: "sts:GetCallerIdentity", resource: "*" }, { identity: [allowAll] }).decision).toBe("Allow");
    expect(evaluate({ principal: alice, action: "sts:AssumeRole", resource: `arn:aws:iam::${A}:user/bob` }, { identity: [allowAll] }).decision).toBe("Allow");
    expect(evaluate({ principal: alice, action: "sts:TagSession", resource: role }, { identity: [allowAll] }).decision).toBe("ImplicitDeny");
  });
});

describe("resource control policies", () => {
  const full = compilePolicy(doc({ Effect: "Allow", Principal: "*", Action: ["*"], Resource: ["*"] }), "RCPFullAWSAccess");
  const denyOutside = compilePolicy(
    doc({
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:*"],
      Resource: ["*"],
      Condition: [{ operator: "StringNotEqualsIfExists", key: "aws:PrincipalOrgID", values: ["o-abc"] }],
    }),
    "EnforceIdentityPerimeter",
  );
  const readAll = compilePolicy(doc({ Effect: "Allow", Action: ["s3:*", "iam:*"], Resource: ["*"] }), "ReadAll");
  const request = (context: Record<string, string>) => ({ principal: session, action: "s3:GetObject", resource: bucket, resourceAccount: A, context });

  it("denies with the RCP's Deny and names the resource control policy", () => {
    const result = evaluate(request({ "aws:PrincipalOrgID": "o-other" }), { identity: [readAll], rcps: [[full, denyOutside]] });
    expect(result.decision).toBe("ExplicitDeny");
    expect(result.explanation!.decidedBy).toEqual([expect.objectContaining({ policyType: "rcp", rcpLevel: 0, policy: "EnforceIdentityPerimeter" })]);
    expect(result.explanation!.summary).toContain('resource control policy "EnforceIdentityPerimeter"');
  });

  it("exempts a service-linked role, known by its aws:PrincipalArn", () => {
    const context = { "aws:PrincipalOrgID": "o-other", "aws:PrincipalArn": `arn:aws:iam::${A}:role/aws-service-role/replication.s3.amazonaws.com/AWSServiceRoleForS3` };
    expect(evaluate(request(context), { identity: [readAll], rcps: [[full, denyOutside]] }).decision).toBe("Allow");
  });

  it("needs an allow at every level, and says which level had none", () => {
    const result = evaluate(request({ "aws:PrincipalOrgID": "o-abc" }), { identity: [readAll], rcps: [[full], [denyOutside]] });
    expect(result.reason).toEqual({ code: "rcp-implicit-deny", level: 1 });
  });

  it("leaves services RCPs do not support alone, and says so in the trace", () => {
    // A level with no Allow and a Deny on everything: neither touches IAM, which RCPs do not govern.
    const denyAll = compilePolicy(doc({ Effect: "Deny", Principal: "*", Action: ["*"], Resource: ["*"] }), "DenyAll");
    const result = evaluate({ principal: session, action: "iam:ListUsers", resource: "*", resourceAccount: A }, { identity: [readAll], rcps: [[denyAll]] });
    expect(result.decision).toBe("Allow");
    const trace = result.explanation!.statements.find((s) => s.policyType === "rcp")!;
    expect(trace.matched).toBe(false);
    expect(trace.reason).toContain("do not apply");
  });
});

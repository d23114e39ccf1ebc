import { describe, expect, it } from "vitest";
import { compilePolicy } from "@/lib/policy/compile";
import { evaluate } from "@/lib/policy/evaluate";
import type { PolicyDocument } from "@/lib/policy/types";

const ACCT = "123456789012";
const alice = `arn:aws:iam::${ACCT}:user/alice`;
const bob = `arn:aws:iam::${ACCT}:user/bob`;

const policy: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "ReadIam", Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: ["*"] },
    { Sid: "ManageOwnUser", Effect: "Allow", Action: ["iam:UpdateUser"], Resource: [`arn:aws:iam::${ACCT}:user/\${aws:username}`] },
    {
      Effect: "Deny",
      Action: ["iam:DeleteUser"],
      Resource: ["*"],
      Condition: [{ operator: "BoolIfExists", key: "aws:MultiFactorAuthPresent", values: ["false"] }],
    },
  ],
};
const set = { identity: [compilePolicy(policy, "DevelopersPolicy")] };

// The explanation is what the console's AccessDenied panel and the CLI show a person.
describe("explanations", () => {
  it("names the allowing statement by Sid and policy", () => {
    const { decision, explanation } = evaluate({ principal: alice, action: "iam:ListUsers", resource: "*" }, set);
    expect(decision).toBe("Allow");
    expect(explanation!.decidedBy).toEqual([
      { policy: "DevelopersPolicy", policyType: "identity", statement: "ReadIam", index: 0, effect: "Allow" },
    ]);
    expect(explanation!.summary).toContain('statement "ReadIam" of identity-based policy "DevelopersPolicy"');
  });

  it("names an explicit deny by index when the statement has no Sid", () => {
    const { decision, explanation } = evaluate(
      { principal: alice, action: "iam:DeleteUser", resource: bob, context: { "aws:MultiFactorAuthPresent": "false" } },
      set,
    );
    expect(decision).toBe("ExplicitDeny");
    expect(explanation!.decidedBy[0]).toMatchObject({ statement: "#2", effect: "Deny" });
    expect(explanation!.summary).toMatch(/^Explicitly denied: statement "#2"/);
  });

  it("says that no statement allows, and why each one did not match", () => {
    const { decision, explanation } = evaluate(
      { principal: alice, action: "iam:UpdateUser", resource: bob, context: { "aws:username": "alice" } },
      set,
    );
    expect(decision).toBe("ImplicitDeny");
    expect(explanation!.reason).toBe("no-allow");
    expect(explanation!.summary).toContain("no statement allows iam:UpdateUser");
    const [read, own, deny] = explanation!.statements;
    expect(read).toMatchObject({ matched: false, failed: "Action" });
    expect(own).toMatchObject({ matched: false, failed: "Resource" });
    expect(own!.reason).toContain(bob);
    expect(deny).toMatchObject({ matched: false, failed: "Action" });
  });

  it("names the failed condition key, operator and the request's value", () => {
    const conditional = compilePolicy(
      {
        Version: "2012-10-17",
        Statement: [{ Sid: "OfficeOnly", Effect: "Allow", Action: ["iam:*"], Resource: ["*"], Condition: [{ operator: "IpAddress", key: "aws:SourceIp", values: ["203.0.113.0/24"] }] }],
      },
      "OfficeNetwork",
    );
    const { explanation } = evaluate(
      { principal: alice, action: "iam:CreateUser", resource: bob, context: { "aws:SourceIp": "198.51.100.9" } },
      { identity: [conditional] },
    );
    expect(explanation!.statements[0]).toMatchObject({
      failed: "Condition",
      condition: { operator: "IpAddress", key: "aws:SourceIp", values: ["203.0.113.0/24"], requestValue: "198.51.100.9" },
    });
    const missing = evaluate({ principal: alice, action: "iam:CreateUser", resource: bob }, { identity: [conditional] });
    expect(missing.explanation!.statements[0]!.condition!.requestValue).toBeNull();
    expect(missing.explanation!.statements[0]!.reason).toContain("not in the request");
  });

  it("blames the permissions boundary when it is what stops an identity allow", () => {
    const boundary = compilePolicy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:Get*"], Resource: ["*"] }] }, "ReadOnlyBoundary");
    const { decision, explanation } = evaluate({ principal: alice, action: "iam:ListUsers", resource: "*" }, { ...set, boundary });
    expect(decision).toBe("ImplicitDeny");
    expect(explanation!.reason).toBe("boundary-implicit-deny");
    expect(explanation!.summary).toContain('permissions boundary "ReadOnlyBoundary"');
  });

  it("can skip the explanation for speed", () => {
    const result = evaluate({ principal: alice, action: "iam:ListUsers", resource: "*" }, set, { explain: false });
    expect(result.decision).toBe("Allow");
    expect(result.explanation).toBeUndefined();
  });
});

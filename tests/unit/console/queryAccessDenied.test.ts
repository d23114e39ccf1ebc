import { describe, expect, it } from "vitest";
import { compilePolicy, evaluate, type AuthorizationRequest, type DecidingExplanation, type PolicySet } from "@/lib/policy";
import { accessDeniedMessage } from "@/lib/query/accessDeniedMessage";

// The messages come from the real engine's explanations, so a change in how the engine reports a
// denial shows up here. Wordings: IAM User Guide, "Troubleshoot access denied error messages".

const ACCOUNT = "123456789012";
const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const REQUEST: AuthorizationRequest = { principal: BOB, action: "iam:CreateUser", resource: ALICE, context: {} };

const allowAll = (name: string) => compilePolicy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }] }, name);
const allowRead = (name: string) => compilePolicy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:Get*"], Resource: ["*"] }] }, name);
const denyCreate = (name: string) => compilePolicy({ Version: "2012-10-17", Statement: [{ Sid: "NoCreate", Effect: "Deny", Action: ["iam:CreateUser"], Resource: ["*"] }] }, name);

function message(set: PolicySet, request: AuthorizationRequest = REQUEST): string {
  const result = evaluate(request, set, { explain: "deciding" });
  expect(result.decision).not.toBe("Allow");
  return accessDeniedMessage({ principalArn: request.principal, action: request.action, resource: request.resource, explanation: result.explanation! });
}

const PREFIX = `User: ${BOB} is not authorized to perform: iam:CreateUser on resource: ${ALICE}`;

describe("accessDeniedMessage: implicit denials", () => {
  it("no identity-based policy allows", () => {
    expect(message({ identity: [] })).toBe(`${PREFIX} because no identity-based policy allows the iam:CreateUser action`);
    expect(message({ identity: [allowRead("ReadOnly")] })).toBe(`${PREFIX} because no identity-based policy allows the iam:CreateUser action`);
  });

  it("no permissions boundary allows", () => {
    expect(message({ identity: [allowAll("Admin")], boundary: allowRead("Boundary") })).toBe(`${PREFIX} because no permissions boundary allows the iam:CreateUser action`);
  });

  it("no session policy allows", () => {
    expect(message({ identity: [allowAll("Admin")], session: allowRead("Session") })).toBe(`${PREFIX} because no session policy allows the iam:CreateUser action`);
  });

  it("no service control policy allows", () => {
    expect(message({ identity: [allowAll("Admin")], scps: [[allowRead("ReadOnlyScp")]] })).toBe(`${PREFIX} because no service control policy allows the iam:CreateUser action`);
  });
});

describe("accessDeniedMessage: explicit denials name the policy type", () => {
  it.each([
    ["an identity-based policy", { identity: [allowAll("Admin"), denyCreate("Deny")] }],
    ["a permissions boundary", { identity: [allowAll("Admin")], boundary: compilePolicy({ Version: "2012-10-17", Statement: [allowAll("x").document.Statement[0]!, denyCreate("x").document.Statement[0]!] }, "Boundary") }],
    ["a session policy", { identity: [allowAll("Admin")], session: denyCreate("Session") }],
    ["a service control policy", { identity: [allowAll("Admin")], scps: [[allowAll("FullAWSAccess"), denyCreate("DenyCreate")]] }],
  ] as [string, PolicySet][])("with an explicit deny in %s", (phrase, set) => {
    expect(message(set)).toBe(`${PREFIX} with an explicit deny in ${phrase}`);
  });

  it("with an explicit deny in a resource-based policy", () => {
    const resourceDeny = compilePolicy(
      { Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: { AWS: ["*"] }, Action: ["iam:CreateUser"], Resource: ["*"] }] } as never,
      "ResourcePolicy",
    );
    expect(message({ identity: [allowAll("Admin")], resource: resourceDeny })).toBe(`${PREFIX} with an explicit deny in a resource-based policy`);
  });
});

describe("accessDeniedMessage: other forms", () => {
  const explanation = (reason: DecidingExplanation["reason"]): DecidingExplanation => ({ summary: "", reason, decidedBy: [] });
  const denied = (reason: DecidingExplanation["reason"]) => accessDeniedMessage({ principalArn: BOB, action: "sts:AssumeRole", resource: "arn:aws:iam::123456789012:role/r", explanation: explanation(reason) });

  it("words roles' sessions as User: too, as AWS does", () => {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice`;
    expect(accessDeniedMessage({ principalArn: session, action: "iam:ListUsers", resource: "*", explanation: explanation("no-allow") })).toBe(
      `User: ${session} is not authorized to perform: iam:ListUsers on resource: * because no identity-based policy allows the iam:ListUsers action`,
    );
  });

  it("names the trust policy as the role's resource-based policy, and uses STS's wording for root", () => {
    expect(denied("trust-policy-no-allow")).toBe(
      `User: ${BOB} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/r because no resource-based policy allows the sts:AssumeRole action`,
    );
    expect(denied("rcp-implicit-deny")).toMatch(/because no resource control policy allows the sts:AssumeRole action$/);
    expect(denied("root-cannot-assume-role")).toBe("Roles may not be assumed by root accounts.");
    expect(denied("federated-user-cannot-assume-role")).toBe(`User: ${BOB} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/r`);
  });

  it("refuses to word an allowed request as a denial", () => {
    expect(() => denied("allow")).toThrow(TypeError);
  });
});

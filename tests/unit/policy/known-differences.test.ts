// Where Portcullis and @cloud-copilot/iam-simulate decide differently and the AWS documentation
// sides with Portcullis. Each shape here is kept out of the differential generator
// (support/arbitraries.ts); each test pins our decision, quotes the IAM User Guide sentence that
// decides it, and also asserts iam-simulate's differing decision — so that if iam-simulate changes,
// this test fails and the shape can go back into the generator.

import { describe, expect, it } from "vitest";
import type { AuthorizationRequest } from "../../../lib/policy/index";
import { iamSimulateDecision, type PolicyCase, type PolicyJson } from "./support/iamSimulateOracle";
import { portcullisDecision } from "./support/ourEngine";

const ACCOUNT = "111122223333";
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/dev-session`;

function request(overrides: Partial<AuthorizationRequest> = {}): AuthorizationRequest {
  return { principal: ALICE, action: "iam:GetUser", resource: ALICE, context: { "aws:username": "alice" }, ...overrides };
}

/**
 * An identity policy with one Allow statement (everything on everything unless overridden);
 * `version: null` leaves the Version element out.
 */
function allow(statement: PolicyJson, version: string | null = "2012-10-17"): PolicyJson {
  const policy: PolicyJson = { Statement: [{ Effect: "Allow", Action: "*", Resource: "*", ...statement }] };
  if (version) policy.Version = version;
  return policy;
}

function bothDecisions(c: PolicyCase) {
  return { portcullis: portcullisDecision(c), iamSimulate: iamSimulateDecision(c) };
}

describe("known differences from iam-simulate, decided by the AWS documentation", () => {
  it("policy variables need Version 2012-10-17; without it ${aws:username} is literal text", () => {
    // IAM User Guide, "IAM policy elements: Variables and tags": "If you don't include the Version
    // element and set it to an appropriate version date, variables like ${aws:username} are
    // treated as literal strings in the policy."
    const resource = `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`;
    for (const version of [null, "2008-10-17"]) {
      const c: PolicyCase = { request: request(), identity: [allow({ Resource: resource }, version)] };
      expect(bothDecisions(c)).toEqual({ portcullis: "ImplicitDeny", iamSimulate: "Allow" });
      // The literal text matches a resource whose name really is "${aws:username}".
      const literal: PolicyCase = { request: request({ resource }), identity: [allow({ Resource: resource }, version)] };
      expect(portcullisDecision(literal)).toBe("Allow");
    }
  });

  it("a resource policy naming the session ARN is not limited by the session policy", () => {
    // IAM User Guide, "Policies and permissions in IAM", Session policies: "A resource-based
    // policy can specify the ARN of the session as a principal. In that case, the permissions from
    // the resource-based policy are added after the session is created. The resource-based policy
    // permissions are not limited by the session policy."
    const c: PolicyCase = {
      request: request({ principal: SESSION, context: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/Dev` } }),
      identity: [allow({})],
      session: allow({ Action: "sqs:*" }),
      resource: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: SESSION }, Action: "iam:GetUser", Resource: ALICE }],
      },
    };
    expect(bothDecisions(c)).toEqual({ portcullis: "Allow", iamSimulate: "ImplicitDeny" });
    // Naming the role instead keeps the grant inside the session policy; both engines agree.
    const viaRole: PolicyCase = {
      ...c,
      resource: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Dev` }, Action: "iam:GetUser", Resource: ALICE }],
      },
    };
    expect(bothDecisions(viaRole)).toEqual({ portcullis: "ImplicitDeny", iamSimulate: "ImplicitDeny" });
  });

  it("IfExists under ForAnyValue: a missing key makes the condition true", () => {
    // IAM User Guide, "IAM JSON policy elements: Condition operators", ...IfExists: "You can add
    // IfExists to the end of any condition operator name except the Null condition—for example,
    // StringLikeIfExists. You do this to say "If the policy key is present in the context of the
    // request, process the key as specified in the policy. If the key is not present, evaluate the
    // condition element as true.""
    const c: PolicyCase = {
      request: request(),
      identity: [allow({ Condition: { "ForAnyValue:StringEqualsIfExists": { "aws:PrincipalTag/team": "dev" } } })],
    };
    expect(bothDecisions(c)).toEqual({ portcullis: "Allow", iamSimulate: "ImplicitDeny" });
    // With the key present, IfExists changes nothing and both engines compare values.
    const present: PolicyCase = { ...c, request: request({ context: { "aws:PrincipalTag/team": "ops" } }) };
    expect(bothDecisions(present)).toEqual({ portcullis: "ImplicitDeny", iamSimulate: "ImplicitDeny" });
  });

  it("negated operators match a policy variable that has no value", () => {
    // IAM User Guide, "IAM policy elements: Variables and tags", Policy variables with no value:
    // "Inverted condition operators like StringNotEquals or StringNotLike do match against a null
    // value, as the value of the condition key they are testing against is not equal to or like
    // the effectively null value."
    // Each value list holds one value whose variable has no value (the caller has no team tag); in
    // the second list it sits beside a value that does not match either.
    const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;
    for (const [operator, key, values] of [
      ["StringNotEquals", "aws:username", ["${aws:PrincipalTag/team}"]],
      ["StringNotEquals", "aws:username", ["${aws:PrincipalTag/team}", "bob"]],
      ["StringNotLike", "aws:username", ["${aws:PrincipalTag/team}*"]],
      ["ArnNotEquals", "aws:PrincipalArn", [`arn:aws:iam::${ACCOUNT}:user/\${aws:PrincipalTag/team}`]],
      ["ArnNotEquals", "aws:PrincipalArn", [`arn:aws:iam::${ACCOUNT}:user/\${aws:PrincipalTag/team}`, BOB]],
    ] as const) {
      const c: PolicyCase = {
        request: request({ context: { "aws:username": "alice", "aws:PrincipalArn": ALICE } }),
        identity: [allow({ Condition: { [operator]: { [key]: values } } })],
      };
      expect(bothDecisions(c), `${operator} ${values.join(", ")}`).toEqual({ portcullis: "Allow", iamSimulate: "ImplicitDeny" });
    }
  });

  it("a bare IP address means /32, so NotIpAddress holds for an IPv6 caller either way", () => {
    // IAM User Guide, "IAM JSON policy elements: Condition operators", IP address condition
    // operators: "If you specify an IP address without the associated routing prefix, IAM uses the
    // default prefix value of /32."
    const caseFor = (value: string): PolicyCase => ({
      request: request({ context: { "aws:SourceIp": "2001:db8::1" } }),
      identity: [allow({ Condition: { NotIpAddress: { "aws:SourceIp": value } } })],
    });
    expect(bothDecisions(caseFor("203.0.113.5/32"))).toEqual({ portcullis: "Allow", iamSimulate: "Allow" });
    expect(bothDecisions(caseFor("203.0.113.5"))).toEqual({ portcullis: "Allow", iamSimulate: "ImplicitDeny" });
  });

  it("dates in epoch seconds compare with ISO 8601 dates", () => {
    // IAM User Guide, "IAM JSON policy elements: Condition operators", Date condition operators:
    // "You must specify date/time values with one of the W3C implementations of the ISO 8601 date
    // formats or in epoch (UNIX) time." 1717243200 is 2024-06-01T12:00:00Z.
    const epochRequest: PolicyCase = {
      request: request({ context: { "aws:CurrentTime": "1717243200" } }),
      identity: [allow({ Condition: { DateGreaterThan: { "aws:CurrentTime": "2024-01-01T00:00:00Z" } } })],
    };
    expect(bothDecisions(epochRequest)).toEqual({ portcullis: "Allow", iamSimulate: "ImplicitDeny" });
    // 1735689600 is 2025-01-01T00:00:00Z, after the request time.
    const epochPolicy: PolicyCase = {
      request: request({ context: { "aws:CurrentTime": "2024-06-01T12:00:00Z" } }),
      identity: [allow({ Condition: { DateGreaterThan: { "aws:CurrentTime": "1735689600" } } })],
    };
    expect(bothDecisions(epochPolicy)).toEqual({ portcullis: "ImplicitDeny", iamSimulate: "Allow" });
  });

  it("policy variables are not substituted under Bool (only string and ARN operators)", () => {
    // IAM User Guide, "IAM policy elements: Variables and tags", Condition element: "You can't use
    // a policy variable with other operators, such as Numeric, Date, Boolean, Binary, IP Address,
    // or Null operators."
    const c: PolicyCase = {
      request: request({ context: { "aws:SecureTransport": "true", "aws:PrincipalTag/secure": "true" } }),
      identity: [allow({ Condition: { Bool: { "aws:SecureTransport": "${aws:PrincipalTag/secure}" } } })],
    };
    expect(bothDecisions(c)).toEqual({ portcullis: "ImplicitDeny", iamSimulate: "Allow" });
  });

  it("NotPrincipal exempts only the principals it names, not every user of a named account or role", () => {
    // IAM User Guide, "AWS JSON policy elements: NotPrincipal": "When you use NotPrincipal in the
    // same policy statement as "Effect": "Deny", the actions specified in the policy statement are
    // explicitly denied to all principals except for the ones specified." Its examples name the
    // user (or session) itself beside its account: naming the account alone does not name Alice.
    const caseFor = (principal: string, notPrincipal: string[]): PolicyCase => ({
      request: request({ principal }),
      identity: [allow({})],
      resource: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Deny", NotPrincipal: { AWS: notPrincipal }, Action: "*", Resource: "*" },
          { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" },
        ],
      },
    });
    const ROLE = `arn:aws:iam::${ACCOUNT}:role/Dev`;
    expect(bothDecisions(caseFor(ALICE, [ACCOUNT]))).toEqual({ portcullis: "ExplicitDeny", iamSimulate: "Allow" });
    expect(bothDecisions(caseFor(ALICE, [`arn:aws:iam::${ACCOUNT}:root`]))).toEqual({ portcullis: "ExplicitDeny", iamSimulate: "Allow" });
    expect(bothDecisions(caseFor(SESSION, [ROLE, ACCOUNT]))).toEqual({ portcullis: "ExplicitDeny", iamSimulate: "Allow" });
    // Naming the caller itself, as the documentation's examples do, exempts it in both engines.
    expect(bothDecisions(caseFor(ALICE, [ALICE, ACCOUNT]))).toEqual({ portcullis: "Allow", iamSimulate: "Allow" });
    expect(bothDecisions(caseFor(SESSION, [SESSION, ROLE, ACCOUNT]))).toEqual({ portcullis: "Allow", iamSimulate: "Allow" });
  });

  it("wildcards work anywhere in the resource segment, including the resource type", () => {
    // IAM User Guide, "IAM JSON policy elements: Resource": "You can use wildcard characters (*
    // and ?) within the individual segments of an ARN (the parts separated by colons)". The
    // resource type (user/) is part of the sixth segment, not a segment of its own.
    for (const pattern of [`arn:aws:iam::${ACCOUNT}:*/alice`, `arn:aws:iam::${ACCOUNT}:us?r/alice`]) {
      const c: PolicyCase = { request: request(), identity: [allow({ Resource: pattern })] };
      expect(bothDecisions(c), pattern).toEqual({ portcullis: "Allow", iamSimulate: "ImplicitDeny" });
    }
  });

  it("a short ARN ending in * under NotResource excludes that whole service, so the Deny applies elsewhere", () => {
    // IAM User Guide, "IAM JSON policy elements: Resource": "If the * wildcard is the last character
    // of a resource ARN segment, it can expand to match beyond the colon boundaries." So
    // "arn:aws:sqs:*" covers every SQS resource, and a Deny with NotResource "arn:aws:sqs:*" denies
    // everything else. iam-simulate instead treats a short ARN in a boundary as never matching.
    const c: PolicyCase = {
      request: request(),
      identity: [allow({})],
      boundary: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", NotResource: "arn:aws:sqs:*" }, { Effect: "Allow", Action: "*", Resource: "*" }] },
    };
    expect(bothDecisions(c)).toEqual({ portcullis: "ExplicitDeny", iamSimulate: "Allow" });
    const sqs: PolicyCase = { ...c, request: request({ action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs` }) };
    expect(portcullisDecision(sqs)).toBe("Allow");
  });

  it("a NotResource pattern whose variable has no value excludes nothing, in resource-based policies too", () => {
    // IAM User Guide, "IAM policy elements: Variables and tags", Policy variables with no value: "If
    // a variable that has no value in the authorization context is used as part of the Resource or
    // NotResource element of a policy, the resource that includes a policy variable with no value
    // will not match any resource." A role session has no aws:username, so NotResource excludes
    // nothing and the statement, naming the session's role, applies.
    const c: PolicyCase = {
      request: request({ principal: SESSION, context: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/Dev` } }),
      identity: [],
      resource: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Dev` }, Action: "*", NotResource: `arn:aws:iam::${ACCOUNT}:user/*/\${aws:username}` }],
      },
    };
    expect(bothDecisions(c)).toEqual({ portcullis: "Allow", iamSimulate: "ImplicitDeny" });
    // The same sentence makes a boundary's Deny with such a NotResource apply to every resource.
    const guarded: PolicyCase = {
      request: request({ principal: SESSION, context: {} }),
      identity: [allow({})],
      boundary: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Deny", Action: "*", NotResource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}` },
          { Effect: "Allow", Action: "*", Resource: "*" },
        ],
      },
    };
    expect(bothDecisions(guarded)).toEqual({ portcullis: "ExplicitDeny", iamSimulate: "Allow" });
  });
});

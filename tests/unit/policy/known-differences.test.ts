// Where Portcullis and @cloud-copilot/iam-simulate decide differently and the AWS documentation
// sides with Portcullis. Each shape here is kept out of the differential generator
// (support/arbitraries.ts) or mapped into iam-simulate's terms by the differential test; each test
// pins our decision, quotes the AWS documentation sentence that decides it (or says the
// documentation is silent), and also asserts iam-simulate's differing decision — so that if
// iam-simulate changes, this test fails and the shape can go back into the generator.

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

describe("known differences from iam-simulate for roles, trust policies and RCPs, decided by the AWS documentation", () => {
  const ROLE = `arn:aws:iam::${ACCOUNT}:role/Admin`;
  const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
  const assume = (principal: string, overrides: Partial<AuthorizationRequest> = {}): AuthorizationRequest => ({
    principal,
    action: "sts:AssumeRole",
    resource: ROLE,
    resourceAccount: ACCOUNT,
    context: {},
    ...overrides,
  });
  /** A trust policy with one Allow statement (no Resource: the role is the resource). */
  const trust = (principal: unknown, action = "sts:AssumeRole", extra: PolicyJson[] = []): PolicyJson => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: principal, Action: action }, ...extra],
  });

  it("a trust policy must allow the caller: an identity-based Allow alone never assumes a role", () => {
    // IAM User Guide, "Policy evaluation logic": "For most resources, you only need an explicit
    // Allow for the principal in either an identity-based policy or a resource-based policy to grant
    // access. IAM role trust policies and KMS key policies are exceptions to this logic, because they
    // must explicitly allow access for principals." iam-simulate trusts the account's IAM policies
    // when it is given no trust policy. (The differential generator gives every role a trust policy,
    // as IAM does.)
    const c: PolicyCase = { request: assume(ALICE), identity: [allow({})] };
    expect(bothDecisions(c)).toEqual({ portcullis: "ImplicitDeny", iamSimulate: "Allow" });
    // With a trust policy that names the account, both engines let the identity policy decide.
    expect(bothDecisions({ ...c, resource: trust({ AWS: ACCOUNT }) })).toEqual({ portcullis: "Allow", iamSimulate: "Allow" });
  });

  it("the root user cannot call AssumeRole, whatever the trust policy says", () => {
    // STS API Reference, "AssumeRole": "You cannot use AWS account root user credentials to call
    // AssumeRole. You must use credentials for an IAM user or an IAM role to call AssumeRole."
    // iam-simulate lets a trust policy naming everyone ({"AWS": "*"}) grant it. (The differential
    // test gives iam-simulate only the trust policy's Deny statements for a root caller.)
    const c: PolicyCase = { request: assume(ROOT), identity: [], resource: trust({ AWS: "*" }) };
    expect(bothDecisions(c)).toEqual({ portcullis: "ImplicitDeny", iamSimulate: "Allow" });
    // Naming the account or the root ARN delegates to identity policies, which the root user has
    // none of: both engines deny.
    for (const principal of [{ AWS: ACCOUNT }, { AWS: ROOT }]) {
      const c: PolicyCase = { request: assume(ROOT), identity: [], resource: trust(principal) };
      expect(bothDecisions(c), JSON.stringify(principal)).toEqual({ portcullis: "ImplicitDeny", iamSimulate: "ImplicitDeny" });
    }
  });

  it("the account root user has full access to its own account, short of explicit denies and RCPs", () => {
    // IAM User Guide, "How AWS enforcement code logic evaluates requests to allow or deny access":
    // "By default, all requests are implicitly denied with the exception of the AWS account root
    // user, which has full access." iam-simulate gives the root user no permissions of its own.
    // (The differential test gives iam-simulate an identity policy allowing everything for the root
    // user on its own account's resources.)
    const rootRequest = request({ principal: ROOT, action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`, context: {} });
    expect(bothDecisions({ request: rootRequest, identity: [] })).toEqual({ portcullis: "Allow", iamSimulate: "ImplicitDeny" });
    // An RCP Deny limits it in both engines (Organizations User Guide, "Resource control policies
    // (RCPs)": RCPs impact principals "regardless of whether the principals belong to the same
    // organizations or not. This includes root users.").
    const rcps = [
      [
        { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] },
        { Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: "*" }] },
      ],
    ];
    expect(bothDecisions({ request: rootRequest, identity: [], rcps })).toEqual({ portcullis: "ExplicitDeny", iamSimulate: "ExplicitDeny" });
  });

  it("a federated user session (GetFederationToken) cannot call AssumeRole", () => {
    // IAM User Guide, "Compare AWS STS credentials", GetFederationToken, restrictions on the
    // resulting credentials: "Cannot call AWS STS operations except GetCallerIdentity." (The
    // AssumeRole row's "Who can call" is an "IAM user or IAM role with existing temporary security
    // credentials".) iam-simulate lets the trust policy and the session policy grant it. (The
    // differential generator has no federated user callers.)
    const FEDERATED_USER = `arn:aws:sts::${ACCOUNT}:federated-user/bob`;
    for (const principal of [{ AWS: FEDERATED_USER }, { AWS: ACCOUNT }]) {
      const c: PolicyCase = { request: assume(FEDERATED_USER), identity: [allow({})], session: allow({}), resource: trust(principal) };
      expect(bothDecisions(c), JSON.stringify(principal)).toEqual({ portcullis: "ImplicitDeny", iamSimulate: "Allow" });
    }
  });

  it("a trust policy naming the user is still limited by the user's permissions boundary", () => {
    // IAM User Guide, "Update a role trust policy", Notes: "If a user is listed as the principal in
    // a role's trust policy but cannot assume the role, check the user's permissions boundary. If a
    // permissions boundary is set for the user, then it must allow the sts:AssumeRole action."
    // iam-simulate applies the general same-account rule for resource-based policies naming a user
    // instead, and lets the trust policy past the boundary. (The differential generator renames such
    // grants to the account for a user with a boundary.)
    const boundary: PolicyJson = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };
    for (const principal of [{ AWS: ALICE }, { AWS: "*" }]) {
      const c: PolicyCase = { request: assume(ALICE), identity: [], resource: trust(principal), boundary };
      expect(bothDecisions(c), JSON.stringify(principal)).toEqual({ portcullis: "ImplicitDeny", iamSimulate: "Allow" });
      // A boundary that allows sts:AssumeRole lets the trust policy decide alone, in both engines.
      const allowing: PolicyCase = { ...c, boundary: allow({ Action: "sts:AssumeRole" }) };
      expect(bothDecisions(allowing), JSON.stringify(principal)).toEqual({ portcullis: "Allow", iamSimulate: "Allow" });
    }
  });

  it("AssumeRoleWithWebIdentity needs no AWS credentials: the trust policy alone decides for an OIDC provider", () => {
    // STS API Reference, "AssumeRoleWithWebIdentity": "Calling AssumeRoleWithWebIdentity does not
    // require the use of AWS security credentials." The caller has no account and no identity-based
    // policies, so a trust policy naming its provider lets it in. iam-simulate treats a caller
    // named "accounts.google.com" as an authenticated principal of no account, that is, as
    // cross-account, and asks for an identity-based Allow it cannot have. (The differential
    // generator uses cognito-identity.amazonaws.com, which iam-simulate reads as a service.)
    const c: PolicyCase = {
      request: assume("accounts.google.com", { action: "sts:AssumeRoleWithWebIdentity" }),
      identity: [],
      resource: trust({ Federated: "accounts.google.com" }, "sts:AssumeRoleWithWebIdentity"),
    };
    expect(bothDecisions(c)).toEqual({ portcullis: "Allow", iamSimulate: "ImplicitDeny" });
    const cognito: PolicyCase = {
      request: assume("cognito-identity.amazonaws.com", { action: "sts:AssumeRoleWithWebIdentity" }),
      identity: [],
      resource: trust({ Federated: "cognito-identity.amazonaws.com" }, "sts:AssumeRoleWithWebIdentity"),
    };
    expect(bothDecisions(cognito)).toEqual({ portcullis: "Allow", iamSimulate: "Allow" });
  });

  it("an account principal does not name a SAML provider's callers (the documentation is silent)", () => {
    // The documentation does not say whether a Principal naming an account covers a SAML-federated
    // caller. IAM User Guide, "AWS JSON policy elements: Principal", AWS account principals: "This
    // delegates authority to the account. When you allow access to a different account, an
    // administrator in that account must then grant access to an identity (IAM user or role) in that
    // account." A SAML caller is not yet an IAM identity of the account (it becomes a role session
    // only once AssumeRoleWithSAML succeeds), so Portcullis reads the account principal as not
    // naming it; iam-simulate takes the account from the provider's ARN. (The differential
    // generator renames such Deny statements to name the provider for SAML callers.)
    const SAML = `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`;
    const c: PolicyCase = {
      request: assume(SAML, { action: "sts:AssumeRoleWithSAML" }),
      identity: [],
      resource: trust({ Federated: SAML }, "sts:AssumeRoleWithSAML", [{ Effect: "Deny", Principal: { AWS: ACCOUNT }, Action: "sts:*" }]),
    };
    expect(bothDecisions(c)).toEqual({ portcullis: "Allow", iamSimulate: "ExplicitDeny" });
    const named: PolicyCase = {
      ...c,
      resource: trust({ Federated: SAML }, "sts:AssumeRoleWithSAML", [{ Effect: "Deny", Principal: { Federated: SAML }, Action: "sts:*" }]),
    };
    expect(bothDecisions(named)).toEqual({ portcullis: "ExplicitDeny", iamSimulate: "ExplicitDeny" });
  });

  it("RCPs do not apply to service-linked roles: neither to their sessions nor to assuming them", () => {
    // AWS Organizations User Guide, "Resource control policies (RCPs)": "RCPs do not impact the
    // effective permissions of any service-linked role." and "RCPs also do not impact AWS services'
    // ability to assume a service-linked role; that is, the service-linked role's trust policy is
    // also not impacted by RCPs." IAM keeps service-linked roles under the aws-service-role/ path;
    // a session is known as one by its aws:PrincipalArn. iam-simulate applies RCPs to them. (The
    // differential test gives iam-simulate no RCPs for these requests.)
    const slr = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ec2.amazonaws.com/AWSServiceRoleForEC2`;
    const rcps = [
      [
        { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] },
        { Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: ["sqs:*", "sts:*"], Resource: "*" }] },
      ],
    ];
    const session: PolicyCase = {
      request: request({
        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForEC2/ec2-session`,
        action: "sqs:SendMessage",
        resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`,
        context: { "aws:PrincipalArn": slr },
      }),
      identity: [allow({})],
      rcps,
    };
    expect(bothDecisions(session)).toEqual({ portcullis: "Allow", iamSimulate: "ExplicitDeny" });
    const assumeIt: PolicyCase = {
      request: assume("ec2.amazonaws.com", { resource: slr }),
      identity: [],
      resource: trust({ Service: "ec2.amazonaws.com" }),
      rcps,
    };
    expect(bothDecisions(assumeIt)).toEqual({ portcullis: "Allow", iamSimulate: "ExplicitDeny" });
    // Any other role's session is limited, in both engines.
    const other: PolicyCase = { ...session, request: { ...session.request, principal: SESSION, context: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/Dev` } } };
    expect(bothDecisions(other)).toEqual({ portcullis: "ExplicitDeny", iamSimulate: "ExplicitDeny" });
  });

  it("resource control policies do not govern IAM or EC2: a level that allows nothing does not deny them", () => {
    // AWS Organizations User Guide, "Resource control policies (RCPs)": "RCPs apply to actions for
    // the following AWS services:" — the list names Amazon S3, AWS STS, AWS KMS, Amazon SQS and AWS
    // Secrets Manager among others, but not IAM or Amazon EC2. An RCP cannot name their actions, so
    // only a level without an Allow (RCPFullAWSAccess) could reach them; iam-simulate applies such a
    // level to every service. (The differential test gives iam-simulate no RCPs for IAM and EC2.)
    const fullAccess: PolicyJson = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] };
    // A level whose only RCP denies something else: it has no Allow for the request.
    const denySqs: PolicyJson = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: "*" }] };
    const onResource = (action: string, resource: string, rcps: PolicyJson[][]): PolicyCase => ({
      request: request({ action, resource, resourceAccount: ACCOUNT }),
      identity: [allow({})],
      rcps,
    });
    for (const [action, resource] of [
      ["iam:GetUser", ALICE],
      ["ec2:StartInstances", `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`],
    ] as const) {
      expect(bothDecisions(onResource(action, resource, [[fullAccess], [denySqs]])), action).toEqual({ portcullis: "Allow", iamSimulate: "ImplicitDeny" });
    }
    // On S3, which RCPs govern, both engines find no Allow at the second level.
    const s3 = onResource("s3:GetObject", "arn:aws:s3:::reports/q1.csv", [[fullAccess], [denySqs]]);
    expect(bothDecisions(s3)).toEqual({ portcullis: "ImplicitDeny", iamSimulate: "ImplicitDeny" });
  });
});

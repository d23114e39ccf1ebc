// fast-check generators of random-but-valid policy sets and requests for the differential test.
//
// The vocabulary is deliberately small (two accounts, four callers, a dozen actions and resources,
// a handful of context keys) so that random statements match random requests often enough for the
// interesting paths — explicit deny, boundary, resource-policy grants, SCP levels — to be exercised
// in a few thousand runs. Shapes AWS documents but iam-simulate decides differently are kept out
// here only where tests/unit/policy/known-differences.test.ts pins our behaviour; each such
// exclusion names its test.

import fc from "fast-check";
import type { AuthorizationRequest, ContextValue } from "../../../../lib/policy/types";
import { conditionArb } from "./conditionArbitraries";
import { ACCOUNT, ALICE_ARN, OTHER_ACCOUNT, oneOrMany, weighted } from "./combinators";
import type { PolicyCase, PolicyJson } from "./iamSimulateOracle";

export { ACCOUNT, OTHER_ACCOUNT };

/** The callers a request can come from. */
export interface Caller {
  readonly arn: string;
  readonly account: string;
  /** `aws:username`: only IAM users have one. */
  readonly username?: string;
  /** `aws:PrincipalArn`: the role ARN for a role session, the user ARN for a user. */
  readonly principalArn: string;
  readonly isSession: boolean;
}

export const ALICE: Caller = {
  arn: ALICE_ARN,
  account: ACCOUNT,
  username: "alice",
  principalArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  isSession: false,
};
export const BOB: Caller = {
  arn: `arn:aws:iam::${ACCOUNT}:user/engineering/bob`,
  account: ACCOUNT,
  username: "bob",
  principalArn: `arn:aws:iam::${ACCOUNT}:user/engineering/bob`,
  isSession: false,
};
export const CAROL: Caller = {
  arn: `arn:aws:iam::${OTHER_ACCOUNT}:user/carol`,
  account: OTHER_ACCOUNT,
  username: "carol",
  principalArn: `arn:aws:iam::${OTHER_ACCOUNT}:user/carol`,
  isSession: false,
};
export const DEV_SESSION: Caller = {
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/dev-session`,
  account: ACCOUNT,
  principalArn: `arn:aws:iam::${ACCOUNT}:role/Dev`,
  isSession: true,
};

const REQUEST_ACTIONS = [
  "iam:GetUser",
  "iam:CreateUser",
  "iam:DeleteUser",
  "iam:ListUsers",
  "iam:CreateAccessKey",
  "sqs:SendMessage",
  "sqs:ReceiveMessage",
  "dynamodb:GetItem",
  "dynamodb:PutItem",
] as const;

// Requests always name one concrete resource (AWS never authorizes a pattern), so no `*` here.
// `alice+ops.x` puts regex metacharacters into a resource name.
const REQUEST_RESOURCES = [
  `arn:aws:iam::${ACCOUNT}:user/alice`,
  `arn:aws:iam::${ACCOUNT}:user/engineering/bob`,
  `arn:aws:iam::${ACCOUNT}:user/alice+ops.x`,
  `arn:aws:iam::${ACCOUNT}:group/devs`,
  `arn:aws:iam::${ACCOUNT}:role/Dev`,
  `arn:aws:iam::${OTHER_ACCOUNT}:user/carol`,
  `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`,
  `arn:aws:sqs:us-east-1:${OTHER_ACCOUNT}:jobs`,
  `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders`,
] as const;

// Action patterns: exact, wildcards at either end and in the middle, `?`, and case variations
// (action matching is case-insensitive).
const POLICY_ACTIONS = [
  "*",
  "iam:*",
  "iam:GetUser",
  "IAM:getuser",
  "iam:Get*",
  "iam:*User",
  "iam:?etUser",
  "iam:Create*",
  "iam:CREATE*",
  "iam:List*",
  "iam:Delete?ser",
  "iam:*Access*",
  "sqs:*",
  "sqs:Send*",
  "Sqs:ReceiveMessage",
  "dynamodb:GetItem",
  "dynamodb:*Item",
] as const;

// Resource patterns. Wildcards stay out of the resource-type prefix (`user/`, `table/`), which
// iam-simulate will not let them match (known-differences.test.ts, "wildcards work anywhere in the
// resource segment").
const POLICY_RESOURCES = [
  "*",
  `arn:aws:iam::${ACCOUNT}:user/alice`,
  `arn:aws:iam::${ACCOUNT}:user/Alice`,
  `arn:aws:iam::${ACCOUNT}:user/*`,
  `arn:aws:iam::${ACCOUNT}:user/engineering/*`,
  `arn:aws:iam::${ACCOUNT}:user/alice+ops.?`,
  `arn:aws:iam::*:user/a?ice`,
  `arn:aws:iam::${ACCOUNT}:*`,
  `arn:aws:iam::${ACCOUNT}:group/*`,
  `arn:aws:iam::${ACCOUNT}:role/D*`,
  `arn:aws:iam::${OTHER_ACCOUNT}:user/*`,
  `arn:aws:sqs:*:${ACCOUNT}:jobs`,
  `arn:aws:sqs:us-east-1:*:*`,
  `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Ord?rs`,
  `arn:aws:*:*:${ACCOUNT}:*`,
  // A `*` that ends a segment runs on past the colons (IAM User Guide, Resource element).
  `arn:aws:iam::*`,
  `arn:aws:sqs:*`,
] as const;

// Only in documents with Version 2012-10-17: without it AWS reads `${…}` as literal text, which
// iam-simulate does not (known-differences.test.ts, "policy variables need Version 2012-10-17").
const POLICY_RESOURCES_WITH_VARIABLES = [
  `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
  `arn:aws:iam::${ACCOUNT}:user/*/\${aws:username}`,
  `arn:aws:iam::${ACCOUNT}:user/\${aws:PrincipalTag/team, 'alice'}`,
  `arn:aws:iam::${ACCOUNT}:user/\${aws:username}\${*}`,
  // Variables are substituted only after the fifth colon; here the text stays literal.
  `arn:aws:iam::\${aws:PrincipalAccount}:user/alice`,
] as const;

const PRINCIPAL_ELEMENTS: readonly unknown[] = [
  "*",
  { AWS: "*" },
  { AWS: ALICE.arn },
  { AWS: BOB.arn },
  { AWS: CAROL.arn },
  { AWS: ACCOUNT },
  { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  { AWS: OTHER_ACCOUNT },
  { AWS: DEV_SESSION.principalArn },
  { AWS: DEV_SESSION.arn },
  { AWS: [ALICE.arn, OTHER_ACCOUNT] },
];

// NotPrincipal names callers by their own ARN only. Naming just an account or a role does not
// exempt the users and sessions in it, which iam-simulate reads the other way
// (known-differences.test.ts, "NotPrincipal exempts only the principals it names").
const NOT_PRINCIPAL_ELEMENTS: readonly unknown[] = [
  { AWS: ALICE.arn },
  { AWS: BOB.arn },
  { AWS: CAROL.arn },
  { AWS: DEV_SESSION.arn },
  { AWS: [ALICE.arn, CAROL.arn] },
];

/** A condition key: its spellings in policies, its operators, and the values policies compare with. */
export type PolicyRole = "identity" | "resource" | "scp";

const isShortArn = (resource: string) => resource.startsWith("arn:") && resource.split(":").length < 6;

function statementArb(role: PolicyRole, variables: boolean): fc.Arbitrary<PolicyJson> {
  const resources = variables ? [...POLICY_RESOURCES, ...POLICY_RESOURCES_WITH_VARIABLES] : [...POLICY_RESOURCES];
  return fc
    .record({
      sid: fc.option(fc.constantFrom("S1", "AllowThings", "DenyThings"), { nil: undefined }),
      effect: weighted<"Allow" | "Deny">([4, fc.constant("Allow")], [1, fc.constant("Deny")]),
      notAction: weighted([5, fc.constant(false)], [1, fc.constant(true)]),
      actions: oneOrMany(weighted([1, fc.constantFrom("*", "iam:*", "sqs:*", "dynamodb:*")], [3, fc.constantFrom(...POLICY_ACTIONS)])),
      notResource: weighted([5, fc.constant(false)], [1, fc.constant(true)]),
      resources: oneOrMany(weighted([1, fc.constant("*")], [3, fc.constantFrom(...resources)])),
      condition: weighted([2, fc.constant(undefined)], [1, conditionArb(variables)]),
      notPrincipal: weighted([6, fc.constant(false)], [1, fc.constant(true)]),
      principal: fc.constantFrom(...PRINCIPAL_ELEMENTS),
      notPrincipalValue: fc.constantFrom(...NOT_PRINCIPAL_ELEMENTS),
    })
    // A short ARN (fewer than six segments) under NotResource is pinned in known-differences.test.ts.
    .filter((s) => !s.notResource || !(Array.isArray(s.resources) ? s.resources : [s.resources]).some(isShortArn))
    // So is a policy variable under NotResource (iam-simulate lets an unresolvable one match).
    .filter((s) => !s.notResource || !JSON.stringify(s.resources).includes("${"))
    .map((s) => {
      const statement: PolicyJson = {};
      if (s.sid) statement.Sid = s.sid;
      statement.Effect = s.effect;
      if (role === "resource") {
        // NotPrincipal with Allow grants to everyone else, anonymous callers included; AWS advises
        // against it, so the generator writes NotPrincipal only with Deny.
        if (s.notPrincipal && s.effect === "Deny") statement.NotPrincipal = s.notPrincipalValue;
        else statement.Principal = s.principal;
      }
      statement[s.notAction ? "NotAction" : "Action"] = s.actions;
      statement[s.notResource ? "NotResource" : "Resource"] = s.resources;
      if (s.condition) statement.Condition = s.condition;
      return statement;
    });
}

function policyArb(role: PolicyRole): fc.Arbitrary<PolicyJson> {
  const document = (version: fc.Arbitrary<string | undefined>, variables: boolean) =>
    fc
      .record({
        version,
        statements: fc.array(statementArb(role, variables), { minLength: 1, maxLength: 3 }),
        bare: fc.boolean(),
      })
      .map(({ version, statements, bare }) => {
        const policy: PolicyJson = {};
        if (version !== undefined) policy.Version = version;
        // A single statement may be written as an object instead of a one-element array.
        policy.Statement = bare && statements.length === 1 ? statements[0] : statements;
        return policy;
      });
  return weighted(
    [4, document(fc.constant("2012-10-17"), true)],
    [1, document(fc.constantFrom(undefined, "2008-10-17"), false)],
  );
}

/** Any valid policy of the generator's vocabulary, for fuzzing by mutation. */
export const validPolicyArb: fc.Arbitrary<PolicyJson> = fc.oneof(policyArb("identity"), policyArb("resource"), policyArb("scp"));

export const FULL_AWS_ACCESS: PolicyJson = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};

const callerArb = weighted<Caller>([4, fc.constant(ALICE)], [2, fc.constant(BOB)], [1, fc.constant(CAROL)], [2, fc.constant(DEV_SESSION)]);

// Context values that sometimes satisfy and sometimes miss the conditions above; absent keys test
// IfExists, Null and the negated operators.
const contextArb = fc.record(
  {
    "aws:PrincipalTag/team": fc.constantFrom("dev", "ops", "Dev", "alice"),
    "aws:RequestTag/env": fc.constantFrom("prod", "dev"),
    "aws:TagKeys": fc.subarray(["env", "team", "cost"]),
    "aws:SourceIp": fc.constantFrom("10.1.2.3", "192.168.1.77", "203.0.113.5", "198.51.100.7", "2001:db8::1"),
    "aws:CurrentTime": fc.constantFrom("2024-06-01T12:00:00Z", "2024-01-01T00:00:00Z", "2022-12-31T23:59:59Z"),
    "aws:MultiFactorAuthAge": fc.constantFrom("30", "300", "3600", "90000"),
    "aws:MultiFactorAuthPresent": fc.constantFrom("true", "false"),
    "aws:SecureTransport": fc.constantFrom("true", "false"),
  },
  { requiredKeys: [] },
);

export const requestArb: fc.Arbitrary<{ request: AuthorizationRequest; caller: Caller }> = fc
  .record({
    caller: callerArb,
    action: fc.constantFrom(...REQUEST_ACTIONS),
    resource: fc.constantFrom(...REQUEST_RESOURCES),
    context: contextArb,
  })
  .map(({ caller, action, resource, context }) => {
    const full: Record<string, ContextValue> = {
      ...context,
      "aws:PrincipalArn": caller.principalArn,
      "aws:PrincipalAccount": caller.account,
    };
    if (caller.username) full["aws:username"] = caller.username;
    const request: AuthorizationRequest = {
      principal: caller.arn,
      action,
      resource,
      resourceAccount: resource.split(":")[4]!,
      context: full,
    };
    return { request, caller };
  });

/** A whole case: a request and the identity, boundary, resource, session and SCP policies for it. */
export const policyCaseArb: fc.Arbitrary<PolicyCase> = fc
  .record({
    req: requestArb,
    identity: fc.array(policyArb("identity"), { minLength: 0, maxLength: 3 }),
    boundary: weighted([2, fc.constant(undefined)], [1, policyArb("identity")]),
    resource: weighted([3, fc.constant(undefined)], [2, policyArb("resource")]),
    session: weighted([1, fc.constant(undefined)], [1, policyArb("identity")]),
    scps: weighted(
      [2, fc.constant(undefined)],
      [
        1,
        fc.array(
          fc.array(weighted([2, fc.constant(FULL_AWS_ACCESS)], [1, policyArb("scp")]), { minLength: 1, maxLength: 2 }),
          { minLength: 1, maxLength: 3 },
        ),
      ],
    ),
  })
  .map(({ req, identity, boundary, resource, session, scps }) => {
    const c: {
      -readonly [K in keyof PolicyCase]: PolicyCase[K];
    } = { request: req.request, identity };
    if (boundary) c.boundary = boundary;
    if (resource) c.resource = resource;
    // Session policies only exist for sessions (AssumeRole, GetFederationToken).
    if (session && req.caller.isSession) {
      c.session = session;
      if (c.resource) c.resource = withoutDirectSessionGrants(c.resource);
    }
    if (scps) c.scps = scps;
    return c;
  });

const NAMES_SESSION_DIRECTLY = new Set([JSON.stringify("*"), JSON.stringify({ AWS: "*" }), JSON.stringify({ AWS: DEV_SESSION.arn })]);

/**
 * Rewrites resource-policy Allow statements that name the role session itself ("*" or the session
 * ARN) to name its role instead. AWS lets such a grant past the session policy; iam-simulate does
 * not (known-differences.test.ts, "a resource policy naming the session ARN is not limited by the
 * session policy").
 */
function withoutDirectSessionGrants(policy: PolicyJson): PolicyJson {
  const rewrite = (statement: PolicyJson): PolicyJson =>
    statement.Effect === "Allow" && NAMES_SESSION_DIRECTLY.has(JSON.stringify(statement.Principal))
      ? { ...statement, Principal: { AWS: DEV_SESSION.principalArn } }
      : statement;
  const statements = policy.Statement;
  return { ...policy, Statement: Array.isArray(statements) ? statements.map(rewrite) : rewrite(statements as PolicyJson) };
}

/** A compact, copy-pasteable description of a case for failure messages. */
export function describeCase(c: PolicyCase): string {
  return JSON.stringify(c, null, 2);
}

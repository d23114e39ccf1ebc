// Random policy sets and requests for what roles need (issue 11), for the differential test
// against iam-simulate: the vocabulary of arbitraries.ts extended to trust policies, role
// sessions, session policies and resource control policies.

import fc from "fast-check";
import type { ContextValue } from "../../../../lib/policy/types";
import { ALICE, BOB, CAROL, DEV_SESSION, FULL_AWS_ACCESS, type Caller } from "./arbitraries";
import { ACCOUNT, OTHER_ACCOUNT, oneOrMany, weighted } from "./combinators";
import type { PolicyCase, PolicyJson } from "./iamSimulateOracle";

//
// A second vocabulary for issue 11: requests to assume roles (the role's trust policy is the
// resource policy), assumed-role sessions calling ordinary resources, session policies, and
// resource control policies on services RCPs apply to (s3, sqs, kms, secretsmanager, sts) and on
// ones they do not (iam, ec2).

const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;

const ADMIN_ROLE = roleArn(ACCOUNT, "Admin");
export const DEV_ROLE = DEV_SESSION.principalArn;
export const OPS_ROLE = roleArn(OTHER_ACCOUNT, "Ops");
/** A role in the other account, assumed across accounts. */
const AUDIT_ROLE = roleArn(OTHER_ACCOUNT, "Audit");

export const ROOT: Caller = {
  arn: `arn:aws:iam::${ACCOUNT}:root`,
  account: ACCOUNT,
  principalArn: `arn:aws:iam::${ACCOUNT}:root`,
  isSession: false,
};
const OTHER_ROOT: Caller = {
  arn: `arn:aws:iam::${OTHER_ACCOUNT}:root`,
  account: OTHER_ACCOUNT,
  principalArn: `arn:aws:iam::${OTHER_ACCOUNT}:root`,
  isSession: false,
};
export const OPS_SESSION: Caller = {
  arn: `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/Ops/ops-session`,
  account: OTHER_ACCOUNT,
  principalArn: OPS_ROLE,
  isSession: true,
};
/** A session of the Admin role, for a session that assumes its own role again. */
const ADMIN_SESSION: Caller = {
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/admin-session`,
  account: ACCOUNT,
  principalArn: ADMIN_ROLE,
  isSession: true,
};
/** A service-linked role (IAM keeps them under the aws-service-role/ path) and one of its sessions. */
const SERVICE_LINKED_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ec2.amazonaws.com/AWSServiceRoleForEC2`;
export const SERVICE_LINKED_SESSION: Caller = {
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForEC2/ec2-session`,
  account: ACCOUNT,
  principalArn: SERVICE_LINKED_ROLE,
  isSession: true,
};
const SAML_PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`;
const WEB_IDENTITY_PROVIDER = "cognito-identity.amazonaws.com";

/**
 * Who asks to assume a role: an IAM caller, or one that is no IAM identity (a SAML or web identity
 * provider's user, or a service), which comes with the one action it calls and the Principal
 * block that names it.
 */
type TrustCaller =
  | { readonly kind: "iam"; readonly caller: Caller }
  | { readonly kind: "federated"; readonly arn: string; readonly action: string; readonly principal: Record<string, string> };

const federated = (arn: string, action: string, type: "Federated" | "Service"): TrustCaller => ({
  kind: "federated",
  arn,
  action,
  principal: { [type]: arn },
});

const trustCallerArb: fc.Arbitrary<TrustCaller> = weighted<TrustCaller>(
  [
    12,
    weighted(
      [3, fc.constant(ALICE)],
      [1, fc.constant(BOB)],
      [2, fc.constant(CAROL)],
      [2, fc.constant(DEV_SESSION)],
      [2, fc.constant(ADMIN_SESSION)],
      [2, fc.constant(OPS_SESSION)],
      [1, fc.constant(ROOT)],
      [1, fc.constant(OTHER_ROOT)],
    ).map((caller) => ({ kind: "iam" as const, caller })),
  ],
  [1, fc.constant(federated(SAML_PROVIDER, "sts:AssumeRoleWithSAML", "Federated"))],
  [1, fc.constant(federated(WEB_IDENTITY_PROVIDER, "sts:AssumeRoleWithWebIdentity", "Federated"))],
  [2, fc.constant(federated("ec2.amazonaws.com", "sts:AssumeRole", "Service"))],
);

/** The actions an IAM caller sends to a role: AssumeRole, and the three that come with it. */
const IAM_TRUST_ACTIONS = weighted(
  [6, fc.constant("sts:AssumeRole")],
  [1, fc.constantFrom("sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext")],
);

const TRUST_POLICY_ACTIONS = [
  "sts:AssumeRole",
  "STS:assumerole",
  "sts:Assume*",
  "sts:*",
  "*",
  "sts:TagSession",
  "sts:SetSourceIdentity",
  "sts:SetContext",
  "sts:AssumeRoleWithSAML",
  "sts:AssumeRoleWithWebIdentity",
] as const;

// Principals a trust policy names: the user, the role (for role chaining and a session assuming its
// own role), the session, the account (ID and root ARN), the other account, everyone ({"AWS": "*"}:
// IAM refuses a bare "*" in a trust policy), federated providers, and a service.
const TRUST_PRINCIPALS: readonly unknown[] = [
  { AWS: ALICE.arn },
  { AWS: BOB.arn },
  { AWS: CAROL.arn },
  { AWS: ACCOUNT },
  { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  { AWS: OTHER_ACCOUNT },
  { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
  { AWS: "*" },
  { AWS: DEV_ROLE },
  { AWS: ADMIN_ROLE },
  { AWS: OPS_ROLE },
  { AWS: DEV_SESSION.arn },
  { AWS: OPS_SESSION.arn },
  { AWS: [ALICE.arn, OTHER_ACCOUNT] },
  { AWS: [DEV_ROLE, OPS_ROLE] },
  { Federated: SAML_PROVIDER },
  { Federated: WEB_IDENTITY_PROVIDER },
  { Service: "ec2.amazonaws.com" },
];

type ConditionBlock = Record<string, Record<string, string | string[]>>;

/** Condition entries as [operator, key, values]; each block takes one to two of them. */
function conditionBlockArb(entries: readonly (readonly [string, string, readonly string[]])[]): fc.Arbitrary<ConditionBlock> {
  const entryArb = fc.constantFrom(...entries).chain(([operator, key, values]) =>
    oneOrMany(fc.constantFrom(...values)).map((value) => ({ operator, key, value })),
  );
  return fc.array(entryArb, { minLength: 1, maxLength: 2 }).map((list) => {
    const block: ConditionBlock = {};
    for (const { operator, key, value } of list) (block[operator] ??= {})[key] ??= value;
    return block;
  });
}

// The keys trust policies test: the external ID, MFA, the caller's tags, source identity, the
// session name, the session tags passed with sts:TagSession, who and which account the caller is.
const TRUST_CONDITION_ENTRIES = [
  ["StringEquals", "sts:ExternalId", ["Unique-1", "other-id"]],
  ["StringNotEquals", "sts:ExternalId", ["Unique-1"]],
  ["Null", "sts:ExternalId", ["true", "false"]],
  ["Bool", "aws:MultiFactorAuthPresent", ["true", "false"]],
  ["BoolIfExists", "aws:MultiFactorAuthPresent", ["true", "false"]],
  ["Null", "aws:MultiFactorAuthPresent", ["true", "false"]],
  ["StringEquals", "aws:PrincipalTag/team", ["dev", "ops"]],
  ["StringLike", "aws:PrincipalTag/team", ["d*"]],
  ["StringEquals", "aws:SourceIdentity", ["alice", "bob"]],
  ["StringLikeIfExists", "aws:SourceIdentity", ["a*"]],
  ["StringLike", "sts:SourceIdentity", ["a*"]],
  ["StringEquals", "sts:RoleSessionName", ["alice", "ops-session"]],
  ["StringEquals", "aws:RequestTag/project", ["blue"]],
  ["ForAllValues:StringEquals", "aws:TagKeys", ["team", "project"]],
  ["ForAnyValue:StringEquals", "aws:TagKeys", ["cost"]],
  ["ArnLike", "aws:PrincipalArn", [`arn:aws:iam::${ACCOUNT}:user/*`, `arn:aws:iam::*:role/Dev`, `arn:aws:iam::${OTHER_ACCOUNT}:*`]],
  ["ArnEquals", "aws:PrincipalArn", [ALICE.arn, ADMIN_ROLE]],
  ["StringEquals", "aws:PrincipalAccount", [ACCOUNT, OTHER_ACCOUNT]],
] as const;

const trustConditionArb = conditionBlockArb(TRUST_CONDITION_ENTRIES);

function trustStatementArb(): fc.Arbitrary<PolicyJson> {
  return fc
    .record({
      sid: fc.option(fc.constantFrom("TrustAlice", "TrustAccount", "DenyOutsiders"), { nil: undefined }),
      effect: weighted<"Allow" | "Deny">([4, fc.constant("Allow")], [1, fc.constant("Deny")]),
      notAction: weighted([8, fc.constant(false)], [1, fc.constant(true)]),
      actions: oneOrMany(weighted([3, fc.constant("sts:AssumeRole")], [4, fc.constantFrom(...TRUST_POLICY_ACTIONS)])),
      principal: fc.constantFrom(...TRUST_PRINCIPALS),
      condition: weighted([3, fc.constant(undefined)], [2, trustConditionArb]),
    })
    .map((s) => {
      // A trust policy has no Resource: the role it is attached to is the resource.
      const statement: PolicyJson = {};
      if (s.sid) statement.Sid = s.sid;
      statement.Effect = s.effect;
      statement.Principal = s.principal;
      statement[s.notAction ? "NotAction" : "Action"] = s.actions;
      if (s.condition) statement.Condition = s.condition;
      return statement;
    });
}

/** Statements of one policy, with Sids made unique (IAM refuses a policy that repeats one). */
export function documentOf(statements: PolicyJson[]): PolicyJson {
  const seen = new Set<string>();
  const unique = statements.map((statement) => {
    if (typeof statement.Sid !== "string" || !seen.has(statement.Sid)) {
      if (typeof statement.Sid === "string") seen.add(statement.Sid);
      return statement;
    }
    const { Sid: _repeated, ...rest } = statement;
    return rest;
  });
  return { Version: "2012-10-17", Statement: unique };
}

/** A role's trust policy. */
export const validTrustPolicyArb: fc.Arbitrary<PolicyJson> = fc
  .array(trustStatementArb(), { minLength: 1, maxLength: 3 })
  .map(documentOf);

/** The vocabulary of identity-side statements (identity, boundary, session, SCP). */
export interface Vocabulary {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

const IDENTITY_CONDITION_ENTRIES = [
  ...TRUST_CONDITION_ENTRIES,
  ["StringEquals", "aws:username", ["alice", "bob"]],
  ["Bool", "aws:SecureTransport", ["true"]],
  ["IpAddress", "aws:SourceIp", ["10.0.0.0/8", "203.0.113.0/24"]],
] as const;

export function vocabularyStatementArb(vocabulary: Vocabulary): fc.Arbitrary<PolicyJson> {
  return fc
    .record({
      effect: weighted<"Allow" | "Deny">([7, fc.constant("Allow")], [1, fc.constant("Deny")]),
      notAction: weighted([6, fc.constant(false)], [1, fc.constant(true)]),
      actions: oneOrMany(fc.constantFrom(...vocabulary.actions)),
      notResource: weighted([6, fc.constant(false)], [1, fc.constant(true)]),
      resources: oneOrMany(weighted([1, fc.constant("*")], [4, fc.constantFrom(...vocabulary.resources)])),
      condition: weighted([3, fc.constant(undefined)], [1, conditionBlockArb(IDENTITY_CONDITION_ENTRIES)]),
    })
    .map((s) => {
      const statement: PolicyJson = { Effect: s.effect };
      statement[s.notAction ? "NotAction" : "Action"] = s.actions;
      statement[s.notResource ? "NotResource" : "Resource"] = s.resources;
      if (s.condition) statement.Condition = s.condition;
      return statement;
    });
}

export const vocabularyPolicyArb = (vocabulary: Vocabulary) =>
  fc.array(vocabularyStatementArb(vocabulary), { minLength: 1, maxLength: 3 }).map(documentOf);

/** Identity-side statements about assuming roles. */
const ASSUME_VOCABULARY: Vocabulary = {
  actions: ["sts:AssumeRole", "sts:Assume*", "sts:*", "*", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext", "iam:*"],
  resources: [
    ADMIN_ROLE,
    DEV_ROLE,
    AUDIT_ROLE,
    `arn:aws:iam::${ACCOUNT}:role/*`,
    "arn:aws:iam::*:role/*",
    "arn:aws:iam::*:role/A*",
    `arn:aws:iam::${OTHER_ACCOUNT}:role/Audit`,
  ],
};

// ── Resource control policies ──

/** RCPFullAWSAccess: AWS attaches it to the root, every OU and every account, and it cannot be detached. */
export const RCP_FULL_AWS_ACCESS: PolicyJson = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
};

// The data-perimeter conditions RCPs are written with, over keys the request supplies.
const RCP_CONDITION_ENTRIES = [
  ["StringNotEqualsIfExists", "aws:PrincipalAccount", [ACCOUNT]],
  ["StringNotEquals", "aws:PrincipalOrgID", ["o-example"]],
  ["StringNotEqualsIfExists", "aws:PrincipalOrgID", ["o-example"]],
  ["BoolIfExists", "aws:PrincipalIsAWSService", ["false"]],
  ["Bool", "aws:SecureTransport", ["false"]],
  ["StringEquals", "aws:PrincipalTag/team", ["ops"]],
  ["NotIpAddress", "aws:SourceIp", ["10.0.0.0/8"]],
  ["StringNotEquals", "sts:ExternalId", ["Unique-1"]],
] as const;

// No "*" alone ("You cannot use "*" in the Action element of a customer managed RCP"), and only
// services RCPs govern: an RCP cannot name IAM or EC2 actions at all.
const RCP_ACTIONS = ["s3:*", "s3:GetObject", "sqs:*", "sqs:SendMessage", "kms:*", "kms:Decrypt", "secretsmanager:*", "sts:AssumeRole", "sts:*"] as const;

const RCP_RESOURCES = [
  "arn:aws:s3:::reports/*",
  `arn:aws:sqs:*:${ACCOUNT}:*`,
  `arn:aws:kms:us-east-1:${ACCOUNT}:key/*`,
  `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-*`,
  `arn:aws:iam::${ACCOUNT}:role/*`,
  `arn:aws:iam::${ACCOUNT}:user/*`,
  `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`,
] as const;

// Customer RCPs deny only ("The effect of Allow is only supported for the RCPFullAWSAccess
// policy"), name every principal ("You can only specify "*" in the Principal element of an RCP"),
// and use Action, Resource or NotResource, and Condition (Organizations User Guide, "RCP syntax").
const rcpDenyStatementArb: fc.Arbitrary<PolicyJson> = fc
  .record({
    actions: oneOrMany(fc.constantFrom(...RCP_ACTIONS)),
    notResource: weighted([6, fc.constant(false)], [1, fc.constant(true)]),
    resources: oneOrMany(weighted([2, fc.constant("*")], [3, fc.constantFrom(...RCP_RESOURCES)])),
    condition: weighted([1, fc.constant(undefined)], [2, conditionBlockArb(RCP_CONDITION_ENTRIES)]),
  })
  .filter((s) => !s.notResource || s.resources !== "*")
  .map((s) => {
    const statement: PolicyJson = { Effect: "Deny", Principal: "*", Action: s.actions };
    statement[s.notResource ? "NotResource" : "Resource"] = s.resources;
    if (s.condition) statement.Condition = s.condition;
    return statement;
  });

/** A customer-managed RCP. */
export const validRcpArb: fc.Arbitrary<PolicyJson> = fc.array(rcpDenyStatementArb, { minLength: 1, maxLength: 2 }).map(documentOf);

/** RCP levels, root first: RCPFullAWSAccess nearly always there, plus up to two deny RCPs. */
export const rcpLevelsArb: fc.Arbitrary<PolicyJson[][]> = fc.array(
  fc
    .record({ full: weighted([8, fc.constant(true)], [1, fc.constant(false)]), denies: fc.array(validRcpArb, { maxLength: 2 }) })
    .map(({ full, denies }) => (full ? [RCP_FULL_AWS_ACCESS, ...denies] : denies))
    .filter((level) => level.length > 0),
  { minLength: 1, maxLength: 3 },
);

/** SCP levels for the roles vocabulary. */
export const scpLevelsArb = (vocabulary: Vocabulary) =>
  fc.array(fc.array(weighted([3, fc.constant(FULL_AWS_ACCESS)], [1, vocabularyPolicyArb(vocabulary)]), { minLength: 1, maxLength: 2 }), {
    minLength: 1,
    maxLength: 2,
  });

// Request context for the roles vocabulary: each key sometimes present, sometimes not.
export const roleContextArb = fc.record(
  {
    "sts:ExternalId": fc.constantFrom("Unique-1", "other-id"),
    "aws:MultiFactorAuthPresent": fc.constantFrom("true", "false"),
    "aws:PrincipalTag/team": fc.constantFrom("dev", "ops"),
    "aws:SourceIdentity": fc.constantFrom("alice", "bob"),
    "sts:SourceIdentity": fc.constantFrom("alice", "bob"),
    "sts:RoleSessionName": fc.constantFrom("alice", "ops-session"),
    "aws:RequestTag/project": fc.constantFrom("blue", "red"),
    "aws:TagKeys": fc.subarray(["team", "project", "cost"]),
    "aws:PrincipalOrgID": fc.constantFrom("o-example", "o-other"),
    "aws:SecureTransport": fc.constantFrom("true", "false"),
    "aws:SourceIp": fc.constantFrom("10.1.2.3", "203.0.113.5"),
  },
  { requiredKeys: [] },
);

export function callerContext(caller: Caller, context: Record<string, ContextValue>): Record<string, ContextValue> {
  const full: Record<string, ContextValue> = {
    ...context,
    "aws:PrincipalArn": caller.principalArn,
    "aws:PrincipalAccount": caller.account,
    "aws:PrincipalIsAWSService": "false",
  };
  if (caller.username) full["aws:username"] = caller.username;
  return full;
}

/**
 * Rewrites resource-policy Allow statements that name a session directly ("*" or its ARN) to name
 * its role, for a caller with a session policy: AWS lets such a grant past the session policy,
 * iam-simulate does not (known-differences.test.ts, "a resource policy naming the session ARN is
 * not limited by the session policy").
 */
export function withoutDirectGrantsTo(policy: PolicyJson, caller: Caller): PolicyJson {
  const direct = new Set([JSON.stringify("*"), JSON.stringify({ AWS: "*" }), JSON.stringify({ AWS: caller.arn })]);
  return mapStatements(policy, (statement) =>
    statement.Effect === "Allow" && direct.has(JSON.stringify(statement.Principal)) ? { ...statement, Principal: { AWS: caller.principalArn } } : statement,
  );
}

export type MutableCase = { -readonly [K in keyof PolicyCase]: PolicyCase[K] };

/** Applies `rewrite` to every statement of a policy. */
function mapStatements(policy: PolicyJson, rewrite: (statement: PolicyJson) => PolicyJson): PolicyJson {
  const statements = policy.Statement;
  return { ...policy, Statement: Array.isArray(statements) ? statements.map(rewrite) : rewrite(statements as PolicyJson) };
}

const namesAccount = (principal: unknown): boolean => {
  const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
  return [aws].flat().some((id) => typeof id === "string" && (/^\d{12}$/.test(id) || id.endsWith(":root")));
};

/**
 * For a user in the role's account with a permissions boundary: trust statements that allow the
 * user directly (its ARN, or "*") name the account instead. AWS holds the user's boundary against
 * the trust policy even then; iam-simulate lets the direct grant past the boundary
 * (known-differences.test.ts, "a trust policy naming the user is still limited by the user's
 * permissions boundary").
 */
function withoutDirectTrustOf(policy: PolicyJson, caller: Caller): PolicyJson {
  const direct = (id: unknown) => id === "*" || id === caller.arn;
  return mapStatements(policy, (statement) => {
    if (statement.Effect !== "Allow") return statement;
    if (statement.Principal === "*") return { ...statement, Principal: { AWS: caller.account } };
    const block = statement.Principal as Record<string, unknown>;
    const aws = [block.AWS ?? []].flat();
    if (!aws.some(direct)) return statement;
    return { ...statement, Principal: { ...block, AWS: aws.map((id) => (direct(id) ? caller.account : id)) } };
  });
}

/**
 * For a caller that is no IAM identity: Deny statements that name an account name the caller
 * instead. An account principal stands for the account's IAM identities, which a federated caller
 * is not; iam-simulate reads the SAML provider ARN's account as the caller's
 * (known-differences.test.ts, "an account principal does not name a SAML provider's callers").
 */
function withoutAccountDenies(policy: PolicyJson, principal: Record<string, string>): PolicyJson {
  return mapStatements(policy, (statement) =>
    statement.Effect === "Deny" && namesAccount(statement.Principal) ? { ...statement, Principal: principal } : statement,
  );
}

/**
 * Random statements seldom name the one request a case makes, so Allow would be rare. A grant
 * statement names it (exactly, by service wildcard, or with "*") and is added, by a coin toss per
 * policy, at the front of that policy.
 */
export const grantArb = (action: string, resource: string): fc.Arbitrary<PolicyJson> =>
  fc.record({
    Effect: fc.constant("Allow"),
    Action: fc.constantFrom(action, `${action.split(":")[0]}:*`, "*"),
    Resource: fc.constantFrom(resource, "*"),
  });

export function withGrant(policy: PolicyJson, grant: PolicyJson | undefined): PolicyJson {
  if (!grant) return policy;
  const statements = policy.Statement;
  return documentOf([grant, ...(Array.isArray(statements) ? statements : [statements as PolicyJson])]);
}

/** A coin toss per policy kind: whether that policy gets a grant statement for the request. */
export const grantsArb = fc.record({ identity: fc.boolean(), boundary: fc.boolean(), session: fc.boolean(), resource: fc.boolean() });

/** A request to assume a role (or tag its session, set its source identity or context), decided by its trust policy. */
export const trustCaseArb: fc.Arbitrary<PolicyCase> = fc
  .record({
    who: trustCallerArb,
    iamAction: IAM_TRUST_ACTIONS,
    role: weighted([3, fc.constant(ADMIN_ROLE)], [2, fc.constant(DEV_ROLE)], [2, fc.constant(AUDIT_ROLE)]),
    context: roleContextArb,
    trust: validTrustPolicyArb,
    identity: fc.array(vocabularyPolicyArb(ASSUME_VOCABULARY), { maxLength: 2 }),
    boundary: weighted([3, fc.constant(undefined)], [1, vocabularyPolicyArb(ASSUME_VOCABULARY)]),
    session: weighted([1, fc.constant(undefined)], [1, vocabularyPolicyArb(ASSUME_VOCABULARY)]),
    scps: weighted([3, fc.constant(undefined)], [1, scpLevelsArb(ASSUME_VOCABULARY)]),
    rcps: weighted([3, fc.constant(undefined)], [1, rcpLevelsArb]),
    grants: grantsArb,
    grantShape: fc.record({ action: fc.nat(2), resource: fc.boolean(), name: fc.nat(2) }),
  })
  .map(({ who, iamAction, role, context, trust: randomTrust, identity, boundary, session, scps, rcps, grants, grantShape }) => {
    const roleAccount = role.split(":")[4]!;
    const action = who.kind === "federated" ? who.action : iamAction;
    const grantAction = [action, "sts:*", "*"][grantShape.action]!;
    const grant: PolicyJson = { Effect: "Allow", Action: grantAction, Resource: grantShape.resource ? role : "*" };
    // A trust statement naming the caller: by its own ARN, its role (for a session), or its account.
    const names =
      who.kind === "federated"
        ? [who.principal]
        : [{ AWS: who.caller.isSession ? who.caller.principalArn : who.caller.arn }, { AWS: who.caller.account }, { AWS: who.caller.arn }];
    const trusting: PolicyJson = { Effect: "Allow", Principal: names[grantShape.name % names.length], Action: grantAction };
    const trust = grants.resource ? withGrant(randomTrust, trusting) : randomTrust;
    if (who.kind === "federated") {
      // A federated or service caller has no identity-side policies: only the trust policy can let
      // it in. A SAML provider lives in the role's own account; the EC2 service also assumes its
      // service-linked role, whose trust policy RCPs do not limit.
      const ownRole = who.arn === "ec2.amazonaws.com" && role !== ADMIN_ROLE ? SERVICE_LINKED_ROLE : role === AUDIT_ROLE ? ADMIN_ROLE : role;
      const c: MutableCase = {
        request: { principal: who.arn, action: who.action, resource: ownRole, resourceAccount: ACCOUNT, context },
        identity: [],
        resource: withoutAccountDenies(trust, who.principal),
      };
      if (rcps) c.rcps = rcps;
      return c;
    }
    const { caller } = who;
    const isRoot = caller.arn.endsWith(":root");
    const c: MutableCase = {
      request: { principal: caller.arn, action: iamAction, resource: role, resourceAccount: roleAccount, context: callerContext(caller, context) },
      // The root user has no attachable policies.
      identity: isRoot ? [] : identity.map((policy, i) => (i === 0 && grants.identity ? withGrant(policy, grant) : policy)),
      resource: trust,
    };
    if (!isRoot && grants.identity && identity.length === 0) c.identity = [documentOf([grant])];
    if (boundary && !isRoot) {
      c.boundary = grants.boundary ? withGrant(boundary, grant) : boundary;
      if (!caller.isSession && caller.account === roleAccount) c.resource = withoutDirectTrustOf(trust, caller);
    }
    if (session && caller.isSession) {
      c.session = grants.session ? withGrant(session, grant) : session;
      c.resource = withoutDirectGrantsTo(c.resource!, caller);
    }
    if (scps) c.scps = scps;
    if (rcps) c.rcps = rcps;
    return c;
  });

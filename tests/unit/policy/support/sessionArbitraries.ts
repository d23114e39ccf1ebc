// Random assumed-role sessions (and users, the root user, a service-linked role) calling ordinary
// resources for the differential test: resource policies naming the role or the session, session
// policies and RCP levels, on services RCPs govern (s3, sqs, kms, secretsmanager) and on ones they do
// not (iam, ec2). The trust-policy half of the vocabulary is in roleArbitraries.ts.

import fc from "fast-check";
import { ALICE, CAROL, DEV_SESSION, type Caller } from "./arbitraries";
import { ACCOUNT, OTHER_ACCOUNT, weighted } from "./combinators";
import type { PolicyCase, PolicyJson } from "./iamSimulateOracle";
import {
  callerContext,
  DEV_ROLE,
  documentOf,
  grantArb,
  grantsArb,
  OPS_ROLE,
  OPS_SESSION,
  rcpLevelsArb,
  roleContextArb,
  ROOT,
  scpLevelsArb,
  SERVICE_LINKED_SESSION,
  vocabularyPolicyArb,
  vocabularyStatementArb,
  withGrant,
  withoutDirectGrantsTo,
  type MutableCase,
  type Vocabulary,
} from "./roleArbitraries";


interface Target {
  readonly action: string;
  readonly resource: string;
  readonly account: string;
  /** Whether the service has resource-based policies (IAM users and EC2 instances do not). */
  readonly hasResourcePolicy: boolean;
}

const KMS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const TARGETS: readonly Target[] = [
  { action: "s3:GetObject", resource: "arn:aws:s3:::reports/2024/q1.csv", account: ACCOUNT, hasResourcePolicy: true },
  { action: "s3:PutObject", resource: "arn:aws:s3:::reports/2024/q1.csv", account: ACCOUNT, hasResourcePolicy: true },
  { action: "s3:GetObject", resource: "arn:aws:s3:::partner-data/file.csv", account: OTHER_ACCOUNT, hasResourcePolicy: true },
  { action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`, account: ACCOUNT, hasResourcePolicy: true },
  { action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${OTHER_ACCOUNT}:jobs`, account: OTHER_ACCOUNT, hasResourcePolicy: true },
  { action: "kms:Decrypt", resource: KMS_KEY, account: ACCOUNT, hasResourcePolicy: true },
  { action: "secretsmanager:GetSecretValue", resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`, account: ACCOUNT, hasResourcePolicy: true },
  { action: "iam:GetUser", resource: ALICE.arn, account: ACCOUNT, hasResourcePolicy: false },
  { action: "ec2:StartInstances", resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`, account: ACCOUNT, hasResourcePolicy: false },
];

const RESOURCE_VOCABULARY: Vocabulary = {
  actions: [
    "*",
    "s3:*",
    "s3:GetObject",
    "s3:Get*",
    "s3:*Object",
    "sqs:*",
    "sqs:SendMessage",
    "kms:*",
    "kms:Decrypt",
    "secretsmanager:GetSecretValue",
    "secretsmanager:*",
    "iam:GetUser",
    "iam:*",
    "ec2:StartInstances",
    "ec2:*",
  ],
  resources: [
    "arn:aws:s3:::reports/*",
    "arn:aws:s3:::*",
    "arn:aws:s3:::partner-data/*",
    `arn:aws:sqs:*:${ACCOUNT}:jobs`,
    "arn:aws:sqs:us-east-1:*:*",
    `arn:aws:kms:us-east-1:${ACCOUNT}:key/*`,
    `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-*`,
    `arn:aws:iam::${ACCOUNT}:user/*`,
    `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`,
    `arn:aws:*:*:${ACCOUNT}:*`,
  ],
};

// Resource policies on ordinary resources name users, sessions, their roles, accounts or everyone.
const RESOURCE_PRINCIPALS: readonly unknown[] = [
  "*",
  { AWS: "*" },
  { AWS: ALICE.arn },
  { AWS: CAROL.arn },
  { AWS: ACCOUNT },
  { AWS: OTHER_ACCOUNT },
  { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
  { AWS: DEV_ROLE },
  { AWS: DEV_SESSION.arn },
  { AWS: OPS_ROLE },
  { AWS: OPS_SESSION.arn },
  { AWS: [ALICE.arn, OTHER_ACCOUNT] },
];

const resourcePolicyArb: fc.Arbitrary<PolicyJson> = fc
  .array(
    fc.record({ statement: vocabularyStatementArb(RESOURCE_VOCABULARY), principal: fc.constantFrom(...RESOURCE_PRINCIPALS) }),
    { minLength: 1, maxLength: 3 },
  )
  .map((list) => documentOf(list.map(({ statement, principal }) => ({ ...statement, Principal: principal }))));

/**
 * A KMS key policy here always carries the default statement that enables IAM policies, as a key
 * created through the API has. Without it IAM policies grant nothing on the key ("Unless the key
 * policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key", AWS KMS
 * Developer Guide, "Key policies in AWS KMS"): a KMS rule outside this test's subject.
 */
const KMS_DEFAULT_STATEMENT: PolicyJson = {
  Sid: "EnableIAMUserPermissions",
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: "kms:*",
  Resource: "*",
};

const sessionCallerArb = weighted<Caller>(
  [2, fc.constant(ALICE)],
  [2, fc.constant(CAROL)],
  [4, fc.constant(DEV_SESSION)],
  [3, fc.constant(OPS_SESSION)],
  // The root user, on its own account's resources only: RCPs limit it too ("This includes root users").
  [1, fc.constant(ROOT)],
  // A service-linked role's session, which RCPs do not limit.
  [1, fc.constant(SERVICE_LINKED_SESSION)],
);

/** A user or role session calling S3, SQS, KMS, Secrets Manager, IAM or EC2, with session policies and RCPs. */
export const sessionCaseArb: fc.Arbitrary<PolicyCase> = fc
  .record({
    caller: sessionCallerArb,
    target: fc.constantFrom(...TARGETS),
    context: roleContextArb,
    identity: fc.array(vocabularyPolicyArb(RESOURCE_VOCABULARY), { maxLength: 2 }),
    boundary: weighted([3, fc.constant(undefined)], [1, vocabularyPolicyArb(RESOURCE_VOCABULARY)]),
    resource: weighted([1, fc.constant(undefined)], [2, resourcePolicyArb]),
    session: weighted([1, fc.constant(undefined)], [2, vocabularyPolicyArb(RESOURCE_VOCABULARY)]),
    scps: weighted([3, fc.constant(undefined)], [1, scpLevelsArb(RESOURCE_VOCABULARY)]),
    rcps: weighted([1, fc.constant(undefined)], [1, rcpLevelsArb]),
    grants: grantsArb,
    grantName: fc.nat(2),
  })
  .filter(({ caller, target }) => (caller !== ROOT && caller !== SERVICE_LINKED_SESSION) || target.account === caller.account)
  .chain((r) => grantArb(r.target.action, r.target.resource).map((grant) => ({ ...r, grant })))
  .map(({ caller, target, context, identity: randomIdentity, boundary: randomBoundary, resource, session: randomSession, scps, rcps, grants, grantName, grant }) => {
    const isRoot = caller === ROOT;
    // The root user has no attachable policies.
    const identity = isRoot ? [] : grants.identity ? [withGrant(randomIdentity[0] ?? documentOf([]), grant), ...randomIdentity.slice(1)] : randomIdentity;
    const boundary = isRoot ? undefined : randomBoundary && grants.boundary ? withGrant(randomBoundary, grant) : randomBoundary;
    const session = randomSession && grants.session ? withGrant(randomSession, grant) : randomSession;
    const c: MutableCase = {
      request: {
        principal: caller.arn,
        action: target.action,
        resource: target.resource,
        resourceAccount: target.account,
        context: callerContext(caller, context),
      },
      identity,
    };
    if (boundary) c.boundary = boundary;
    let policy = target.hasResourcePolicy ? resource : undefined;
    if (policy && grants.resource) {
      // The resource policy's grant names the caller itself, its role (for a session) or its account.
      const principal = [caller.arn, caller.principalArn, caller.account][grantName]!;
      policy = withGrant(policy, { ...grant, Principal: { AWS: principal } });
    }
    if (target.action.startsWith("kms:")) {
      const statements = (policy?.Statement as PolicyJson[] | undefined) ?? [];
      policy = documentOf([KMS_DEFAULT_STATEMENT, ...statements]);
    }
    if (session && caller.isSession) {
      c.session = session;
      if (policy) policy = withoutDirectGrantsTo(policy, caller);
    }
    if (policy) c.resource = policy;
    if (scps) c.scps = scps;
    if (rcps) c.rcps = rcps;
    return c;
  });

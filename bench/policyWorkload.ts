// The benchmark's workload: one IAM user with 10 managed policies of 10 statements each and two
// groups with 2 policies of 10 statements each (14 policies, 140 statements), written the way real
// policies are — service-wide read access, wildcard action families, ARNs with paths and
// wildcards, a few conditions (MFA, source IP, region, principal tags, time) and guard-rail
// Deny statements — plus a mix of requests that end Allow, ImplicitDeny and ExplicitDeny.
// Generated from a fixed seed so every run measures the same policies.

import type { AuthorizationRequest } from "../lib/policy/index";

export const ACCOUNT = "111122223333";
export const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/engineering/alice`;

export interface Workload {
  /** The policies as JS objects (what readPolicy and iam-simulate's loadPolicy take). */
  readonly policies: readonly { readonly name: string; readonly json: Record<string, unknown> }[];
  readonly requests: readonly AuthorizationRequest[];
}

/** mulberry32: a tiny deterministic PRNG, so the workload is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Services whose requests iam-simulate decides with its default authorizer (s3, kms and sts have
// service-specific rules that are not part of the comparison).
const SERVICES = {
  ec2: { actions: ["DescribeInstances", "StartInstances", "StopInstances", "TerminateInstances", "CreateTags"], arn: (r: string) => `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/${r}` },
  dynamodb: { actions: ["GetItem", "PutItem", "Query", "Scan", "DeleteTable", "UpdateItem"], arn: (r: string) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${r}` },
  sqs: { actions: ["SendMessage", "ReceiveMessage", "DeleteMessage", "GetQueueAttributes", "PurgeQueue"], arn: (r: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${r}` },
  sns: { actions: ["Publish", "Subscribe", "ListTopics", "DeleteTopic"], arn: (r: string) => `arn:aws:sns:us-east-1:${ACCOUNT}:${r}` },
  lambda: { actions: ["InvokeFunction", "GetFunction", "UpdateFunctionCode", "DeleteFunction"], arn: (r: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${r}` },
  logs: { actions: ["CreateLogStream", "PutLogEvents", "GetLogEvents", "DeleteLogGroup"], arn: (r: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/${r}` },
  iam: { actions: ["GetUser", "ListAccessKeys", "CreateAccessKey", "DeleteUser", "AttachUserPolicy", "ChangePassword"], arn: (r: string) => `arn:aws:iam::${ACCOUNT}:user/${r}` },
} as const;
type Service = keyof typeof SERVICES;
const SERVICE_NAMES = Object.keys(SERVICES) as Service[];

const RESOURCE_NAMES = ["orders", "orders-archive", "billing/invoices", "engineering/alice", "engineering/bob", "jobs-high", "jobs-low", "web-01", "api"];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function actionPattern(random: () => number, service: Service): string {
  const actions = SERVICES[service].actions;
  const action = pick(random, actions);
  const r = random();
  if (r < 0.05) return `${service}:*`;
  if (r < 0.35) return `${service}:${action.replace(/[A-Z][a-z]+$/, "")}*`; // a family, e.g. ec2:Describe*
  if (r < 0.5) return `${service}:${action.toLowerCase()}`; // action names are case-insensitive
  return `${service}:${action}`;
}

function resourcePattern(random: () => number, service: Service): string {
  const r = random();
  if (r < 0.05) return "*";
  const name = pick(random, RESOURCE_NAMES);
  if (r < 0.35) return SERVICES[service].arn(`${name.split(/[/-]/)[0]}*`);
  if (r < 0.55) return SERVICES[service].arn(name.replace(/.$/, "?"));
  return SERVICES[service].arn(name);
}

const CONDITIONS: readonly Record<string, Record<string, unknown>>[] = [
  { Bool: { "aws:MultiFactorAuthPresent": "true" } },
  { IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"] } },
  { StringEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } },
  { StringEquals: { "aws:PrincipalTag/team": "platform" } },
  { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } },
  { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } },
  { StringLike: { "aws:PrincipalTag/costcenter": "cc-*" } },
];

function statement(random: () => number, index: number): Record<string, unknown> {
  const deny = random() < 0.08;
  const services = [pick(random, SERVICE_NAMES), pick(random, SERVICE_NAMES)];
  const actions = [...new Set([actionPattern(random, services[0]!), actionPattern(random, services[1]!), actionPattern(random, services[0]!)])];
  const resources = [...new Set([resourcePattern(random, services[0]!), resourcePattern(random, services[1]!)])];
  const s: Record<string, unknown> = {
    Sid: `${deny ? "Deny" : "Allow"}${index}`,
    Effect: deny ? "Deny" : "Allow",
    Action: actions.length === 1 ? actions[0] : actions,
    Resource: resources.length === 1 ? resources[0] : resources,
  };
  // Guard rails are typically conditional Denies ("deny unless MFA"); a third of Allows carry a
  // condition too.
  if (deny) s.Condition = pick(random, [{ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { StringNotEquals: { "aws:RequestedRegion": "us-east-1" } }]);
  else if (random() < 0.35) s.Condition = pick(random, CONDITIONS);
  return s;
}

function policy(random: () => number): Record<string, unknown> {
  return { Version: "2012-10-17", Statement: Array.from({ length: 10 }, (_, i) => statement(random, i)) };
}

export function buildWorkload(seed: number): Workload {
  const random = prng(seed);
  const policies = [
    ...Array.from({ length: 10 }, (_, i) => ({ name: `managed-${i + 1}`, json: policy(random) })),
    ...["developers", "oncall"].flatMap((group) => [1, 2].map((i) => ({ name: `${group}-${i}`, json: policy(random) }))),
  ];
  const contexts: Record<string, string | string[]>[] = [
    { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "120", "aws:SourceIp": "10.1.2.3", "aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": "platform", "aws:CurrentTime": "2026-11-27T12:00:00Z" },
    { "aws:MultiFactorAuthPresent": "false", "aws:SourceIp": "203.0.113.9", "aws:RequestedRegion": "eu-west-1", "aws:PrincipalTag/costcenter": "cc-42", "aws:CurrentTime": "2026-11-27T12:00:00Z" },
    { "aws:SourceIp": "192.168.4.4", "aws:RequestedRegion": "ap-south-1", "aws:CurrentTime": "2031-01-01T00:00:00Z" },
  ];
  const requests: AuthorizationRequest[] = [];
  for (let i = 0; i < 60; i++) {
    const service = pick(random, SERVICE_NAMES);
    // One request in six goes to a service or resource no policy mentions.
    const unmentioned = random() < 1 / 6;
    requests.push({
      principal: USER_ARN,
      action: unmentioned ? "kinesis:PutRecord" : `${service}:${pick(random, SERVICES[service].actions)}`,
      resource: unmentioned ? `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/clicks` : SERVICES[service].arn(pick(random, RESOURCE_NAMES)),
      context: { "aws:username": "alice", "aws:PrincipalArn": USER_ARN, ...pick(random, contexts) },
    });
  }
  return { policies, requests };
}

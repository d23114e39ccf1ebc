// Differential test for roles: Portcullis's evaluate against @cloud-copilot/iam-simulate's core
// authorize on random requests to assume roles (the role's trust policy is the resource policy),
// on assumed-role sessions calling ordinary resources, with session policies, and with resource
// control policies (trustCaseArb in support/roleArbitraries.ts, sessionCaseArb in support/sessionArbitraries.ts). As in
// differential.test.ts, a disagreement is a bug in one of the two engines; shapes where iam-simulate
// departs from the AWS documentation are kept out of the generator or mapped, and pinned with the
// deciding sentence in known-differences.test.ts.
//
// Reproduce a failure with the printed seed: POLICY_DIFF_SEED=<seed> npx vitest run differential-roles
// Run longer: POLICY_DIFF_ROLE_RUNS=20000.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, evaluateCase, type Decision } from "../../../lib/policy/index";
import { describeCase } from "./support/arbitraries";
import { trustCaseArb } from "./support/roleArbitraries";
import { sessionCaseArb } from "./support/sessionArbitraries";
import { iamSimulateDecision, type PolicyCase, type PolicyJson } from "./support/iamSimulateOracle";
import { policySetOf, portcullisDecision, rawCaseOf } from "./support/ourEngine";

const SEED = Number(process.env.POLICY_DIFF_SEED ?? 20_261_201);
const RUNS = Number(process.env.POLICY_DIFF_ROLE_RUNS ?? 5000);

// Services of this vocabulary that RCPs do not govern. "RCPs apply to actions for the following AWS
// services" (Organizations User Guide, "Resource control policies (RCPs)"): the list names s3, sqs,
// kms, secretsmanager and sts, but neither iam nor ec2.
const NOT_GOVERNED_BY_RCPS = new Set(["iam", "ec2"]);

const TRUST_ACTIONS = new Set(["sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:tagsession", "sts:setsourceidentity", "sts:setcontext"]);

// IAM keeps every service-linked role under this path.
const SERVICE_LINKED = /^arn:aws:iam::\d{12}:role\/aws-service-role\//;

/** A service-linked role's session calls, or a service-linked role is assumed. */
const involvesServiceLinkedRole = (c: PolicyCase): boolean =>
  SERVICE_LINKED.test(c.request.resource) || SERVICE_LINKED.test(String(c.request.context?.["aws:PrincipalArn"] ?? ""));

const onlyDenies = (policy: PolicyJson): PolicyJson => {
  const statements = [policy.Statement].flat() as PolicyJson[];
  return { ...policy, Statement: statements.filter((statement) => statement.Effect === "Deny") };
};

/**
 * The case as iam-simulate is given it. Documented rules iam-simulate does not apply are expressed
 * in its own terms instead, so that these shapes stay in the generator; each is pinned in
 * known-differences.test.ts:
 * - RCPs on a service they do not govern limit nothing, so iam-simulate (which applies RCPs to
 *   every service) gets none ("resource control policies do not govern IAM or EC2"); nor do they
 *   limit a service-linked role's session or the assuming of a service-linked role ("RCPs do not
 *   apply to service-linked roles");
 * - the account root user cannot assume a role whatever the trust policy says, so iam-simulate gets
 *   the trust policy's Deny statements only ("the root user cannot call AssumeRole");
 * - otherwise the root user has full access to its own account, short of explicit denies and the
 *   organization's policies, which iam-simulate is told as an identity policy allowing everything
 *   ("the account root user has full access to its own account").
 */
function asIamSimulateSees(c: PolicyCase): PolicyCase {
  let seen = c;
  if (c.rcps && (NOT_GOVERNED_BY_RCPS.has(c.request.action.split(":")[0]!.toLowerCase()) || involvesServiceLinkedRole(c))) {
    seen = { ...seen, rcps: undefined };
  }
  const isRoot = c.request.principal.endsWith(":root");
  if (isRoot && TRUST_ACTIONS.has(c.request.action.toLowerCase())) {
    if (c.resource) seen = { ...seen, resource: onlyDenies(c.resource) };
  } else if (isRoot && c.request.principal.split(":")[4] === c.request.resourceAccount) {
    seen = { ...seen, identity: [FULL_ACCESS] };
  }
  return seen;
}

const FULL_ACCESS: PolicyJson = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

/**
 * The CLI contract reads the same case to the same decision. It also holds the trust policy and
 * RCPs to their kinds' rules, so a refusal here is a generator bug: the differential reads the
 * documents with the bare grammar.
 */
function expectSameThroughTheCli(c: PolicyCase): void {
  const result = evaluateCase(rawCaseOf(c), { explain: "none" });
  expect(result, describeCase(c)).toEqual({ id: null, decision: portcullisDecision(c), warnings: [] });
}

/** Runs one property over `arbitrary` and returns how often each decision came out. */
function agreeOn(arbitrary: fc.Arbitrary<PolicyCase>, seed: number): Record<Decision, number> {
  const seen: Record<Decision, number> = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
  let run = 0;
  fc.assert(
    fc.property(arbitrary, (c) => {
      const theirs = iamSimulateDecision(asIamSimulateSees(c));
      // Alternate between the explaining and the bare path: the decision must not depend on it.
      const ours = portcullisDecision(c, run++ % 2 === 0);
      if (ours !== theirs) {
        throw new Error(`Portcullis decided ${ours}, iam-simulate decided ${theirs} for:\n${describeCase(c)}`);
      }
      seen[ours]++;
    }),
    { seed, numRuns: RUNS, verbose: 0 },
  );
  return seen;
}

describe("evaluate agrees with iam-simulate on roles, sessions, session policies and RCPs", () => {
  it(`decides ${RUNS} random requests to assume a role like iam-simulate (seed ${SEED})`, () => {
    console.info(`differential-roles (trust): seed ${SEED}, ${RUNS} runs (POLICY_DIFF_SEED / POLICY_DIFF_ROLE_RUNS to change)`);
    const seen = agreeOn(trustCaseArb, SEED);
    for (const decision of ["Allow", "ExplicitDeny", "ImplicitDeny"] as const) {
      expect(seen[decision], `share of ${decision} decisions`).toBeGreaterThan(RUNS * 0.05);
    }
  });

  it(`decides ${RUNS} random session and RCP cases on S3, SQS, KMS, Secrets Manager, IAM and EC2 like iam-simulate (seed ${SEED})`, () => {
    console.info(`differential-roles (sessions, RCPs): seed ${SEED + 1}, ${RUNS} runs`);
    const seen = agreeOn(sessionCaseArb, SEED + 1);
    for (const decision of ["Allow", "ExplicitDeny", "ImplicitDeny"] as const) {
      expect(seen[decision], `share of ${decision} decisions`).toBeGreaterThan(RUNS * 0.05);
    }
  });

  it("the generators reach every path of the decision", () => {
    // Agreement on outcomes alone could hide a path never taken; count why Portcullis decided.
    const reasons = (arbitrary: fc.Arbitrary<PolicyCase>, seed: number) => {
      const counts = new Map<string, number>();
      for (const c of fc.sample(arbitrary, { seed, numRuns: 4000 })) {
        const { reason } = evaluate(c.request, policySetOf(c), { explain: false });
        const key = "by" in reason ? `${reason.code} (${reason.by.type})` : reason.code;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    };
    const trust = reasons(trustCaseArb, SEED);
    for (const path of [
      "allow (resource)",
      "allow (identity)",
      "trust-policy-no-allow",
      "trust-account-no-identity-allow",
      "cross-account-no-identity-allow",
      "root-cannot-assume-role",
      "boundary-implicit-deny",
      "session-implicit-deny",
      "scp-implicit-deny",
      "rcp-implicit-deny",
      "explicit-deny (resource)",
      "explicit-deny (rcp)",
      "explicit-deny (boundary)",
      "explicit-deny (session)",
    ]) {
      expect(trust.get(path) ?? 0, `trust cases decided by ${path}`).toBeGreaterThan(10);
    }
    const sessions = reasons(sessionCaseArb, SEED + 1);
    for (const path of [
      "allow (resource)",
      "allow (identity)",
      "account-root",
      "no-allow",
      "cross-account-no-resource-allow",
      "cross-account-no-identity-allow",
      "boundary-implicit-deny",
      "session-implicit-deny",
      "rcp-implicit-deny",
      "explicit-deny (rcp)",
      "explicit-deny (resource)",
      "explicit-deny (session)",
    ]) {
      expect(sessions.get(path) ?? 0, `session cases decided by ${path}`).toBeGreaterThan(10);
    }
  });

  it("the trust generator reaches every caller kind, trust action and policy kind", () => {
    // A generator that drifted to trivial inputs would make the properties above pass vacuously.
    const sample = fc.sample(trustCaseArb, { seed: SEED, numRuns: 1000 });
    const count = (pick: (c: PolicyCase) => unknown) => sample.filter((c) => Boolean(pick(c))).length;
    const principal = (c: PolicyCase) => c.request.principal;
    expect(count((c) => principal(c).includes(":user/"))).toBeGreaterThan(200);
    expect(count((c) => principal(c).includes(":assumed-role/"))).toBeGreaterThan(200);
    expect(count((c) => principal(c).endsWith(":root"))).toBeGreaterThan(50);
    expect(count((c) => c.request.action === "sts:AssumeRoleWithSAML")).toBeGreaterThan(30);
    expect(count((c) => c.request.action === "sts:AssumeRoleWithWebIdentity")).toBeGreaterThan(30);
    expect(count((c) => c.request.principal === "ec2.amazonaws.com")).toBeGreaterThan(30);
    expect(count((c) => c.request.resource.includes("/aws-service-role/") && c.rcps)).toBeGreaterThan(5);
    for (const action of ["sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"]) {
      expect(count((c) => c.request.action === action), action).toBeGreaterThan(20);
    }
    // Cross-account: the caller's account is not the role's.
    expect(count((c) => c.request.principal.split(":")[4] !== c.request.resourceAccount)).toBeGreaterThan(200);
    // A session assuming its own role again.
    expect(count((c) => principal(c).includes(":assumed-role/Admin/") && c.request.resource.endsWith(":role/Admin"))).toBeGreaterThan(20);
    const trustText = (c: PolicyCase) => JSON.stringify(c.resource);
    for (const key of ["sts:ExternalId", "aws:MultiFactorAuthPresent", "aws:PrincipalTag/team", "aws:SourceIdentity"]) {
      expect(count((c) => trustText(c).includes(key)), key).toBeGreaterThan(50);
    }
    expect(count((c) => trustText(c).includes('"Deny"'))).toBeGreaterThan(100);
    expect(count((c) => c.boundary)).toBeGreaterThan(100);
    expect(count((c) => c.session)).toBeGreaterThan(100);
    expect(count((c) => c.scps)).toBeGreaterThan(100);
    expect(count((c) => c.rcps)).toBeGreaterThan(100);
    for (const c of sample) {
      expect(c.resource, "every role has a trust policy").toBeDefined();
      expect(trustText(c), "a trust policy names no Resource").not.toMatch(/"(Not)?Resource"/);
      expectSameThroughTheCli(c);
    }
  });

  it("the session and RCP generator reaches RCP-governed and other services, sessions and every RCP shape", () => {
    const sample = fc.sample(sessionCaseArb, { seed: SEED + 1, numRuns: 1000 });
    const count = (pick: (c: PolicyCase) => unknown) => sample.filter((c) => Boolean(pick(c))).length;
    for (const service of ["s3", "sqs", "kms", "secretsmanager", "iam", "ec2"]) {
      expect(count((c) => c.request.action.startsWith(`${service}:`) && c.rcps), service).toBeGreaterThan(30);
    }
    expect(count((c) => c.request.principal.includes(":assumed-role/") && c.session)).toBeGreaterThan(200);
    expect(count((c) => c.request.principal.includes(":assumed-role/") && c.resource)).toBeGreaterThan(200);
    expect(count((c) => c.request.principal.endsWith(":root") && c.rcps)).toBeGreaterThan(10);
    expect(count((c) => c.request.principal.includes("AWSServiceRoleForEC2") && c.rcps)).toBeGreaterThan(10);
    // Levels with and without RCPFullAWSAccess, several levels, and denies with conditions.
    const levels = sample.flatMap((c) => c.rcps ?? []);
    const hasFull = (level: readonly unknown[]) => JSON.stringify(level).includes('"Allow"');
    expect(levels.filter(hasFull).length).toBeGreaterThan(300);
    expect(levels.filter((level) => !hasFull(level)).length).toBeGreaterThan(20);
    expect(count((c) => (c.rcps?.length ?? 0) > 1)).toBeGreaterThan(100);
    expect(count((c) => JSON.stringify(c.rcps ?? []).includes("Condition"))).toBeGreaterThan(150);
    for (const c of sample) expectSameThroughTheCli(c);
  });
});

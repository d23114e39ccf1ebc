// Runs a differential case through Portcullis's own engine, from the same raw JSON policies the
// oracle reads: readPolicy (the grammar) → compilePolicy → evaluate.

import { compilePolicy, evaluate, readPolicy, type CompiledPolicy, type Decision, type PolicySet } from "../../../../lib/policy/index";
import type { PolicyCase, PolicyJson } from "./iamSimulateOracle";

/** Compiles one raw policy; a document the grammar rejects is a generator bug, so it throws. */
export function compileJson(json: PolicyJson, name: string): CompiledPolicy {
  const { document, findings } = readPolicy(json);
  if (!document) {
    const errors = findings.filter((f) => f.severity === "error").map((f) => `${f.code} at ${f.path}: ${f.message}`);
    throw new Error(`readPolicy rejected policy "${name}": ${errors.join("; ")}\n${JSON.stringify(json)}`);
  }
  return compilePolicy(document, name);
}

export function policySetOf(c: Omit<PolicyCase, "request">): PolicySet {
  return {
    identity: c.identity.map((p, i) => compileJson(p, `identity-${i}`)),
    boundary: c.boundary ? compileJson(c.boundary, "boundary") : undefined,
    resource: c.resource ? compileJson(c.resource, "resource") : undefined,
    session: c.session ? compileJson(c.session, "session") : undefined,
    scps: c.scps?.map((level, i) => level.map((p, j) => compileJson(p, `scp-${i}-${j}`))),
    rcps: c.rcps?.map((level, i) => level.map((p, j) => compileJson(p, `rcp-${i}-${j}`))),
  };
}

export function portcullisDecision(c: PolicyCase, explain = false): Decision {
  return evaluate(c.request, policySetOf(c), { explain }).decision;
}

/**
 * The case in the CLI's input format (`npm run --silent policy -- evaluate`), whose reading also
 * holds each policy to its kind's element rules (a trust policy, an RCP): a generator that writes
 * documents IAM would not store shows up as an `error` result.
 */
export function rawCaseOf(c: PolicyCase, id: unknown = null): Record<string, unknown> {
  return {
    id,
    ...c.request,
    identityPolicies: c.identity,
    permissionsBoundary: c.boundary,
    resourcePolicy: c.resource,
    sessionPolicy: c.session,
    serviceControlPolicies: c.scps,
    resourceControlPolicies: c.rcps,
  };
}

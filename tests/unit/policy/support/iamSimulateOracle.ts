// Adapter from our differential-case shape to @cloud-copilot/iam-simulate's core `authorize`.
//
// iam-simulate is AGPL and used ONLY as a test oracle (tests/ and bench/); lib/ never imports it.
// Its package `exports` map publishes only `runSimulation`, which first checks every action and
// context key against AWS's service catalogue and rewrites the context to the keys that catalogue
// lists for the action. That would silently drop keys our generator uses (aws:PrincipalTag/…,
// aws:RequestTag/…) and reject nothing useful, so we call the core engine directly — the same
// `authorize` that `runSimulation` calls — by file path into the installed package.

import { loadPolicy } from "@cloud-copilot/iam-policy";
import { DiscoveryContextKeyConstraints } from "../../../../node_modules/@cloud-copilot/iam-simulate/dist/esm/context_keys/discoveryContextKeyConstraints.js";
import {
  authorize,
  type AuthorizationRequest as SimulateRequest,
  type PolicyWithName,
} from "../../../../node_modules/@cloud-copilot/iam-simulate/dist/esm/core_engine/CoreSimulatorEngine.js";
import { AwsRequestImpl } from "../../../../node_modules/@cloud-copilot/iam-simulate/dist/esm/request/request.js";
import { RequestContextImpl } from "../../../../node_modules/@cloud-copilot/iam-simulate/dist/esm/requestContext.js";
import type { AuthorizationRequest, Decision } from "../../../../lib/policy/types";

/** A policy as written in JSON (what both engines ingest). */
export type PolicyJson = Record<string, unknown>;

/** One differential case: a request and the policy set that decides it, as raw JSON policies. */
export interface PolicyCase {
  readonly request: AuthorizationRequest;
  readonly identity: readonly PolicyJson[];
  readonly boundary?: PolicyJson;
  readonly resource?: PolicyJson;
  readonly session?: PolicyJson;
  /** SCP levels, root first; every level must allow. */
  readonly scps?: readonly (readonly PolicyJson[])[];
  /** RCP levels of the resource's account, root first; like SCP levels, every level must allow. */
  readonly rcps?: readonly (readonly PolicyJson[])[];
}

/** The policy part of a case, loaded once into iam-simulate's model (its "compiled" form). */
export interface LoadedPolicySet {
  readonly identity: PolicyWithName[];
  readonly boundary: PolicyWithName[] | undefined;
  readonly resource: PolicyWithName | undefined;
  readonly session: PolicyWithName | undefined;
  readonly scps: { orgIdentifier: string; policies: PolicyWithName[] }[];
  readonly rcps: { orgIdentifier: string; policies: PolicyWithName[] }[];
}

export function loadPolicySet(c: Omit<PolicyCase, "request">): LoadedPolicySet {
  const load = (policy: PolicyJson, name: string) => loadPolicy(policy, { name });
  return {
    identity: c.identity.map((p, i) => load(p, `identity-${i}`)),
    boundary: c.boundary ? [load(c.boundary, "boundary")] : undefined,
    resource: c.resource ? load(c.resource, "resource") : undefined,
    session: c.session ? load(c.session, "session") : undefined,
    scps: (c.scps ?? []).map((level, i) => ({
      orgIdentifier: `ou-level-${i}`,
      policies: level.map((p, j) => load(p, `scp-${i}-${j}`)),
    })),
    // Passed level by level as given: the core engine does not add RCPFullAWSAccess to a level (only
    // runSimulation does), so a case carries it wherever AWS would have it attached.
    rcps: (c.rcps ?? []).map((level, i) => ({
      orgIdentifier: `ou-level-${i}`,
      policies: level.map((p, j) => load(p, `rcp-${i}-${j}`)),
    })),
  };
}

/** The account that owns the resource, by the same rule as our AuthorizationRequest documents. */
export function resourceAccountOf(request: AuthorizationRequest): string {
  if (request.resourceAccount) return request.resourceAccount;
  const fromResource = request.resource.split(":")[4];
  if (fromResource && /^\d{12}$/.test(fromResource)) return fromResource;
  return request.principal.split(":")[4] ?? "";
}

/** Builds iam-simulate's request object; it is immutable, so callers may build it once and reuse it. */
export function toSimulateRequest(request: AuthorizationRequest): AwsRequestImpl {
  // RequestContextImpl copies the record; our context values are readonly arrays, theirs mutable.
  const context: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(request.context ?? {})) {
    context[key] = typeof value === "string" ? value : [...value];
  }
  return new AwsRequestImpl(
    request.principal,
    { resource: request.resource, accountId: resourceAccountOf(request) },
    request.action,
    new RequestContextImpl(context),
    false,
  );
}

// Strict mode evaluates every condition against the concrete context, as AWS does; Discovery mode
// is iam-simulate's "what would make this allowed" analysis and has no AWS counterpart.
const STRICT = {
  simulationMode: "Strict" as const,
  discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]),
};

const DECISIONS: Record<string, Decision> = {
  Allowed: "Allow",
  ExplicitlyDenied: "ExplicitDeny",
  ImplicitlyDenied: "ImplicitDeny",
};

/** Decides an already-built request against already-loaded policies (the benchmark's hot path). */
export function authorizeLoaded(request: AwsRequestImpl, set: LoadedPolicySet): Decision {
  const input: SimulateRequest = {
    request,
    sessionPolicy: set.session,
    identityPolicies: set.identity,
    serviceControlPolicies: set.scps,
    resourceControlPolicies: set.rcps,
    resourcePolicy: set.resource,
    permissionBoundaries: set.boundary,
    vpcEndpointPolicies: undefined,
    simulationParameters: STRICT,
  };
  const result = authorize(input).result;
  const decision = DECISIONS[result];
  if (!decision) throw new Error(`iam-simulate returned an unknown result: ${String(result)}`);
  return decision;
}

/** iam-simulate's decision for a case, from raw JSON policies. */
export function iamSimulateDecision(c: PolicyCase): Decision {
  return authorizeLoaded(toSimulateRequest(c.request), loadPolicySet(c));
}

// The statements of a policy set that can apply to one action, grouped by the role they play in
// evaluation. Action matching is the most selective test and does not depend on the rest of the
// request, so a prepared set caches the grouping per action: repeated decisions for the same
// action only look at the few statements that name it.

import type { CompiledPolicy } from "./compile";
import { rcpsGovern } from "./resourceControl";
import type { CompiledStatement } from "./statement";

export type PolicyType = "identity" | "boundary" | "session" | "resource" | "scp" | "rcp";

/**
 * The policies that apply to one request, by role. Every SCP level (the caller's account) and every
 * RCP level (the resource's account) must allow.
 */
export interface PolicySet {
  readonly identity: readonly CompiledPolicy[];
  readonly boundary?: CompiledPolicy;
  readonly session?: CompiledPolicy;
  readonly resource?: CompiledPolicy;
  readonly scps?: readonly (readonly CompiledPolicy[])[];
  readonly rcps?: readonly (readonly CompiledPolicy[])[];
}

export interface Candidate {
  readonly policy: CompiledPolicy;
  readonly type: PolicyType;
  /** For SCPs and RCPs: the level (0 = the organization root) the policy is attached at. */
  readonly level?: number;
  readonly statement: CompiledStatement;
}

export interface ActionCandidates {
  readonly denies: readonly Candidate[];
  readonly identityAllows: readonly Candidate[];
  readonly boundaryAllows: readonly Candidate[];
  readonly sessionAllows: readonly Candidate[];
  readonly resourceAllows: readonly Candidate[];
  readonly scpAllows: readonly (readonly Candidate[])[];
  /** Empty when RCPs do not govern the action's service: then no RCP level needs to allow. */
  readonly rcpAllows: readonly (readonly Candidate[])[];
}

/** Every policy of a set with its role, in the order explanations list them. */
export function policiesOf(set: PolicySet): { policy: CompiledPolicy; type: PolicyType; level?: number }[] {
  const all: { policy: CompiledPolicy; type: PolicyType; level?: number }[] = [];
  set.scps?.forEach((level, i) => level.forEach((policy) => all.push({ policy, type: "scp", level: i })));
  set.rcps?.forEach((level, i) => level.forEach((policy) => all.push({ policy, type: "rcp", level: i })));
  if (set.resource) all.push({ policy: set.resource, type: "resource" });
  for (const policy of set.identity) all.push({ policy, type: "identity" });
  if (set.boundary) all.push({ policy: set.boundary, type: "boundary" });
  if (set.session) all.push({ policy: set.session, type: "session" });
  return all;
}

function group(set: PolicySet, lowerAction: string): ActionCandidates {
  const denies: Candidate[] = [];
  const identityAllows: Candidate[] = [];
  const boundaryAllows: Candidate[] = [];
  const sessionAllows: Candidate[] = [];
  const resourceAllows: Candidate[] = [];
  const scpAllows: Candidate[][] = (set.scps ?? []).map(() => []);
  const governed = rcpsGovern(lowerAction);
  const rcpAllows: Candidate[][] = governed ? (set.rcps ?? []).map(() => []) : [];
  const allowsOf = { identity: identityAllows, boundary: boundaryAllows, session: sessionAllows, resource: resourceAllows };
  for (const { policy, type, level } of policiesOf(set)) {
    if (type === "rcp" && !governed) continue;
    for (const statement of policy.statements) {
      if (!statement.matchesAction(lowerAction)) continue;
      const candidate: Candidate = { policy, type, level, statement };
      if (statement.effect === "Deny") denies.push(candidate);
      else if (type === "scp") scpAllows[level!]!.push(candidate);
      else if (type === "rcp") rcpAllows[level!]!.push(candidate);
      else allowsOf[type].push(candidate);
    }
  }
  return { denies, identityAllows, boundaryAllows, sessionAllows, resourceAllows, scpAllows, rcpAllows };
}

// Bounded so that a long-lived set seeing many distinct actions cannot grow without limit.
const MAX_ACTIONS_PER_SET = 512;

/**
 * A policy set that remembers, per action, which of its statements can apply. Worth it for a set
 * that decides many requests (a signed-in user's policies, a benchmark); a set built for one
 * decision is cheaper used as it is.
 */
export class PreparedPolicySet implements PolicySet {
  readonly identity: readonly CompiledPolicy[];
  readonly boundary?: CompiledPolicy;
  readonly session?: CompiledPolicy;
  readonly resource?: CompiledPolicy;
  readonly scps?: readonly (readonly CompiledPolicy[])[];
  readonly rcps?: readonly (readonly CompiledPolicy[])[];
  private readonly byAction = new Map<string, ActionCandidates>();

  constructor(set: PolicySet) {
    this.identity = set.identity;
    this.boundary = set.boundary;
    this.session = set.session;
    this.resource = set.resource;
    this.scps = set.scps;
    this.rcps = set.rcps;
  }

  candidatesFor(lowerAction: string): ActionCandidates {
    let found = this.byAction.get(lowerAction);
    if (!found) {
      if (this.byAction.size >= MAX_ACTIONS_PER_SET) this.byAction.clear();
      found = group(this, lowerAction);
      this.byAction.set(lowerAction, found);
    }
    return found;
  }
}

export function preparePolicySet(set: PolicySet): PreparedPolicySet {
  return set instanceof PreparedPolicySet ? set : new PreparedPolicySet(set);
}

export function candidatesFor(set: PolicySet, lowerAction: string): ActionCandidates {
  return set instanceof PreparedPolicySet ? set.candidatesFor(lowerAction) : group(set, lowerAction);
}

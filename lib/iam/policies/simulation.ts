// The policy simulator, with IAM's two entry points and one evaluation:
// - SimulatePrincipalPolicy: what would the engine decide if this IAM user, or a session of this
//   role, or a member of this group with no policies of its own, asked to perform these actions on
//   these resources? It decides exactly as a real request
//   by that principal would be decided — the user's own policies and groups' policies, or the role's
//   policies, the permissions boundary, the tags as aws:PrincipalTag/* — with the conditions the
//   person simulating supplies (MFA, source IP, time, …) in place of the facts of a live request.
//   As in AWS, a role is simulated without session policies; extra policies (PolicyInputList) and a
//   replacement boundary (PermissionsBoundaryPolicyInputList) may be added to the principal's own.
// - SimulateCustomPolicy: the same question about policies given as text, for no stored principal.
// Both answer in AWS's EvaluationResult shape: the decision, the statements that decided it (with
// where they sit in their policy's text), the context keys the relevant statements test that the
// simulation was not given (MissingContextValues: never silently decided as absent), and whether the
// permissions boundary allows the action. Results page with MaxItems and Marker, one result per
// action and resource pair; only the requested page is evaluated. Each result also carries the
// engine's Explanation, which the console shows (a Portcullis member, not AWS's).
// The console's simulator adds two members AWS's API does not have: ExcludedPolicies leaves some of
// the principal's policies out (its context — aws:username, tags — stays the principal's), and
// ServiceControlPolicyLevels weighs SCPs as an organization would, one list per level from the root.

import { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/client";
import {
  arnAccount,
  evaluate,
  isAccountId,
  preparePolicySet,
  statementSpans,
  type CompiledPolicy,
  type ContextValue,
  type Explanation,
  type PolicySet,
  type StatementRef,
  type StatementSpan,
} from "@/lib/policy";
import { IamError } from "../core/errors";
import { accountOf } from "../core/account";
import { operation } from "../core/operation";
import { encodeMarker, pageWindow, PageInput, type Page } from "../core/pagination";
import { BOUNDARY_KEY, findRoleByArn, findUserByArn, inputPolicies, inputPolicy, principalSources, simulatedPrincipal, sourceName, type PolicySourceType, type Sources } from "./simulatedPrincipal";

export type { PolicySourceType };

const ActionName = z
  .string()
  .max(128, "an action name must be at most 128 characters")
  .regex(/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/, "an action name looks like iam:CreateUser (service prefix, colon, action; no wildcards)");

const ResourceArn = z
  .string()
  .max(2048, "a resource ARN must be at most 2048 characters")
  .regex(/^(\*|arn:\S+)$/, 'a resource is "*" or an ARN such as arn:aws:iam::123456789012:user/alice');

// AWS's ContextKeyType: a *List type makes the key multivalued even with a single value.
const ContextKeyType = z.enum(
  ["string", "stringList", "numeric", "numericList", "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList"],
  { error: "must be one of AWS's context key types, such as string, stringList, ip or date" },
);

const ContextEntry = z.object({
  ContextKeyName: z
    .string()
    .max(256, "a context key name must be at most 256 characters")
    .regex(/^[A-Za-z0-9-]+:\S+$/, "a context key name looks like aws:SourceIp or aws:PrincipalTag/team"),
  ContextKeyValues: z.array(z.string().max(1024, "a context key value must be at most 1024 characters")).max(100, "at most 100 values per key"),
  ContextKeyType: ContextKeyType.optional(),
});

/** AWS's policyDocumentType: 1 to 131,072 characters of policy JSON. */
export const PolicyInputText = z.string().min(1, "a policy document must not be empty").max(131072, "a policy document must be at most 131072 characters");
export const PolicyInputList = z.array(PolicyInputText).max(100, "at most 100 policies");

const CallerArn = z.string().max(2048, "must be at most 2048 characters").regex(/^arn:\S+$/, "must be the ARN of an IAM user, such as arn:aws:iam::123456789012:user/alice");
const ResourceOwner = z.string().max(2048, "must be at most 2048 characters").regex(/^arn:\S+$/, "must be an account ARN, such as arn:aws:iam::123456789012:root");

/**
 * AWS's EC2 scenarios. They say which resources an EC2 operation needs; Portcullis has no EC2, so
 * an accepted scenario changes nothing: each resource is decided on its own.
 */
const ResourceHandlingOption = z.enum(["EC2-Classic-InstanceStore", "EC2-Classic-EBS", "EC2-VPC-InstanceStore", "EC2-VPC-InstanceStore-Subnet", "EC2-VPC-EBS", "EC2-VPC-EBS-Subnet"], {
  error: "must be one of AWS's EC2 scenarios, such as EC2-VPC-EBS",
});

/** The members SimulatePrincipalPolicy and SimulateCustomPolicy share, with AWS's names. */
const SimulationMembers = {
  // Generous bounds on the lists themselves; only the requested page of pairs is evaluated.
  ActionNames: z.array(ActionName).min(1, "name at least one action").max(1000, "at most 1000 actions"),
  ResourceArns: z.array(ResourceArn).min(1, "name at least one resource, or leave ResourceArns out for *").max(1000, "at most 1000 resources").optional(),
  // The engine weighs one boundary: AWS's list holds the boundary policy to simulate.
  PermissionsBoundaryPolicyInputList: z.array(PolicyInputText).max(1, "name at most one permissions boundary policy").optional(),
  ResourcePolicy: PolicyInputText.optional(),
  ResourceOwner: ResourceOwner.optional(),
  CallerArn: CallerArn.optional(),
  ContextEntries: z.array(ContextEntry).max(100, "at most 100 context entries").optional(),
  ResourceHandlingOption: ResourceHandlingOption.optional(),
  /** The SCPs of each level of the organization, the root first (a Portcullis member, for the console). */
  ServiceControlPolicyLevels: z
    .array(z.object({ PolicyInputList: z.array(PolicyInputText).min(1, "give at least one SCP for each level").max(5, "at most 5 SCPs per level, as AWS attaches them") }))
    .max(7, "at most 7 levels: the root, five organizational units and the account")
    .optional(),
  ...PageInput,
};

const SimulatePrincipalPolicyInput = z.object({
  PolicySourceArn: z
    .string({ error: "PolicySourceArn is required" })
    .max(2048, "must be at most 2048 characters")
    .regex(/^arn:\S+$/, "must be the ARN of an IAM user, group or role, such as arn:aws:iam::123456789012:user/alice"),
  PolicyInputList: PolicyInputList.optional(),
  ...SimulationMembers,
  /** The keys of the principal's policies to leave out (GetContextKeysForPrincipalPolicy's SimulatedPolicies lists them; a Portcullis member, for the console). */
  ExcludedPolicies: z.array(z.string().min(1, "a policy key must not be empty").max(2048, "a policy key must be at most 2048 characters")).max(100, "at most 100 policies").optional(),
  /** aws:MultiFactorAuthPresent for the simulated request: a boolean, or "true"/"false" as AWS sends it (a Portcullis member, for the console). */
  MultiFactorAuthPresent: z.union([z.boolean(), z.enum(["true", "false"])], { error: "must be true or false" }).optional(),
});

const SimulateCustomPolicyInput = z.object({
  PolicyInputList: PolicyInputList.min(1, "give at least one policy to simulate"),
  ...SimulationMembers,
});

export type EvalDecision = "allowed" | "explicitDeny" | "implicitDeny";


export interface Position {
  Line: number;
  Column: number;
}

/** AWS's Statement: which policy a deciding statement belongs to, and where it sits in the policy's text. */
export interface MatchedStatement {
  SourcePolicyId: string;
  SourcePolicyType?: PolicySourceType;
  /** The source's key (simulatedPrincipal.ts), unique where ids are not: the console finds the policy's text by it. */
  SourcePolicyKey?: string;
  StartPosition?: Position;
  EndPosition?: Position;
}

export interface SimulationResult {
  EvalActionName: string;
  EvalResourceName: string;
  EvalDecision: EvalDecision;
  MatchedStatements: MatchedStatement[];
  /** Condition keys of the statements that apply to the action and resource, absent from the simulated context. */
  MissingContextValues: string[];
  /** Only when a permissions boundary is part of the simulation. */
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
  /** The engine's explanation: summary, the statements that decided, and a trace of every statement (Portcullis's, for the console). */
  Explanation: Explanation;
}

export interface SimulationOutput extends Page {
  EvaluationResults: SimulationResult[];
}

const DECISIONS = { Allow: "allowed", ExplicitDeny: "explicitDeny", ImplicitDeny: "implicitDeny" } as const;

/** The supplied context entries, overriding computed keys of the same name in any case (names are case-insensitive). */
function withContextEntries(base: Record<string, ContextValue>, entries: readonly z.infer<typeof ContextEntry>[]): Record<string, ContextValue> {
  const given = new Set(entries.map((e) => e.ContextKeyName.toLowerCase()));
  const context = Object.fromEntries(Object.entries(base).filter(([key]) => !given.has(key.toLowerCase())));
  for (const entry of entries) {
    const values = entry.ContextKeyValues;
    const multivalued = values.length !== 1 || entry.ContextKeyType?.endsWith("List") === true;
    context[entry.ContextKeyName] = multivalued ? values : values[0]!;
  }
  return context;
}

/** What one simulation decides: a prepared set, its policies' sources, the principal and the context. */
interface Simulation {
  readonly set: PolicySet;
  readonly sources: Sources;
  readonly principal: string;
  /** The account a resource without one in its ARN belongs to (ResourceOwner, else the principal's). */
  readonly defaultResourceAccount: string;
  readonly context: Record<string, ContextValue>;
}

function toPosition(position: { line: number; column: number }): Position {
  return { Line: position.line, Column: position.column };
}

/** AWS's MatchedStatements, from the engine's deciding statements. */
function matchedStatements(decidedBy: readonly StatementRef[], sources: Sources, spans: Map<string, StatementSpan[]>): MatchedStatement[] {
  return decidedBy.map((ref) => {
    const name = sourceName(ref.policy, ref.policyType);
    const source = sources.get(name);
    if (!source) return { SourcePolicyId: ref.policy };
    let policySpans = spans.get(name);
    if (!policySpans) spans.set(name, (policySpans = statementSpans(source.text)));
    const span = policySpans[ref.index];
    return {
      SourcePolicyId: source.id,
      ...(source.type ? { SourcePolicyType: source.type } : {}),
      SourcePolicyKey: source.key,
      ...(span ? { StartPosition: toPosition(span.start), EndPosition: toPosition(span.end) } : {}),
    };
  });
}

/**
 * The condition keys of every statement that applies to the action and resource (it matched, or
 * only a condition stopped it) that the context lacks: the answer would change with them.
 */
function missingContextValues(explanation: Explanation, byName: Map<string, CompiledPolicy>, context: Record<string, ContextValue>): string[] {
  const present = new Set(Object.keys(context).map((key) => key.toLowerCase()));
  const missing = new Map<string, string>();
  for (const trace of explanation.statements) {
    if (trace.failed !== undefined && trace.failed !== "Condition") continue;
    const statement = byName.get(trace.policy)?.document.Statement[trace.index];
    for (const { key } of statement?.Condition ?? []) {
      const lower = key.toLowerCase();
      if (!present.has(lower) && !missing.has(lower)) missing.set(lower, key);
    }
  }
  return [...missing.values()];
}

function allowedByBoundary(explanation: Explanation): boolean {
  const boundary = explanation.statements.filter((t) => t.policyType === "boundary" && t.matched);
  return boundary.some((t) => t.effect === "Allow") && !boundary.some((t) => t.effect === "Deny");
}

/** One page of results, one per action and resource pair (actions outer, as AWS orders them). */
function runSimulation(simulation: Simulation, actions: readonly string[], resources: readonly string[], page: { Marker?: string; MaxItems?: number }): SimulationOutput {
  const total = actions.length * resources.length;
  const { skip, max } = pageWindow(page);
  const end = Math.min(total, skip + max);
  // One prepared set decides every pair, remembering per action which statements can apply.
  const set = preparePolicySet(simulation.set);
  const byName = new Map<string, CompiledPolicy>();
  for (const policy of [...simulation.set.identity, simulation.set.boundary, simulation.set.resource, ...(simulation.set.scps ?? []).flat()]) if (policy) byName.set(policy.name, policy);
  const spans = new Map<string, StatementSpan[]>();
  const EvaluationResults: SimulationResult[] = [];
  for (let i = skip; i < end; i++) {
    const action = actions[Math.floor(i / resources.length)]!;
    const resource = resources[i % resources.length]!;
    // Resources of another account are cross-account requests; "*", account-less ARNs (S3) and
    // AWS managed policies (account "aws") are decided as the owner's account's, as authorize() does.
    const account = arnAccount(resource);
    const result = evaluate(
      { principal: simulation.principal, action, resource, resourceAccount: account && isAccountId(account) ? account : simulation.defaultResourceAccount, context: simulation.context },
      set,
    );
    const explanation = result.explanation!;
    EvaluationResults.push({
      EvalActionName: action,
      EvalResourceName: resource,
      EvalDecision: DECISIONS[result.decision],
      MatchedStatements: matchedStatements(explanation.decidedBy, simulation.sources, spans),
      MissingContextValues: missingContextValues(explanation, byName, simulation.context),
      ...(simulation.set.boundary ? { PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: allowedByBoundary(explanation) } } : {}),
      Explanation: explanation,
    });
  }
  return end < total ? { EvaluationResults, IsTruncated: true, Marker: encodeMarker(end) } : { EvaluationResults, IsTruncated: false };
}

/** The SCP levels given as text, each policy named by its place ("ServiceControlPolicyLevels.1.PolicyInputList.2"). */
function scpLevels(levels: readonly { PolicyInputList: readonly string[] }[] | undefined, sources: Sources): CompiledPolicy[][] | undefined {
  return levels?.map((level, i) => level.PolicyInputList.map((text, j) => inputPolicy(text, `ServiceControlPolicyLevels.${i + 1}.PolicyInputList.${j + 1}`, sources, undefined, "scp")));
}

/** The principal's policies without the excluded ones; a key that names none of them is an error, not a silent no-op. */
function withoutExcluded(set: PolicySet, sources: Sources, excluded: readonly string[], principalArn: string): PolicySet {
  if (excluded.length === 0) return set;
  const known = new Set([...sources.values()].map((source) => source.key));
  const unknown = excluded.find((key) => !known.has(key));
  if (unknown !== undefined) throw new IamError("InvalidInput", `ExcludedPolicies names ${unknown}, which is not a policy of ${principalArn}. List its policies with GetContextKeysForPrincipalPolicy and use their keys.`);
  const leftOut = new Set(excluded);
  return {
    identity: set.identity.filter((policy) => !leftOut.has(sources.get(policy.name)?.key ?? "")),
    boundary: leftOut.has(BOUNDARY_KEY) ? undefined : set.boundary,
  };
}

/** The keys every simulated request carries: the moment of the simulation. */
function timeContext(): Record<string, ContextValue> {
  const now = new Date();
  return { "aws:CurrentTime": now.toISOString(), "aws:EpochTime": String(Math.floor(now.getTime() / 1000)) };
}

/** ResourceOwner's account, or the fallback. */
function ownerAccount(resourceOwner: string | undefined, fallback: string): string {
  if (resourceOwner === undefined) return fallback;
  const account = arnAccount(resourceOwner);
  if (!account || !isAccountId(account)) throw new IamError("InvalidInput", `ResourceOwner ${resourceOwner} does not name an account. Use an account ARN such as arn:aws:iam::${fallback}:root.`);
  return account;
}

/** The resource policy and the simulated caller it needs (AWS: CallerArn is required with a ResourcePolicy unless the principal is a user). */
function resourcePolicyOf(input: { ResourcePolicy?: string; CallerArn?: string }, sources: Sources, defaultCaller: string | undefined): { resource?: CompiledPolicy; principal?: string } {
  const principal = input.CallerArn ?? defaultCaller;
  if (input.ResourcePolicy === undefined) return { principal };
  if (!principal) throw new IamError("InvalidInput", "CallerArn is required with a ResourcePolicy: the policy's Principal element needs a caller to match. Give the ARN of an IAM user.");
  return { resource: inputPolicy(input.ResourcePolicy, "ResourcePolicy", sources, "resource"), principal };
}

/** The resource's aws:ResourceTag/* for an ARN that names a user or role of the caller's account. */
async function principalResourceTags(tx: Tx, caller: Caller, arn: string): Promise<Record<string, ContextValue>> {
  const user = await findUserByArn(tx, caller, arn);
  const role = user ? undefined : await findRoleByArn(tx, caller, arn);
  const owner = user ? { userId: user.id } : role ? { roleId: role.id } : undefined;
  const tags = owner ? await tx.tag.findMany({ where: owner, select: { key: true, value: true } }) : [];
  return Object.fromEntries(tags.map((tag) => [`aws:ResourceTag/${tag.key}`, tag.value]));
}

/** The tags of the user, group or role a PolicySourceArn names, as aws:ResourceTag/* for the main authorization. */
export const actsOnPolicySource = {
  resource: ({ input }: { input: { PolicySourceArn: string } }) => input.PolicySourceArn,
  context: ({ tx, input, caller }: { tx: Tx; input: { PolicySourceArn: string }; caller: Caller }) => principalResourceTags(tx, caller, input.PolicySourceArn),
};

export const SimulatePrincipalPolicy = operation({
  name: "SimulatePrincipalPolicy",
  action: "iam:SimulatePrincipalPolicy",
  readOnly: true,
  input: SimulatePrincipalPolicyInput,
  ...actsOnPolicySource,
  run: async ({ tx, input, caller }): Promise<SimulationOutput> => {
    const principal = await simulatedPrincipal(tx, caller, input.PolicySourceArn);
    const sources: Sources = new Map();
    await principalSources(tx, principal, sources);
    const own = withoutExcluded(principal.policies.set, sources, input.ExcludedPolicies ?? [], principal.arn);
    const extra = inputPolicies(input.PolicyInputList, "PolicyInputList", sources);
    const [boundaryText] = input.PermissionsBoundaryPolicyInputList ?? [];
    const boundary = boundaryText === undefined ? own.boundary : inputPolicy(boundaryText, "PermissionsBoundaryPolicyInputList.1", sources, undefined, "boundary");
    // A user simulates as itself by default; a role's or group's simulation needs a CallerArn for a resource policy.
    const { resource, principal: caller_ } = resourcePolicyOf(input, sources, principal.kind === "user" ? principal.arn : undefined);
    const context = withContextEntries(
      { ...timeContext(), "aws:MultiFactorAuthPresent": String(input.MultiFactorAuthPresent ?? false), ...principal.identity },
      input.ContextEntries ?? [],
    );
    return runSimulation(
      {
        set: { identity: [...own.identity, ...extra], boundary, resource, scps: scpLevels(input.ServiceControlPolicyLevels, sources) },
        sources,
        principal: caller_ ?? principal.arn,
        defaultResourceAccount: ownerAccount(input.ResourceOwner, principal.accountId),
        context,
      },
      input.ActionNames,
      input.ResourceArns ?? ["*"],
      input,
    );
  },
});

/**
 * SimulateCustomPolicy: the policies given, for no principal of the account. The simulated caller
 * is CallerArn when given (its keys are not invented: only the ContextEntries and the time are in
 * the context), else an IAM user of the caller's account that no policy names.
 */
export const SimulateCustomPolicy = operation({
  name: "SimulateCustomPolicy",
  action: "iam:SimulateCustomPolicy",
  readOnly: true,
  input: SimulateCustomPolicyInput,
  resource: () => "*",
  run: async ({ input, caller }): Promise<SimulationOutput> => {
    const sources: Sources = new Map();
    const identity = inputPolicies(input.PolicyInputList, "PolicyInputList", sources);
    const [boundaryText] = input.PermissionsBoundaryPolicyInputList ?? [];
    const boundary = boundaryText === undefined ? undefined : inputPolicy(boundaryText, "PermissionsBoundaryPolicyInputList.1", sources, undefined, "boundary");
    const { resource, principal } = resourcePolicyOf(input, sources, undefined);
    const account = accountOf(caller);
    return runSimulation(
      {
        set: { identity, boundary, resource, scps: scpLevels(input.ServiceControlPolicyLevels, sources) },
        sources,
        principal: principal ?? `arn:aws:iam::${account}:user/SimulatedCaller`,
        defaultResourceAccount: ownerAccount(input.ResourceOwner, account),
        context: withContextEntries(timeContext(), input.ContextEntries ?? []),
      },
      input.ActionNames,
      input.ResourceArns ?? ["*"],
      input,
    );
  },
});

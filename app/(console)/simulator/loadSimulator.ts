// The simulator page's server path: the inputs from the URL become the same SimulatePrincipalPolicy
// or SimulateCustomPolicy request a client of the API would send (plus the console's members:
// switched-off policies, SCP levels, MFA), run through execute(). A fixed number of operations
// whatever the number of rows: the principal's policies and context keys, then one simulation of
// every action against every resource, from which each row's pair is read.

import type { Caller } from "@/lib/auth/caller";
import { accountOf } from "@/lib/iam/core/account";
import { loadServiceCatalog } from "@/lib/catalog/serviceCatalog";
import { conditionKeysOf, parsePolicy } from "@/lib/policy";
import type { Operation } from "@/lib/iam/core/operation";
import { GetContextKeysForCustomPolicy, GetContextKeysForPrincipalPolicy, type SimulatedPolicy } from "@/lib/iam/policies/contextKeys";
import { SimulateCustomPolicy, SimulatePrincipalPolicy, type SimulationOutput, type SimulationResult } from "@/lib/iam/policies/simulation";
import type { SimulatorInputs } from "@/components/simulator/simulatorQuery";
import type { ActionConditionKeys, Outcome, PolicyText, ResultRow, SimulatorView } from "@/components/simulator/simulatorView";
import { pagePermissions } from "../_server/pagePermissions";
import { readOperation } from "../_server/readOperation";
import { decidingLayer } from "./decidingLayer";

/** SimulatePrincipalPolicy's and SimulateCustomPolicy's MaxItems: every pair in one page. */
export const MAX_PAIRS = 1000;

type PrincipalInput = Parameters<typeof SimulatePrincipalPolicy.run>[0]["input"];
type CustomInput = Parameters<typeof SimulateCustomPolicy.run>[0]["input"];

export type SimulationRequest = { readonly operation: "SimulatePrincipalPolicy"; readonly input: PrincipalInput } | { readonly operation: "SimulateCustomPolicy"; readonly input: CustomInput };

const distinct = (values: readonly string[]) => [...new Set(values)];

/** Rows naming the same key make one multivalued key; a key left without a value is not given (the result flags it). */
function contextEntries(inputs: SimulatorInputs) {
  const values = new Map<string, string[]>();
  for (const row of inputs.context) {
    if (row.value.trim() === "") continue;
    values.set(row.key, [...(values.get(row.key) ?? []), row.value.trim()]);
  }
  return [...values].map(([ContextKeyName, ContextKeyValues]) => ({ ContextKeyName, ContextKeyValues }));
}

/**
 * The request the inputs make, or undefined while there is nothing to simulate (no action, no
 * principal or policy). `off` is the switched-off keys still naming a policy of the principal.
 */
export function simulationRequest(inputs: SimulatorInputs, off: readonly string[] = inputs.off): SimulationRequest | undefined {
  if (inputs.actions.length === 0) return undefined;
  const shared = {
    ActionNames: distinct(inputs.actions.map((row) => row.action)),
    ResourceArns: distinct(inputs.actions.map((row) => row.resource)),
    ...(inputs.resourcePolicy.trim() ? { ResourcePolicy: inputs.resourcePolicy } : {}),
    ...(inputs.callerArn ? { CallerArn: inputs.callerArn } : {}),
    ...(inputs.resourceOwner ? { ResourceOwner: inputs.resourceOwner } : {}),
    ...(inputs.scps.length > 0 ? { ServiceControlPolicyLevels: inputs.scps.map((text) => ({ PolicyInputList: [text] })) } : {}),
    ContextEntries: contextEntries(inputs),
    MaxItems: MAX_PAIRS,
  };
  if (inputs.mode === "principal") {
    if (!inputs.principal) return undefined;
    return {
      operation: "SimulatePrincipalPolicy",
      input: { PolicySourceArn: inputs.principal, ...(off.length > 0 ? { ExcludedPolicies: [...off] } : {}), MultiFactorAuthPresent: inputs.mfa, ...shared },
    };
  }
  if (inputs.policies.length === 0) return undefined;
  return {
    operation: "SimulateCustomPolicy",
    input: { PolicyInputList: [...inputs.policies], ...(inputs.boundary.trim() ? { PermissionsBoundaryPolicyInputList: [inputs.boundary] } : {}), ...shared },
  };
}

const SOURCE_LABELS: Record<SimulatedPolicy["PolicySourceType"], string> = {
  user: "inline",
  group: "inline",
  role: "inline",
  "aws-managed": "AWS managed",
  "user-managed": "customer managed",
  resource: "resource-based",
};

export function storedPolicyLabel(policy: SimulatedPolicy): string {
  if (policy.IsPermissionsBoundary) return `${policy.PolicyName} (permissions boundary)`;
  const via = policy.GroupName ? `, via group ${policy.GroupName}` : "";
  return `${policy.PolicyName} (${SOURCE_LABELS[policy.PolicySourceType]}${via})`;
}

/** The texts of the policies given in the inputs, by the ids the simulation gives them. */
function inputTexts(inputs: SimulatorInputs): PolicyText[] {
  const texts: PolicyText[] = [];
  if (inputs.mode === "custom") {
    inputs.policies.forEach((text, i) => texts.push({ key: `PolicyInputList.${i + 1}`, label: `Identity policy ${i + 1}`, text }));
    if (inputs.boundary.trim()) texts.push({ key: "PermissionsBoundaryPolicyInputList.1", label: "Permissions boundary", text: inputs.boundary });
  }
  if (inputs.resourcePolicy.trim()) texts.push({ key: "ResourcePolicy", label: "Resource-based policy", text: inputs.resourcePolicy });
  inputs.scps.forEach((text, i) => texts.push({ key: `ServiceControlPolicyLevels.${i + 1}.PolicyInputList.1`, label: `SCP, level ${i + 1}${i === 0 ? " (organization root)" : ""}`, text }));
  return texts;
}

function toRow(result: SimulationResult, action: string, resource: string): ResultRow {
  return {
    action,
    resource,
    decision: result.EvalDecision,
    layer: decidingLayer(result.Explanation),
    summary: result.Explanation.summary,
    statements: result.MatchedStatements.map((m) => ({
      key: m.SourcePolicyKey ?? m.SourcePolicyId,
      policyId: m.SourcePolicyId,
      ...(m.SourcePolicyType ? { policyType: m.SourcePolicyType } : {}),
      ...(m.StartPosition ? { start: m.StartPosition } : {}),
      ...(m.EndPosition ? { end: m.EndPosition } : {}),
    })),
    missingContextValues: result.MissingContextValues,
    ...(result.PermissionsBoundaryDecisionDetail ? { allowedByBoundary: result.PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary } : {}),
  };
}

/**
 * The catalog's keys for the selected actions: each action's own (shown beside it), then, as
 * suggestions for more rows, the rest of their services' keys and the global ones.
 */
async function catalogKeys(inputs: SimulatorInputs): Promise<{ actionKeys: ActionConditionKeys[]; catalogKeys: string[] }> {
  const services = distinct(inputs.actions.map((row) => row.action.split(":")[0]!.toLowerCase()));
  const catalogs = new Map(await Promise.all(services.map(async (service) => [service, await loadServiceCatalog(service).catch(() => undefined)] as const)));
  const actionKeys = distinct(inputs.actions.map((row) => row.action)).flatMap((action) => {
    const [service, name] = action.split(":");
    const entry = catalogs.get(service!.toLowerCase())?.actions.find((a) => a.name.toLowerCase() === (name ?? "").toLowerCase());
    return entry && entry.conditionKeys.length > 0 ? [{ action, keys: entry.conditionKeys }] : [];
  });
  const rest = [...catalogs.values()].flatMap((catalog) => catalog?.conditionKeys.map((key) => key.key) ?? []);
  return { actionKeys, catalogKeys: distinct([...actionKeys.flatMap((a) => a.keys), ...rest]) };
}

/**
 * The keys of the simulation's other policies — the boundary, the resource policy, the SCPs — which
 * GetContextKeysForPrincipalPolicy leaves out, as AWS's does. Text that does not parse adds none:
 * the simulation reports it, naming it.
 */
function otherPolicyKeys(texts: readonly string[], known: readonly string[]): string[] {
  const documents = texts.flatMap((text) => {
    const parsed = parsePolicy(text);
    return parsed.ok ? [parsed.document] : [];
  });
  const seen = new Set(known.map((key) => key.toLowerCase()));
  return conditionKeysOf(documents).filter((key) => !seen.has(key.toLowerCase()));
}

async function simulate(caller: Caller, request: SimulationRequest): Promise<Outcome<SimulationOutput>> {
  // Both operations take their own input shape; the request's tag says which.
  const op = (request.operation === "SimulatePrincipalPolicy" ? SimulatePrincipalPolicy : SimulateCustomPolicy) as Operation<SimulationRequest["input"], SimulationOutput>;
  return readOperation(op, request.input, caller);
}

/** May the caller run either simulation? Asked about the chosen principal, or any user of the account while none is chosen. */
function runPermissions(caller: Caller, inputs: SimulatorInputs) {
  const principal = inputs.mode === "principal" && inputs.principal.startsWith("arn:") ? inputs.principal : `arn:aws:iam::${accountOf(caller)}:user/any-user`;
  return pagePermissions(caller, {
    principal: { Operation: SimulatePrincipalPolicy, Input: { PolicySourceArn: principal, ActionNames: ["iam:GetUser"] }, InputVaries: principal !== inputs.principal },
    custom: { Operation: SimulateCustomPolicy, Input: { PolicyInputList: ['{"Version":"2012-10-17","Statement":[]}'], ActionNames: ["iam:GetUser"] } },
  });
}

export async function loadSimulator(caller: Caller, inputs: SimulatorInputs): Promise<SimulatorView> {
  const permissions = runPermissions(caller, inputs);
  const texts = inputTexts(inputs);
  let policies: SimulatorView["policies"];
  let contextKeys: readonly string[] = [];
  let off = inputs.off;
  let staleOff: string[] = [];
  if (inputs.mode === "principal" && inputs.principal) {
    const read = await readOperation(GetContextKeysForPrincipalPolicy, { PolicySourceArn: inputs.principal }, caller);
    policies = read.ok ? { ok: true, value: read.value.SimulatedPolicies } : read;
    if (read.ok) {
      const boundary = read.value.SimulatedPolicies.filter((policy) => policy.IsPermissionsBoundary).map((policy) => policy.Document);
      contextKeys = [...read.value.ContextKeyNames, ...otherPolicyKeys([...boundary, ...texts.map((t) => t.text)], read.value.ContextKeyNames)];
      for (const policy of read.value.SimulatedPolicies) texts.push({ key: policy.Key, label: storedPolicyLabel(policy), text: policy.Document });
      const known = new Set(read.value.SimulatedPolicies.map((policy) => policy.Key));
      off = inputs.off.filter((key) => known.has(key));
      staleOff = inputs.off.filter((key) => !known.has(key));
    }
  } else if (inputs.mode === "custom" && texts.length > 0) {
    // A malformed policy is reported by the simulation, which names it.
    const read = await readOperation(GetContextKeysForCustomPolicy, { PolicyInputList: texts.map((t) => t.text) }, caller);
    if (read.ok) contextKeys = read.value.ContextKeyNames;
  }
  const request = policies?.ok === false ? undefined : simulationRequest(inputs, off);
  const view = { policies, staleOff, contextKeys, ...(await catalogKeys(inputs)), texts, runPermissions: await permissions };
  if (!request) return view;
  const pairs = request.input.ActionNames.length * (request.input.ResourceArns?.length ?? 1);
  if (pairs > MAX_PAIRS) {
    return { ...view, results: { ok: false, error: { code: "InvalidInput", message: `These rows make ${pairs} action and resource pairs to simulate; the page simulates at most ${MAX_PAIRS}. Use fewer distinct resources, or "*".` } } };
  }
  const simulated = await simulate(caller, request);
  if (!simulated.ok) return { ...view, results: simulated };
  const byPair = new Map(simulated.value.EvaluationResults.map((result) => [`${result.EvalActionName}\n${result.EvalResourceName}`, result]));
  const rows = inputs.actions.flatMap((row) => {
    const result = byPair.get(`${row.action}\n${row.resource}`);
    return result ? [toRow(result, row.action, row.resource)] : [];
  });
  return { ...view, results: { ok: true, value: rows } };
}

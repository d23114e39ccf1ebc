// The engine's outside contract: evaluating "cases" (a request plus the policies that apply) given as
// plain JSON values, as `npm run --silent policy -- evaluate FILE` reads them. A malformed case yields
// `{ id, error }` with a sentence saying what is wrong; it never throws.

import type { PolicySet } from "./candidates";
import { compilePolicy, type CompiledPolicy } from "./compile";
import { evaluate, type ExplainLevel } from "./evaluate";
import type { DecidingExplanation, Explanation } from "./explain";
import { readDocument } from "./grammar/document";
import { formatPath, type DraftFinding } from "./grammar/draft";
import { INVALID_ACTION_NAME, isInvalidActionName } from "./grammar/elements";
import { elementPath, finishDocument, type PolicyReading } from "./grammar/reading";
import { parseIamArn } from "./arn";
import { isTrustRequest } from "./trust";
import type { AuthorizationRequest, ContextValue, Decision, PolicyKind } from "./types";
import type { PolicyContainer } from "./validation/context";
import { checkElementsByKind } from "./validation/elementsByKind";
import { checkUniqueSids } from "./validation/sid";

export interface CaseOptions {
  readonly explain?: ExplainLevel;
  /** Refuse a case whose policies have Action values IAM would no longer accept, instead of warning. */
  readonly strict?: boolean;
  /** Reuse the policies read for earlier cases over the same document objects (see CasePolicyCache). */
  readonly cache?: CasePolicyCache;
}

/**
 * Something in a case's policies that the engine evaluated by its documented meaning rather than
 * refusing: an action name that matches no real action ("Invalid actions do not affect the
 * permissions granted by the policy").
 */
export interface CaseWarning {
  /** Where the value is, as `identityPolicies[0].Statement[1].Action[0]`. */
  readonly path: string;
  readonly value: string;
  readonly message: string;
}

export type CaseResult =
  | {
      readonly id: unknown;
      readonly decision: Decision;
      /** Absent with `explain: "none"`; without per-statement traces with `"deciding"`. */
      readonly explanation?: Explanation | DecidingExplanation;
      readonly warnings: readonly CaseWarning[];
    }
  | { readonly id: unknown; readonly error: string };

class CaseError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function requiredString(raw: Record<string, unknown>, field: string): string {
  const value = raw[field];
  if (typeof value !== "string" || value === "") throw new CaseError(`"${field}" is required and must be a non-empty string.`);
  return value;
}

// Besides the grammar, a case's policies must follow the validator's element rules for their kind,
// which IAM enforces before any policy is used: identity-side policies name no principal,
// resource-based policies must. A case's resource policy may be any resource's (a bucket's, a
// queue's), so it is held to the validator's rules for a bucket policy unless the request makes it
// a role's trust policy. The validator's other checks (ARN shapes, size quotas, best practice) do
// not make a case malformed: a case asks how the engine decides the policies it is given.
const CONTAINERS: Readonly<Record<PolicyKind, PolicyContainer>> = {
  identity: "managed",
  boundary: "managed",
  session: "session",
  scp: "scp",
  rcp: "rcp",
  resource: "managed",
  trust: "trust",
};

/** What reading one case's policies gathers besides the policies: its warnings. */
interface CaseReading {
  readonly strict: boolean;
  readonly warnings: CaseWarning[];
  readonly cache?: CasePolicyCache;
}

/** The first error among the findings, as `path: message`; errors with the `tolerated` code do not count. */
function firstError(findings: readonly DraftFinding[], tolerated?: string): string | undefined {
  const error = findings.find((f) => f.severity === "error" && f.code !== tolerated);
  if (!error) return undefined;
  const path = formatPath(error.path);
  return path ? `${path}: ${error.message}` : error.message;
}

/**
 * The Action / NotAction values of a policy that name no action (a valid service prefix, an
 * invalid name), as warnings: the engine evaluates them by their documented meaning, "Invalid
 * actions do not affect the permissions granted by the policy", and says so rather than hiding it.
 */
function invalidActionWarnings(reading: PolicyReading, label: string, warnings: CaseWarning[]): void {
  reading.document.Statement.forEach((statement, s) => {
    const source = reading.sources[s]!;
    for (const element of ["Action", "NotAction"] as const) {
      statement[element]?.forEach((value, i) => {
        if (!isInvalidActionName(value)) return;
        const effect = element === "NotAction" ? "excludes nothing from this NotAction" : statement.Effect === "Deny" ? "denies nothing" : "grants nothing";
        warnings.push({
          path: `${label}.${formatPath(elementPath(source, element, i))}`,
          value,
          message: `"${value}" is not a valid action name, so it matches no action and ${effect} ("Invalid actions do not affect the permissions granted by the policy"). IAM would refuse to save it today; evaluate with strict (--strict) to refuse it here too.`,
        });
      });
    }
  });
}

// A case's policies are held to what IAM (or Organizations) stores: the grammar, the validator's
// element rules for the policy's kind, and unique Sids. The one exception is an action name that
// IAM no longer accepts but older stored policies can hold: unless strict, it is a warning.
/**
 * Remembers the policies read for earlier cases, by document object, for a caller that evaluates
 * many cases over the same documents (the CLI gives equal policy texts one object): each is read,
 * validated and compiled once per place and kind, as the console caches compiled policy versions.
 * A document must not change once evaluated with a cache.
 */
export class CasePolicyCache {
  readonly byDocument = new WeakMap<object, Map<string, { readonly compiled?: CompiledPolicy; readonly error?: string; readonly warnings: readonly CaseWarning[] }>>();
}

function policy(value: unknown, label: string, kind: PolicyKind, caseReading: CaseReading): CompiledPolicy {
  if (!isObject(value)) throw new CaseError(`${label} must be a policy document (a JSON object).`);
  const cache = caseReading.cache;
  if (!cache) return readCasePolicy(value, label, kind, caseReading);
  let entries = cache.byDocument.get(value);
  if (!entries) cache.byDocument.set(value, (entries = new Map()));
  // The label is the compiled policy's name and the warnings' path, so it is part of the key.
  const key = `${kind} ${caseReading.strict} ${label}`;
  let entry = entries.get(key);
  if (!entry) {
    const warnings: CaseWarning[] = [];
    try {
      entry = { compiled: readCasePolicy(value, label, kind, { strict: caseReading.strict, warnings }), warnings };
    } catch (error) {
      if (!(error instanceof CaseError)) throw error;
      entry = { error: error.message, warnings };
    }
    entries.set(key, entry);
  }
  if (entry.error !== undefined) throw new CaseError(entry.error);
  for (const w of entry.warnings) caseReading.warnings.push(w);
  return entry.compiled!;
}

function readCasePolicy(value: Record<string, unknown>, label: string, kind: PolicyKind, caseReading: CaseReading): CompiledPolicy {
  const reading = readDocument(value);
  const input = { reading, kind, container: CONTAINERS[kind] };
  const tolerated = caseReading.strict ? undefined : INVALID_ACTION_NAME;
  const problem = firstError(reading.findings, tolerated) ?? firstError(checkElementsByKind(input)) ?? firstError(checkUniqueSids(input));
  if (problem) throw new CaseError(`${label} is not a valid policy: ${problem}`);
  if (!caseReading.strict) invalidActionWarnings(reading, label, caseReading.warnings);
  return compilePolicy(finishDocument(reading.document), label);
}

function optionalPolicy(raw: Record<string, unknown>, field: string, kind: PolicyKind, reading: CaseReading): CompiledPolicy | undefined {
  return raw[field] === undefined || raw[field] === null ? undefined : policy(raw[field], field, kind, reading);
}

/** Organization policies (SCPs, RCPs) come in levels, every one of which must allow. */
function levels(raw: Record<string, unknown>, field: string, kind: PolicyKind, reading: CaseReading): CompiledPolicy[][] | undefined {
  const value = raw[field];
  if (value === undefined || value === null) return undefined;
  if (!(Array.isArray(value) && value.every(Array.isArray))) {
    throw new CaseError(`"${field}" must be an array of levels, each an array of policy documents.`);
  }
  return (value as unknown[][]).map((level, i) => level.map((p, j) => policy(p, `${field}[${i}][${j}]`, kind, reading)));
}

function context(value: unknown): Record<string, ContextValue> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new CaseError(`"context" must be an object of context keys.`);
  for (const [key, v] of Object.entries(value)) {
    const ok = typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"));
    if (!ok) throw new CaseError(`context key "${key}" must be a string or an array of strings.`);
  }
  return value as Record<string, ContextValue>;
}

function policySet(raw: Record<string, unknown>, request: AuthorizationRequest, reading: CaseReading): PolicySet {
  const identity = raw.identityPolicies;
  if (!Array.isArray(identity)) throw new CaseError(`"identityPolicies" is required and must be an array of policy documents.`);
  const resourceKind: PolicyKind = isTrustRequest(request.action.toLowerCase(), request.resource) ? "trust" : "resource";
  return {
    identity: identity.map((p, i) => policy(p, `identityPolicies[${i}]`, "identity", reading)),
    boundary: optionalPolicy(raw, "permissionsBoundary", "boundary", reading),
    resource: optionalPolicy(raw, "resourcePolicy", resourceKind, reading),
    session: optionalPolicy(raw, "sessionPolicy", "session", reading),
    scps: levels(raw, "serviceControlPolicies", "scp", reading),
    rcps: levels(raw, "resourceControlPolicies", "rcp", reading),
  };
}

/**
 * AWS signs requests as role sessions, never as the role itself, so a role ARN cannot be the
 * caller: a resource policy naming the role would otherwise look like it named the caller directly
 * and grant past a permissions boundary ("Resource-based policies that grant permissions to an IAM
 * role ARN are limited by an implicit deny in a permissions boundary or session policy").
 */
function requestPrincipal(raw: Record<string, unknown>): string {
  const principal = requiredString(raw, "principal");
  const role = parseIamArn(principal);
  if (role?.type === "role") {
    throw new CaseError(
      `"principal" ${principal} is a role, and AWS never signs a request as a role: requests come from its sessions. Use the session's ARN, arn:aws:sts::${role.account}:assumed-role/${role.name}/SESSION.`,
    );
  }
  return principal;
}

export function evaluateCase(raw: unknown, options: CaseOptions = {}): CaseResult {
  const id = isObject(raw) ? (raw.id ?? null) : null;
  try {
    if (!isObject(raw)) throw new CaseError("a case must be a JSON object.");
    const resourceAccount = raw.resourceAccount;
    if (resourceAccount !== undefined && typeof resourceAccount !== "string") {
      throw new CaseError(`"resourceAccount" must be a string.`);
    }
    const request: AuthorizationRequest = {
      principal: requestPrincipal(raw),
      action: requiredString(raw, "action"),
      resource: requiredString(raw, "resource"),
      resourceAccount,
      context: context(raw.context),
    };
    const reading: CaseReading = { strict: options.strict === true, warnings: [], cache: options.cache };
    const set = policySet(raw, request, reading);
    const { decision, explanation } = evaluate(request, set, { explain: options.explain ?? "full" });
    return explanation
      ? { id, decision, explanation, warnings: reading.warnings }
      : { id, decision, warnings: reading.warnings };
  } catch (error) {
    if (error instanceof CaseError) return { id, error: error.message };
    // A bug in the engine must not take the other cases down with it; say so plainly.
    return { id, error: `internal error while evaluating this case: ${(error as Error).message}` };
  }
}

export function evaluateCases(cases: readonly unknown[], options: CaseOptions = {}): CaseResult[] {
  return cases.map((c) => evaluateCase(c, options));
}

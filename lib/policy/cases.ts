// The engine's outside contract: evaluating "cases" (a request plus the policies that apply) given as
// plain JSON values, as `npm run --silent policy -- evaluate FILE` reads them. A malformed case yields
// `{ id, error }` with a sentence saying what is wrong; it never throws.

import type { PolicySet } from "./candidates";
import { compilePolicy, type CompiledPolicy } from "./compile";
import { evaluate } from "./evaluate";
import type { Explanation } from "./explain";
import { readDocument } from "./grammar/document";
import { formatPath, type DraftFinding } from "./grammar/draft";
import { finishDocument } from "./grammar/reading";
import type { ContextValue, Decision, PolicyKind } from "./types";
import type { PolicyContainer } from "./validation/context";
import { checkElementsByKind } from "./validation/elementsByKind";

export type CaseResult =
  | { readonly id: unknown; readonly decision: Decision; readonly explanation: Explanation }
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
// queue's), so it is held to the validator's rules for a bucket policy, not a role trust policy's.
// The validator's other checks (ARN shapes, size quotas, best practice) do not make a case
// malformed: a case asks how the engine decides the policies it is given.
const CONTAINERS: Readonly<Record<PolicyKind, PolicyContainer>> = {
  identity: "managed",
  boundary: "managed",
  session: "session",
  scp: "scp",
  resource: "managed",
};

/** The first error among the findings, as `path: message`. */
function firstError(findings: readonly DraftFinding[]): string | undefined {
  const error = findings.find((f) => f.severity === "error");
  if (!error) return undefined;
  const path = formatPath(error.path);
  return path ? `${path}: ${error.message}` : error.message;
}

function policy(value: unknown, label: string, kind: PolicyKind): CompiledPolicy {
  if (!isObject(value)) throw new CaseError(`${label} must be a policy document (a JSON object).`);
  const reading = readDocument(value);
  const problem = firstError(reading.findings) ?? firstError(checkElementsByKind({ reading, kind, container: CONTAINERS[kind] }));
  if (problem) throw new CaseError(`${label} is not a valid policy: ${problem}`);
  return compilePolicy(finishDocument(reading.document), label);
}

function optionalPolicy(raw: Record<string, unknown>, field: string, kind: PolicyKind): CompiledPolicy | undefined {
  return raw[field] === undefined || raw[field] === null ? undefined : policy(raw[field], field, kind);
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

function policySet(raw: Record<string, unknown>): PolicySet {
  const identity = raw.identityPolicies;
  if (!Array.isArray(identity)) throw new CaseError(`"identityPolicies" is required and must be an array of policy documents.`);
  const scps = raw.serviceControlPolicies;
  if (scps !== undefined && scps !== null && !(Array.isArray(scps) && scps.every(Array.isArray))) {
    throw new CaseError(`"serviceControlPolicies" must be an array of levels, each an array of policy documents.`);
  }
  return {
    identity: identity.map((p, i) => policy(p, `identityPolicies[${i}]`, "identity")),
    boundary: optionalPolicy(raw, "permissionsBoundary", "boundary"),
    resource: optionalPolicy(raw, "resourcePolicy", "resource"),
    session: optionalPolicy(raw, "sessionPolicy", "session"),
    scps: (scps as unknown[][] | undefined)?.map((level, i) => level.map((p, j) => policy(p, `serviceControlPolicies[${i}][${j}]`, "scp"))),
  };
}

export function evaluateCase(raw: unknown): CaseResult {
  const id = isObject(raw) ? (raw.id ?? null) : null;
  try {
    if (!isObject(raw)) throw new CaseError("a case must be a JSON object.");
    const resourceAccount = raw.resourceAccount;
    if (resourceAccount !== undefined && typeof resourceAccount !== "string") {
      throw new CaseError(`"resourceAccount" must be a string.`);
    }
    const request = {
      principal: requiredString(raw, "principal"),
      action: requiredString(raw, "action"),
      resource: requiredString(raw, "resource"),
      resourceAccount,
      context: context(raw.context),
    };
    const { decision, explanation } = evaluate(request, policySet(raw));
    return { id, decision, explanation: explanation! };
  } catch (error) {
    if (error instanceof CaseError) return { id, error: error.message };
    // A bug in the engine must not take the other cases down with it; say so plainly.
    return { id, error: `internal error while evaluating this case: ${(error as Error).message}` };
  }
}

export function evaluateCases(cases: readonly unknown[]): CaseResult[] {
  return cases.map(evaluateCase);
}

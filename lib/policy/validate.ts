// Policy validation in the manner of IAM Access Analyzer's ValidatePolicy: the grammar's findings
// plus checks that depend on the kind of policy, its size quota, and best practice. Each check
// lives in validation/ and sees a best-effort reading, so a policy with a grammar error still gets
// every other finding — which is what an editor validating on each keystroke needs.

import { readDocument } from "./grammar/document";
import { toFinding, type DraftFinding } from "./grammar/draft";
import type { JsonDocument } from "./json";
import { readPolicyText } from "./parse";
import { POLICY_KINDS, type Finding, type PolicyKind, type Severity } from "./types";
import { checkConditionValueTypes } from "./validation/conditionValueTypes";
import type { PolicyCheck, PolicyContainer, ValidateOptions } from "./validation/context";
import { checkElementsByKind } from "./validation/elementsByKind";
import { checkGlobalConditionKeys } from "./validation/globalConditionKeys";
import { checkPassRole } from "./validation/passRole";
import { checkPermissiveStatements } from "./validation/permissive";
import { checkPolicyVariables } from "./validation/policyVariables";
import { checkRedundancy } from "./validation/redundancy";
import { checkResourceArns } from "./validation/resourceArn";
import { checkSids } from "./validation/sid";
import { checkPolicySize, defaultContainer, POLICY_SIZE_QUOTAS } from "./validation/size";

export type { PolicyContainer, ValidateOptions } from "./validation/context";
export { POLICY_CONTAINERS } from "./validation/size";

const CHECKS: readonly PolicyCheck[] = [
  checkElementsByKind,
  checkSids,
  checkResourceArns,
  checkConditionValueTypes,
  checkPolicyVariables,
  checkGlobalConditionKeys,
  checkPermissiveStatements,
  checkPassRole,
  checkRedundancy,
];

const KINDS = new Set<PolicyKind>(POLICY_KINDS);
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, "security-warning": 1, warning: 2, suggestion: 3 };

function kindOf(container: PolicyContainer | undefined): PolicyKind {
  if (container === "trust") return "trust";
  if (container === "session") return "session";
  if (container === "scp") return "scp";
  if (container === "rcp") return "rcp";
  return "identity";
}

/** Options as given by any caller, including plain JavaScript passing something unexpected. */
function resolveOptions(options: unknown): { kind: PolicyKind; container: PolicyContainer } {
  const given = (typeof options === "object" && options !== null ? options : {}) as ValidateOptions;
  const container = given.container !== undefined && given.container in POLICY_SIZE_QUOTAS ? given.container : undefined;
  let kind = given.kind !== undefined && KINDS.has(given.kind) ? given.kind : kindOf(container);
  // A role trust policy is a resource-based policy; before kind "trust" existed, callers named it
  // as kind "resource" in container "trust", and that still means a trust policy.
  if (kind === "resource" && container === "trust") kind = "trust";
  return { kind, container: container ?? defaultContainer(kind) };
}

/** The policy as text without white space, for the size quota; undefined if it cannot be serialised. */
function serialise(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function validate(input: unknown, options: unknown): Finding[] {
  const { kind, container } = resolveOptions(options);
  let json: JsonDocument | undefined;
  let text: string | undefined;
  const findings: Finding[] = [];
  let reading;
  if (typeof input === "string") {
    const parsed = readPolicyText(input);
    findings.push(...parsed.textFindings);
    ({ reading, json } = parsed);
    text = input;
  } else {
    reading = readDocument(input);
    text = serialise(input);
  }
  const drafts: DraftFinding[] = text === undefined ? [] : checkPolicySize(text, container);
  if (reading) {
    drafts.push(...reading.findings);
    for (const check of CHECKS) drafts.push(...check({ reading, kind, container }));
  }
  findings.push(...drafts.map((d) => toFinding(d, json)));
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/**
 * Validates a policy (JSON text, or an already-parsed value) for the given kind of policy.
 * Never throws: whatever the input, the answer is a list of findings.
 */
export function validatePolicy(input: string | unknown, options?: ValidateOptions): Finding[] {
  try {
    return validate(input, options);
  } catch (error) {
    // Only a hostile value can get here (a Proxy or getter that throws while being read).
    let reason = "an error was thrown while reading it";
    try {
      reason = error instanceof Error ? error.message : String(error);
    } catch {
      // The thrown value itself refuses to be described; keep the generic reason.
    }
    return [
      { severity: "error", code: "UNREADABLE_POLICY", message: `The policy could not be read: ${reason}. Provide it as JSON text or a plain JSON value.`, path: "" },
    ];
  }
}

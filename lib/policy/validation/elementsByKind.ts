// Which statement elements each kind of policy requires or forbids. Identity-side policies
// (identity, permissions boundary, session, SCP) apply to the principal they are attached to, so
// they cannot name one; a resource policy must say whom it grants; a role trust policy's resource
// is the role itself, so it has no Resource element, and it cannot use NotPrincipal; an RCP names
// every principal ("*") and limits them with conditions. IAM and Organizations refuse to store a
// policy that breaks these rules, so the case reader (cases.ts) applies them too.

import { draft, type DraftFinding, type PathSegment } from "../grammar/draft";
import type { DraftStatement, PolicyReading, StatementSource } from "../grammar/reading";
import { RCP_SERVICES } from "../resourceControl";
import { POLICY_VERSION_2012, type PolicyKind } from "../types";
import { forEachStatement, type PolicyCheck } from "./context";

const KIND_NAMES: Readonly<Record<PolicyKind, string>> = {
  identity: "an identity-based policy",
  boundary: "a permissions boundary",
  session: "a session policy",
  scp: "a service control policy",
  resource: "a resource-based policy",
  trust: "a role trust policy",
  rcp: "a resource control policy",
};

/** The elements of one statement as the checks below see them. */
interface StatementView {
  readonly statement: DraftStatement;
  readonly path: readonly PathSegment[];
  readonly has: (element: string) => boolean;
  readonly at: (element: string) => PathSegment[];
}

function identitySide(kind: PolicyKind, s: StatementView, findings: DraftFinding[]): void {
  for (const element of ["Principal", "NotPrincipal"] as const) {
    if (!s.has(element)) continue;
    const code = kind === "scp" ? "SCP_SYNTAX_ERROR_PRINCIPAL" : "UNSUPPORTED_PRINCIPAL";
    findings.push(
      draft("error", code, `${KIND_NAMES[kind]} cannot have a ${element} element: it applies to the principal it is attached to. Remove ${element}.`, s.at(element), "key"),
    );
  }
}

function resourceBased(s: StatementView, findings: DraftFinding[]): void {
  // "You must use the Principal element in resource-based policies."
  if (!s.has("Principal") && !s.has("NotPrincipal")) {
    findings.push(draft("error", "MISSING_PRINCIPAL", 'A resource-based policy statement must say whom it applies to: add a "Principal" element.', s.path));
  }
  if (s.has("NotPrincipal") && s.statement.Effect === "Allow") {
    findings.push(
      draft("security-warning", "ALLOW_WITH_NOT_PRINCIPAL", "Allow with NotPrincipal grants access to every principal except those listed, including anonymous users. Name the principals in Principal instead.", s.at("NotPrincipal"), "key"),
    );
  }
}

function trustPolicy(s: StatementView, findings: DraftFinding[]): void {
  // "You cannot use the NotPrincipal element in an IAM identity-based policy nor in an IAM role trust
  // policy." Reported before the missing Principal: it is what the author wrote and must change.
  if (s.has("NotPrincipal")) {
    findings.push(
      draft("error", "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", "Role trust policies do not support NotPrincipal. Name who can assume the role in a Principal element instead.", s.at("NotPrincipal"), "key"),
    );
  }
  if (!s.has("Principal")) {
    findings.push(draft("error", "MISSING_PRINCIPAL", 'A role trust policy statement must say who can assume the role: add a "Principal" element.', s.path));
  }
  // Access Analyzer: '"Principal:" "*" is not supported in the principal element of a role trust policy.'
  if (s.statement.Principal === "*") {
    findings.push(
      draft("error", "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL", '"Principal": "*" is not supported in a role trust policy. Name the accounts, roles, users or services that can assume the role.', s.at("Principal")),
    );
  }
  for (const element of ["Resource", "NotResource"] as const) {
    if (!s.has(element)) continue;
    findings.push(
      draft("error", "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", `A role trust policy cannot have a ${element} element: it applies to the role it is attached to. Remove ${element}.`, s.at(element), "key"),
    );
  }
}

/**
 * RCPFullAWSAccess, the RCP AWS attaches at every level: "The effect of Allow is only supported for
 * the RCPFullAWSAccess policy", and Access Analyzer's RCP_SYNTAX_ERROR_ALLOW spells out its shape:
 * all principals, all resources, no Condition.
 */
function isFullAccessAllow(s: StatementView): boolean {
  const { statement } = s;
  const only = (values: readonly string[] | undefined) => values !== undefined && values.length === 1 && values[0] === "*";
  return statement.Principal === "*" && only(statement.Action) && only(statement.Resource) && !s.has("Condition");
}

function serviceOf(action: string): string {
  const colon = action.indexOf(":");
  return colon > 0 ? action.slice(0, colon).toLowerCase() : "";
}

function resourceControlPolicy(s: StatementView, source: StatementSource, findings: DraftFinding[]): void {
  const { statement } = s;
  const fullAccess = statement.Effect === "Allow" && isFullAccessAllow(s);
  if (statement.Effect === "Allow" && !fullAccess) {
    findings.push(
      draft("error", "RCP_SYNTAX_ERROR_ALLOW", 'An RCP you create must Deny: "The effect of Allow is only supported for the RCPFullAWSAccess policy" (Principal "*", Action "*", Resource "*", no Condition). Change Effect to "Deny".', s.at("Effect")),
    );
  }
  // "The following elements are not supported in RCPs: NotPrincipal, NotAction."
  if (s.has("NotPrincipal")) {
    findings.push(
      draft("error", "RCP_SYNTAX_ERROR_PRINCIPAL", 'RCPs do not support NotPrincipal. Write "Principal": "*" and exempt principals with a Condition such as ArnNotLike on aws:PrincipalArn.', s.at("NotPrincipal"), "key"),
    );
  } else if (!s.has("Principal")) {
    // "Each statement must contain the Principal element. You can only specify "*" in the Principal element of an RCP."
    findings.push(draft("error", "RCP_SYNTAX_ERROR_PRINCIPAL", 'An RCP statement must have "Principal": "*". Use the Condition element to restrict specific principals.', s.path));
  }
  if (statement.Principal !== undefined && statement.Principal !== "*") {
    findings.push(
      draft("error", "RCP_SYNTAX_ERROR_PRINCIPAL", 'RCPs only support "*" in the Principal element. Write "Principal": "*" and use the Condition element to restrict specific principals.', s.at("Principal")),
    );
  }
  if (s.has("NotAction")) {
    findings.push(draft("error", "RCP_SYNTAX_ERROR_NOTACTION", "RCPs do not support the NotAction element. List the actions to deny in Action instead.", s.at("NotAction"), "key"));
  }
  if (!fullAccess) {
    statement.Action?.forEach((action, i) => {
      const path = source.arrays.has("Action") ? [...s.at("Action"), i] : s.at("Action");
      // "You cannot use "*" in the Action element of a customer managed RCP and have to specify the
      // abbreviation for the service (such as "s3", "sqs", or "sts") you want to restrict access to."
      if (action === "*") {
        findings.push(draft("error", "RCP_SYNTAX_ERROR_ACTION", 'An RCP you create cannot use "*" as an action: name the service, as in "s3:*" or "sts:AssumeRole".', path));
        return;
      }
      const service = serviceOf(action);
      // Malformed actions are the grammar's to report; this only names services RCPs do not cover.
      if (service !== "" && !/[*?]/.test(service) && !RCP_SERVICES.has(service)) {
        findings.push(
          draft("error", "RCP_SYNTAX_ERROR_ACTION", `RCPs only support select services in the Action element, and "${service}" (in "${action}") is not one of them. See "List of AWS services that support RCPs".`, path),
        );
      }
    });
  }
}

// "Every RCP must include a Version element with the value "2012-10-17"."
function versionOfRcp(reading: PolicyReading, findings: DraftFinding[]): void {
  if (reading.document.Version === POLICY_VERSION_2012) return;
  // A value that is not a policy, or an invalid Version, is already the grammar's error.
  const reported = (f: DraftFinding) => f.severity === "error" && (f.path.length === 0 ? f.code === "DATA_TYPE_MISMATCH" : f.path[0] === "Version");
  if (reading.findings.some(reported)) return;
  const written = reading.document.Version;
  findings.push(
    draft("error", "RCP_SYNTAX_ERROR_VERSION", `Every RCP must have "Version": "${POLICY_VERSION_2012}"${written === undefined ? "" : `, not "${written}"`}. ${written === undefined ? "Add" : "Change"} it.`, written === undefined ? [] : ["Version"]),
  );
}

export const checkElementsByKind: PolicyCheck = ({ reading, kind }) => {
  const findings: DraftFinding[] = [];
  if (kind === "rcp") versionOfRcp(reading, findings);
  forEachStatement(reading, (statement, source) => {
    const view: StatementView = {
      statement,
      path: source.path,
      has: (element) => source.present.has(element),
      at: (element) => [...source.path, element],
    };
    if (kind === "resource") resourceBased(view, findings);
    else if (kind === "trust") trustPolicy(view, findings);
    else if (kind === "rcp") resourceControlPolicy(view, source, findings);
    else identitySide(kind, view, findings);
    // A trust policy's resource is the role itself; an SCP without Resource applies to every resource.
    const needsResource = kind !== "trust" && kind !== "scp";
    if (needsResource && !view.has("Resource") && !view.has("NotResource")) {
      findings.push(draft("error", "MISSING_RESOURCE", 'Add a "Resource" element (an ARN, or "*") or a "NotResource" element to this statement.', source.path));
    }
  });
  return findings;
};

// Which statement elements each kind of policy requires or forbids. Identity-side policies
// (identity, permissions boundary, session, SCP) apply to the principal they are attached to, so
// they cannot name one; a resource policy must say whom it grants; a role trust policy's resource
// is the role itself, so it has no Resource element.

import { draft, type DraftFinding } from "../grammar/draft";
import { forEachStatement, type PolicyCheck } from "./context";

const KIND_NAMES = {
  identity: "an identity-based policy",
  boundary: "a permissions boundary",
  session: "a session policy",
  scp: "a service control policy",
  resource: "a resource-based policy",
} as const;

export const checkElementsByKind: PolicyCheck = ({ reading, kind, container }) => {
  const findings: DraftFinding[] = [];
  forEachStatement(reading, (statement, source) => {
    const has = (element: string) => source.present.has(element);
    if (kind !== "resource") {
      for (const element of ["Principal", "NotPrincipal"] as const) {
        if (!has(element)) continue;
        const code = kind === "scp" ? "SCP_SYNTAX_ERROR_PRINCIPAL" : "UNSUPPORTED_PRINCIPAL";
        findings.push(
          draft("error", code, `${KIND_NAMES[kind]} cannot have a ${element} element: it applies to the principal it is attached to. Remove ${element}.`, [...source.path, element], "key"),
        );
      }
    } else {
      if (!has("Principal") && !has("NotPrincipal")) {
        findings.push(
          draft("error", "MISSING_PRINCIPAL", 'A resource-based policy statement must say whom it applies to: add a "Principal" element.', source.path),
        );
      }
      if (has("NotPrincipal") && statement.Effect === "Allow") {
        findings.push(
          draft("security-warning", "ALLOW_WITH_NOT_PRINCIPAL", "Allow with NotPrincipal grants access to every principal except those listed, including anonymous users. Name the principals in Principal instead.", [...source.path, "NotPrincipal"], "key"),
        );
      }
    }
    const hasResource = has("Resource") || has("NotResource");
    if (kind === "resource" && container === "trust") {
      for (const element of ["Resource", "NotResource"] as const) {
        if (!has(element)) continue;
        findings.push(
          draft("error", "INVALID_POLICY_ELEMENT", `A role trust policy cannot have a ${element} element: the resource is the role itself. Remove ${element}.`, [...source.path, element], "key"),
        );
      }
    } else if (kind !== "scp" && !hasResource) {
      findings.push(
        draft("error", "MISSING_RESOURCE", 'Add a "Resource" element (an ARN, or "*") or a "NotResource" element to this statement.', source.path),
      );
    }
  });
  return findings;
};

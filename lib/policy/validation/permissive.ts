// Statements that allow far more than they appear to. NotAction and NotResource in an Allow grant
// everything not listed, including actions and resources AWS adds later; "*" on "*" is full
// administrator access. Permissions boundaries, session policies, SCPs and RCPs only set a ceiling
// and grant nothing themselves, so a broad Allow there is usual and is not flagged.

import { draft, type DraftFinding } from "../grammar/draft";
import type { PolicyKind } from "../types";
import { forEachStatement, type PolicyCheck } from "./context";

/** Identity policies and resource-based policies (a role trust policy among them) grant; the rest only limit. */
export function grantsPermissions(kind: PolicyKind): boolean {
  return kind === "identity" || kind === "resource" || kind === "trust";
}

export const checkPermissiveStatements: PolicyCheck = ({ reading, kind }) => {
  const findings: DraftFinding[] = [];
  if (!grantsPermissions(kind)) return findings;
  forEachStatement(reading, (statement, source) => {
    if (statement.Effect !== "Allow") return;
    if (statement.NotAction) {
      findings.push(
        draft("security-warning", "ALLOW_WITH_NOT_ACTION", "Allow with NotAction grants every action except those listed, including actions AWS adds later. List the actions to allow in Action instead.", [...source.path, "NotAction"], "key"),
      );
    }
    if (statement.NotResource) {
      findings.push(
        draft("security-warning", "ALLOW_WITH_NOT_RESOURCE", "Allow with NotResource grants access to every resource except those listed, including resources created later. List the resources to allow in Resource instead.", [...source.path, "NotResource"], "key"),
      );
    }
    if (statement.Action?.includes("*") && statement.Resource?.includes("*")) {
      const conditional = statement.Condition && statement.Condition.length > 0 ? " (only when its conditions hold)" : "";
      findings.push(
        draft("security-warning", "ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES", `This statement allows every action on every resource${conditional}, which is full administrator access. Grant only the actions and resources needed.`, source.path),
      );
    }
  });
  return findings;
};

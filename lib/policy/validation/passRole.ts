// iam:PassRole lets a principal hand a role to a service (an EC2 instance, a Lambda function), and
// so gain whatever that role can do. Allowing it on every role is a privilege-escalation path;
// Access Analyzer flags each way a statement can do that. The iam:PassedToService condition key,
// which limits the services a role may be passed to, is the remedy it suggests.

import { draft, type DraftFinding } from "../grammar/draft";
import type { DraftStatement } from "../grammar/reading";
import { forEachStatement, type PolicyCheck } from "./context";
import { grantsPermissions } from "./permissive";
import { arnResourcePart } from "./resourceArn";
import { wildcardMatches } from "./wildcard";

const PASS_ROLE = "iam:PassRole";

/** How the statement reaches iam:PassRole: by naming it, through a wildcard, or through NotAction. */
function passRoleAction(statement: DraftStatement): "named" | "wildcard" | "not-action" | undefined {
  if (statement.Action) {
    if (statement.Action.some((a) => a.toLowerCase() === PASS_ROLE.toLowerCase())) return "named";
    if (statement.Action.some((a) => wildcardMatches(a, PASS_ROLE, true))) return "wildcard";
    return undefined;
  }
  if (statement.NotAction && !statement.NotAction.some((a) => wildcardMatches(a, PASS_ROLE, true))) return "not-action";
  return undefined;
}

/** A resource that matches every role: "*", or an ARN whose resource part is "*" or "role/*". */
function matchesEveryRole(resource: string): boolean {
  if (resource === "*") return true;
  const part = arnResourcePart(resource);
  return part === "*" || part === "role/*";
}

const CODES = {
  named: { star: "PASS_ROLE_WITH_STAR_IN_RESOURCE", not: "PASS_ROLE_WITH_NOT_RESOURCE" },
  wildcard: { star: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", not: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE" },
  "not-action": { star: "PASS_ROLE_WITH_NOT_ACTION_AND_STAR_IN_RESOURCE", not: "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE" },
} as const;

const HOW = {
  named: "iam:PassRole",
  wildcard: "an action wildcard that includes iam:PassRole",
  "not-action": "NotAction, which leaves iam:PassRole allowed,",
} as const;

export const checkPassRole: PolicyCheck = ({ reading, kind }) => {
  const findings: DraftFinding[] = [];
  if (!grantsPermissions(kind)) return findings;
  forEachStatement(reading, (statement, source) => {
    if (statement.Effect !== "Allow") return;
    const how = passRoleAction(statement);
    if (!how) return;
    if (statement.Condition?.some((c) => c.key.toLowerCase() === "iam:passedtoservice")) return;
    if (statement.Resource?.some(matchesEveryRole)) {
      findings.push(
        draft("security-warning", CODES[how].star, `This statement allows ${HOW[how]} on every role, so its holder can pass any role (even an administrator role) to a service. Name the role ARNs in Resource or add an iam:PassedToService condition.`, [...source.path, "Resource"]),
      );
    } else if (statement.NotResource) {
      findings.push(
        draft("security-warning", CODES[how].not, `This statement allows ${HOW[how]} on every role not listed in NotResource. Name the role ARNs in Resource or add an iam:PassedToService condition.`, [...source.path, "NotResource"]),
      );
    }
  });
  return findings;
};

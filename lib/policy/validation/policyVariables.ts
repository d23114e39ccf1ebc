// Policy variables (`${aws:username}`) are substituted per request, but only in Resource and in
// Condition values, only with Version 2012-10-17, and only where the operator compares text.
// Elsewhere they are rejected, or silently compared as the literal text "${aws:username}".

import { isParsedOperator, parseOperator } from "../conditionOperator";
import { draft, type DraftFinding, type PathSegment } from "../grammar/draft";
import { conditionPath, elementPath } from "../grammar/reading";
import { POLICY_VERSION_2012 } from "../types";
import { forEachStatement, type PolicyCheck } from "./context";

/** The first malformed variable in `text` (missing `}` or empty `${}`), if any. */
function variableSyntaxProblem(text: string): { code: string; message: string } | undefined {
  for (let open = text.indexOf("${"); open >= 0; open = text.indexOf("${", open + 2)) {
    const close = text.indexOf("}", open + 2);
    if (close < 0) {
      return { code: "MISSING_BRACE_IN_VARIABLE", message: `The policy variable in "${text}" has no closing brace. Write it as \${name}.` };
    }
    if (text.slice(open + 2, close).trim() === "") {
      return { code: "EMPTY_VARIABLE", message: `"${text}" contains an empty policy variable \${}. Name a variable such as \${aws:username}.` };
    }
  }
  return undefined;
}

// Operators whose values are text to compare, where a substituted variable makes sense.
const VARIABLE_FAMILIES = new Set(["String", "Arn"]);

export const checkPolicyVariables: PolicyCheck = ({ reading }) => {
  const findings: DraftFinding[] = [];
  const { document } = reading;
  // An invalid Version is reported by the grammar; only a missing or old one makes variables literal.
  const literalVersion =
    document.Version === "2008-10-17" || reading.findings.some((f) => f.code === "MISSING_VERSION");
  const versionNote = document.Version === "2008-10-17" ? 'Version "2008-10-17"' : "a policy without a Version";

  const checkSubstituted = (text: string, path: PathSegment[]) => {
    if (!text.includes("${")) return;
    const syntax = variableSyntaxProblem(text);
    if (syntax) findings.push(draft("error", syntax.code, syntax.message, path));
    else if (literalVersion) {
      findings.push(
        draft("warning", "VARIABLE_UNSUPPORTED_IN_VERSION", `In ${versionNote}, "${text}" is compared as literal text, not as a policy variable. Add "Version": "${POLICY_VERSION_2012}".`, path),
      );
    }
  };

  forEachStatement(reading, (statement, source) => {
    for (const element of ["Action", "NotAction"] as const) {
      statement[element]?.forEach((action, i) => {
        if (!action.includes("${")) return;
        findings.push(
          draft("error", "VARIABLE_UNSUPPORTED_IN_ELEMENT", `Policy variables are not allowed in ${element} ("${action}"). Use them only in Resource and in Condition values.`, elementPath(source, element, i)),
        );
      });
    }
    for (const element of ["Principal", "NotPrincipal"] as const) {
      const block = statement[element];
      if (!block || block === "*") continue;
      for (const [type, ids] of Object.entries(block)) {
        ids.forEach((id, i) => {
          if (!id.includes("${")) return;
          findings.push(
            draft("error", "VARIABLE_UNSUPPORTED_IN_ELEMENT", `Policy variables are not allowed in ${element} ("${id}"). Name the principal explicitly.`, elementPath(source, `${element}.${type}`, i)),
          );
        });
      }
    }
    for (const element of ["Resource", "NotResource"] as const) {
      statement[element]?.forEach((resource, i) => checkSubstituted(resource, elementPath(source, element, i)));
    }
    statement.Condition?.forEach((entry, e) => {
      const parsed = parseOperator(entry.operator);
      entry.values.forEach((value, v) => {
        if (!value.includes("${")) return;
        const path = conditionPath(source, e, entry, v);
        if (isParsedOperator(parsed) && !VARIABLE_FAMILIES.has(parsed.base.family)) {
          findings.push(
            draft("error", "INVALID_VARIABLE_FOR_OPERATOR", `Policy variables can be used only with String and Arn operators, not with ${entry.operator} ("${value}"). Use a literal value.`, path),
          );
          return;
        }
        checkSubstituted(value, path);
      });
    });
  });
  return findings;
};

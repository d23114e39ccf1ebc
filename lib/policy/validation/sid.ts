// Statement IDs: IAM accepts only ASCII letters and digits in a Sid ("The Sid element supports
// uppercase letters, lowercase letters, and numbers"), and "In IAM, the Sid value must be unique
// within a JSON policy". IAM refuses to store a policy whose Sids repeat, whatever its kind, so the
// case reader (cases.ts) applies checkUniqueSids too.

import { draft, type DraftFinding } from "../grammar/draft";
import { forEachStatement, type PolicyCheck } from "./context";

function isAlphanumeric(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

/** A Sid used by an earlier statement of the same policy is an error, for every kind of policy. */
export const checkUniqueSids: PolicyCheck = ({ reading }) => {
  const findings: DraftFinding[] = [];
  const seen = new Set<string>();
  forEachStatement(reading, (statement, source) => {
    const sid = statement.Sid;
    if (sid === undefined || sid === "") return;
    if (seen.has(sid)) {
      findings.push(
        draft("error", "UNIQUE_SIDS_REQUIRED", `Sid "${sid}" is used by an earlier statement; Sids must be unique within a policy. Rename one of them.`, [...source.path, "Sid"]),
      );
    }
    seen.add(sid);
  });
  return findings;
};

export const checkSids: PolicyCheck = (input) => {
  const findings: DraftFinding[] = [];
  forEachStatement(input.reading, (statement, source) => {
    const sid = statement.Sid;
    if (sid === undefined || sid === "" || isAlphanumeric(sid)) return;
    findings.push(
      draft("error", "UNSUPPORTED_SID", `Sid "${sid}" may contain only letters and digits (A-Z, a-z, 0-9). Remove spaces, hyphens and other characters.`, [...source.path, "Sid"]),
    );
  });
  return [...findings, ...checkUniqueSids(input)];
};

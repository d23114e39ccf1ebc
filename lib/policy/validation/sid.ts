// Statement IDs: IAM accepts only ASCII letters and digits in a Sid, and within one policy each
// Sid must be unique (resource-based policies of some services tolerate repeats, so there it is a
// warning).

import { draft, type DraftFinding } from "../grammar/draft";
import { forEachStatement, type PolicyCheck } from "./context";

function isAlphanumeric(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

export const checkSids: PolicyCheck = ({ reading, kind }) => {
  const findings: DraftFinding[] = [];
  const seen = new Set<string>();
  forEachStatement(reading, (statement, source) => {
    const sid = statement.Sid;
    if (sid === undefined || sid === "") return;
    const path = [...source.path, "Sid"];
    if (!isAlphanumeric(sid)) {
      findings.push(
        draft("error", "UNSUPPORTED_SID", `Sid "${sid}" may contain only letters and digits (A-Z, a-z, 0-9). Remove spaces, hyphens and other characters.`, path),
      );
    }
    if (seen.has(sid)) {
      findings.push(
        kind === "resource"
          ? draft("warning", "UNIQUE_SIDS_RECOMMENDED", `Sid "${sid}" is used by an earlier statement. Give each statement its own Sid.`, path)
          : draft("error", "UNIQUE_SIDS_REQUIRED", `Sid "${sid}" is used by an earlier statement; Sids must be unique within a policy. Rename one of them.`, path),
      );
    }
    seen.add(sid);
  });
  return findings;
};

// Reading a whole policy value: the top-level elements and each statement, in IAM's grammar.

import { POLICY_VERSION_2012 } from "../types";
import { draft, isPlainObject, jsonType, type DraftFinding } from "./draft";
import type { DraftDocument, PolicyReading, StatementSource } from "./reading";
import { closestElement, readStatement } from "./statement";

const TOP_LEVEL_ELEMENTS = ["Version", "Id", "Statement"] as const;
const VERSIONS = new Set([POLICY_VERSION_2012, "2008-10-17"]);

export function readDocument(value: unknown): PolicyReading {
  const findings: DraftFinding[] = [];
  const document: DraftDocument = { Statement: [] };
  const sources: StatementSource[] = [];
  const reading: PolicyReading = { document, sources, findings };
  if (!isPlainObject(value)) {
    findings.push(draft("error", "DATA_TYPE_MISMATCH", `A policy must be a JSON object, not ${jsonType(value)}.`, []));
    return reading;
  }
  for (const name of Object.keys(value)) {
    if ((TOP_LEVEL_ELEMENTS as readonly string[]).includes(name)) continue;
    const meant = closestElement(name, TOP_LEVEL_ELEMENTS);
    const hint = meant
      ? ` Did you mean "${meant}"? Element names are case-sensitive.`
      : ' A policy may contain only "Version", "Id" and "Statement"; statement elements belong inside "Statement".';
    findings.push(draft("error", "INVALID_POLICY_ELEMENT", `"${name}" is not a policy element.${hint}`, [name], "key"));
  }

  if (!("Version" in value)) {
    findings.push(
      draft("warning", "MISSING_VERSION", `Add "Version": "${POLICY_VERSION_2012}". Without it IAM uses 2008-10-17, where policy variables such as \${aws:username} are plain text.`, []),
    );
  } else if (typeof value.Version !== "string") {
    findings.push(draft("error", "DATA_TYPE_MISMATCH", `Version must be a string, not ${jsonType(value.Version)}.`, ["Version"]));
  } else if (!VERSIONS.has(value.Version)) {
    findings.push(
      draft("error", "INVALID_VERSION", `Version "${value.Version}" is not valid: use "${POLICY_VERSION_2012}" (or the older "2008-10-17").`, ["Version"]),
    );
  } else document.Version = value.Version;

  if ("Id" in value) {
    if (typeof value.Id === "string") document.Id = value.Id;
    else findings.push(draft("error", "DATA_TYPE_MISMATCH", `Id must be a string, not ${jsonType(value.Id)}.`, ["Id"]));
  }

  const statement = value.Statement;
  if (!("Statement" in value)) {
    findings.push(draft("error", "MISSING_STATEMENT", 'Add a "Statement" element: an array of statements (or a single statement object).', []));
  } else if (Array.isArray(statement)) {
    if (statement.length === 0) {
      findings.push(
        draft("warning", "EMPTY_ARRAY_STATEMENT", "Statement is an empty array, so this policy grants and denies nothing. Add statements.", ["Statement"]),
      );
    }
    statement.forEach((item, i) => {
      const read = readStatement(item, ["Statement", i], findings);
      document.Statement.push(read.statement);
      sources.push(read.source);
    });
  } else if (isPlainObject(statement)) {
    const read = readStatement(statement, ["Statement"], findings);
    document.Statement.push(read.statement);
    sources.push(read.source);
  } else {
    findings.push(
      draft("error", "DATA_TYPE_MISMATCH", `Statement must be an array of statements or a single statement object, not ${jsonType(statement)}.`, ["Statement"]),
    );
  }
  return reading;
}

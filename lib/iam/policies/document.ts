// Checking a policy document before it is stored: the engine's validatePolicy for an identity-based
// policy in the container it will live in (each has its own size quota). Only findings of severity
// "error" refuse the document; warnings and suggestions are the editor's to show, and the stored text
// is exactly what the caller wrote (AWS keeps the author's layout too).

import { validatePolicy, type Finding } from "@/lib/policy";
import { IamError } from "../core/errors";

/** Where an identity-based policy is stored, which decides its size quota (characters without white space). */
export type IdentityPolicyContainer = "managed" | "user-inline" | "group-inline" | "role-inline";

function position(finding: Finding): string {
  // A JSON syntax error's sentence already starts with its line ("Line 3: add a comma after …").
  if (finding.line === undefined || finding.message.startsWith(`Line ${finding.line}:`)) return "";
  return finding.column === undefined ? ` (line ${finding.line})` : ` (line ${finding.line}, column ${finding.column})`;
}

/** The first error, where it is, and how many more there are: enough to find and fix each in turn. */
export function malformedPolicyDocument(errors: readonly Finding[]): IamError {
  const [first, ...rest] = errors;
  // The position goes inside the sentence: "Statement 1 has no Effect (line 4, column 9)."
  const message = first!.message.replace(/[.\s]+$/, "");
  const more = rest.length === 0 ? "" : ` There ${rest.length === 1 ? "is 1 more error" : `are ${rest.length} more errors`} in this document.`;
  return new IamError("MalformedPolicyDocument", `${message}${position(first!)}.${more}`);
}

/** Throws MalformedPolicyDocument unless the document has no error findings for this container. */
export function requireValidPolicyDocument(text: string, container: IdentityPolicyContainer): void {
  const errors = validatePolicy(text, { kind: "identity", container }).filter((f) => f.severity === "error");
  if (errors.length > 0) throw malformedPolicyDocument(errors);
}

/** Characters that count towards IAM's policy size quotas: all but spaces, tabs and line breaks. */
export function policySize(text: string): number {
  return text.replace(/[ \t\r\n]/g, "").length;
}

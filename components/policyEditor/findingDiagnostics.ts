// Findings as CodeMirror lint diagnostics. CodeMirror knows four severities; a security warning
// becomes a "warning" whose mark class gives it its own orange underline.

import type { Diagnostic } from "@codemirror/lint";
import type { Finding, Severity } from "@/lib/policy";
import { findingRange } from "./findingRange";

const CODEMIRROR_SEVERITY: Readonly<Record<Severity, Diagnostic["severity"]>> = {
  error: "error",
  "security-warning": "warning",
  warning: "warning",
  suggestion: "info",
};

/** The CSS class that colours a finding's underline; styled in editorTheme.ts. */
export function findingMarkClass(severity: Severity): string {
  return `cm-finding-${severity}`;
}

export function findingDiagnostics(text: string, findings: readonly Finding[]): Diagnostic[] {
  return findings.map((finding) => {
    const { from, to } = findingRange(text, finding.line, finding.column);
    return {
      from,
      to,
      severity: CODEMIRROR_SEVERITY[finding.severity],
      markClass: findingMarkClass(finding.severity),
      source: finding.code,
      message: finding.message,
    };
  });
}

"use client";

import type { Finding } from "@/lib/policy";
import { SEVERITY_BADGES, SEVERITY_LABELS, SEVERITY_ORDER } from "./severity";

/** Where a finding is in the JSON text: what the JSON view's cursor shows. */
function textPosition(finding: Finding): string {
  return `Ln ${finding.line ?? 1}, Col ${finding.column ?? 1}`;
}

/**
 * Every finding of the policy under the editor, most severe first, as IAM Access Analyzer lists
 * them. Each row is a button, so a click or Enter takes the cursor to the finding. The summary is
 * a polite live region so screen-reader users hear when findings come and go. `locate` says where a
 * finding is in words the current view shows ("Statement 2 (Sid AllowS3) · Resource" in the visual
 * editor); without it, the line and column of the JSON.
 */
export function FindingsPanel({
  findings,
  onSelect,
  locate = textPosition,
}: {
  findings: readonly Finding[];
  onSelect?: (finding: Finding) => void;
  locate?: (finding: Finding) => string;
}) {
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const counts = SEVERITY_ORDER.map((severity) => ({ severity, count: findings.filter((f) => f.severity === severity).length })).filter((c) => c.count > 0);
  return (
    <section aria-label="Policy findings" data-testid="policy-findings" className="rounded-md border border-slate-200 bg-white">
      <h3 className="border-b border-slate-200 px-3 py-2 text-sm font-semibold text-slate-900">
        Findings{" "}
        <span role="status" aria-live="polite" className="font-normal text-slate-600">
          {counts.length === 0
            ? "(none: the policy passes every check)"
            : `(${counts.map((c) => `${c.count} ${SEVERITY_LABELS[c.severity].toLowerCase()}${c.count === 1 ? "" : "s"}`).join(", ")})`}
        </span>
      </h3>
      {sorted.length > 0 && (
        <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto">
          {sorted.map((finding, index) => (
            <li key={`${finding.code}-${finding.path}-${index}`} data-testid="policy-finding" data-severity={finding.severity}>
              <button
                type="button"
                onClick={onSelect ? () => onSelect(finding) : undefined}
                disabled={!onSelect}
                className="flex w-full flex-wrap items-baseline gap-x-2 gap-y-1 px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600 disabled:cursor-default"
              >
                <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${SEVERITY_BADGES[finding.severity]}`}>
                  {SEVERITY_LABELS[finding.severity]}
                </span>
                <code className="text-xs font-medium text-slate-700">{finding.code}</code>
                <span className="shrink-0 text-xs text-slate-500" data-testid="policy-finding-location">
                  {locate(finding)}
                </span>
                <span className="basis-full text-slate-800">{finding.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

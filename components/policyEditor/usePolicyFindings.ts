"use client";

// Validation as you type: findings for the current text, recomputed 150 ms after the last change
// so typing stays smooth on long policies. The first render validates at once, so a Save button
// starts out correctly enabled or disabled.

import { useEffect, useState } from "react";
import { validatePolicy, type Finding, type PolicyContainer, type PolicyKind } from "@/lib/policy";

export const VALIDATION_DELAY_MS = 150;

export interface PolicyFindings {
  /** The text these findings were computed for; it lags the editor by up to the debounce delay. */
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly hasErrors: boolean;
}

function validate(text: string, kind: PolicyKind, container: PolicyContainer): PolicyFindings {
  const findings = validatePolicy(text, { kind, container });
  return { text, findings, hasErrors: findings.some((finding) => finding.severity === "error") };
}

export function usePolicyFindings(text: string, kind: PolicyKind, container: PolicyContainer): PolicyFindings {
  const [result, setResult] = useState(() => validate(text, kind, container));
  useEffect(() => {
    const timer = setTimeout(() => setResult(validate(text, kind, container)), VALIDATION_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, kind, container]);
  return result;
}

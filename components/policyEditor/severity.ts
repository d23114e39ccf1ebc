// How each finding severity looks and reads, shared by the underline in the editor and the
// findings panel: error red, security warning orange, warning amber, suggestion blue.

import type { Severity } from "@/lib/policy";

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  error: "Error",
  "security-warning": "Security warning",
  warning: "Warning",
  suggestion: "Suggestion",
};

/** Badge classes for the findings panel; text and background meet WCAG AA contrast. */
export const SEVERITY_BADGES: Readonly<Record<Severity, string>> = {
  error: "bg-red-100 text-red-800 ring-red-300",
  "security-warning": "bg-orange-100 text-orange-800 ring-orange-300",
  warning: "bg-amber-100 text-amber-900 ring-amber-300",
  suggestion: "bg-blue-100 text-blue-800 ring-blue-300",
};

/** Underline colours in the editor (Tailwind's red-600, orange-600, amber-500, blue-600). */
export const SEVERITY_COLOURS: Readonly<Record<Severity, string>> = {
  error: "#dc2626",
  "security-warning": "#ea580c",
  warning: "#f59e0b",
  suggestion: "#2563eb",
};

export const SEVERITY_ORDER: readonly Severity[] = ["error", "security-warning", "warning", "suggestion"];

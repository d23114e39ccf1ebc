// The JSON editor's look: console fonts, gutters, and one underline colour per finding severity.

import { EditorView } from "@codemirror/view";
import type { Severity } from "@/lib/policy";
import { findingMarkClass } from "./findingDiagnostics";
import { SEVERITY_COLOURS } from "./severity";

const underlines = Object.fromEntries(
  (Object.keys(SEVERITY_COLOURS) as Severity[]).map((severity) => [
    `.cm-lintRange.${findingMarkClass(severity)}`,
    {
      backgroundImage: "none",
      textDecoration: `underline wavy ${SEVERITY_COLOURS[severity]}`,
      textDecorationSkipInk: "none",
      textUnderlineOffset: "3px",
      paddingBottom: "0",
    },
  ]),
);

export const policyEditorTheme = EditorView.theme({
  "&": { fontSize: "13px", backgroundColor: "#ffffff", borderRadius: "0.375rem" },
  // The focus ring is drawn by the surrounding box (focus-within), which is not clipped by its rounding.
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.55" },
  ".cm-content": { minHeight: "16rem", paddingBlock: "0.5rem" },
  ".cm-gutters": { backgroundColor: "#f8fafc", color: "#64748b", borderRight: "1px solid #e2e8f0" },
  ".cm-activeLine": { backgroundColor: "#f1f5f9" },
  ".cm-activeLineGutter": { backgroundColor: "#e2e8f0", color: "#0f172a" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "#bfdbfe", outline: "1px solid #60a5fa" },
  ...underlines,
});

// The JSON editor's look: console fonts, gutters, and one underline colour per finding severity.
// Colours are the console's palette variables (app/darkPalette.css), so the editor follows the theme.

import { HighlightStyle } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import { tags } from "@lezer/highlight";
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
  "&": { fontSize: "13px", backgroundColor: "var(--color-white)", color: "var(--color-slate-900)", borderRadius: "0.375rem" },
  // The focus ring is drawn by the surrounding box (focus-within), which is not clipped by its rounding.
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.55" },
  ".cm-content": { minHeight: "16rem", paddingBlock: "0.5rem" },
  ".cm-gutters": { backgroundColor: "var(--color-slate-50)", color: "var(--color-slate-600)", borderRight: "1px solid var(--color-slate-200)" },
  ".cm-activeLine": { backgroundColor: "var(--color-slate-100)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--color-slate-200)", color: "var(--color-slate-900)" },
  // CodeMirror's own cursor and selection colours are for a light page only.
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--color-slate-900)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection": {
    backgroundColor: "var(--color-blue-200)",
  },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "var(--color-blue-200)", outline: "1px solid var(--color-blue-400)" },
  ...underlines,
});

/** JSON highlighting in palette colours that keep AA contrast in either theme (CodeMirror's default is for light only). */
export const policyHighlightStyle = HighlightStyle.define([
  { tag: tags.propertyName, color: "var(--color-blue-800)" },
  { tag: tags.string, color: "var(--color-red-800)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--color-emerald-800)" },
  { tag: tags.invalid, color: "var(--color-red-700)", textDecoration: "underline" },
]);

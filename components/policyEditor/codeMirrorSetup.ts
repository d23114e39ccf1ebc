// The CodeMirror extensions of the JSON policy editor: JSON highlighting, line numbers, bracket
// matching, undo/redo and the lint gutter. Tab is left to the browser (no indentWithTab) so keyboard
// users can leave the editor; Tab-free indentation comes from Enter and the Format button.

import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { bracketMatching, foldGutter, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, lintKeymap } from "@codemirror/lint";
import { type Extension } from "@codemirror/state";
import {
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { policyEditorTheme, policyHighlightStyle } from "./editorTheme";

export function policyEditorExtensions(): Extension[] {
  return [
    lineNumbers(),
    foldGutter(),
    lintGutter(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    json(),
    syntaxHighlighting(policyHighlightStyle),
    keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
    policyEditorTheme,
  ];
}

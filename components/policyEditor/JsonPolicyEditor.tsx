"use client";

import { setDiagnostics } from "@codemirror/lint";
import { Compartment, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { useEffect, useImperativeHandle, useRef, type Ref } from "react";
import type { Finding, PolicyContainer, PolicyKind } from "@/lib/policy";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { CharacterCount } from "./CharacterCount";
import { policyEditorExtensions } from "./codeMirrorSetup";
import { FindingsPanel } from "./FindingsPanel";
import { findingDiagnostics } from "./findingDiagnostics";
import { findingRange } from "./findingRange";
import { formatPolicyText } from "./formatPolicy";
import { usePolicyFindings } from "./usePolicyFindings";

export interface JsonPolicyEditorHandle {
  /** Puts the cursor on a finding and focuses the editor. */
  revealFinding(finding: Finding): void;
}

export interface JsonPolicyEditorProps {
  value: string;
  onChange: (text: string) => void;
  kind: PolicyKind;
  container: PolicyContainer;
  /** The editor's accessible name ("Policy document"). */
  label: string;
  readOnly?: boolean;
  /** Called whenever the presence of error-severity findings changes, e.g. to disable Save. */
  onHasErrorsChange?: (hasErrors: boolean) => void;
  /** When set, the text is also submitted with the surrounding form under this name. */
  name?: string;
  ref?: Ref<JsonPolicyEditorHandle>;
}

function editorAttributes(label: string, readOnly: boolean) {
  return [
    EditorView.contentAttributes.of({ "aria-label": label, "data-testid": "policy-json-editor-content" }),
    EditorState.readOnly.of(readOnly),
    EditorView.editable.of(!readOnly),
  ];
}

/** A CodeMirror JSON editor for a policy document, validating as you type like the AWS console's. */
export function JsonPolicyEditor({ value, onChange, kind, container, label, readOnly = false, onHasErrorsChange, name, ref }: JsonPolicyEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const attributes = useRef(new Compartment());
  // The latest onChange, read by the long-lived update listener without re-creating the editor.
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const { text: checkedText, findings, hasErrors } = usePolicyFindings(value, kind, container);

  useEffect(() => {
    if (!host.current) return;
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          policyEditorExtensions(),
          attributes.current.of(editorAttributes(label, readOnly)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // The editor is created once; value, label and readOnly changes are applied by the effects below.
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: attributes.current.reconfigure(editorAttributes(label, readOnly)) });
  }, [label, readOnly]);

  // A value set from outside (Format, the visual editor, a reset) replaces the text; the editor's
  // own edits arrive here equal to the document and are skipped, keeping undo history intact.
  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== value) {
      current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    const current = view.current;
    if (!current || current.state.doc.toString() !== checkedText) return;
    current.dispatch(setDiagnostics(current.state, findingDiagnostics(checkedText, findings)));
  }, [checkedText, findings]);

  useEffect(() => {
    onHasErrorsChange?.(hasErrors);
  }, [hasErrors, onHasErrorsChange]);

  const revealFinding = (finding: Finding) => {
    const current = view.current;
    if (!current) return;
    const { from } = findingRange(current.state.doc.toString(), finding.line, finding.column);
    current.dispatch({ selection: { anchor: from }, scrollIntoView: true });
    current.focus();
  };
  useImperativeHandle(ref, () => ({ revealFinding }));

  const formatted = formatPolicyText(value);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CharacterCount text={value} container={container} />
        {!readOnly && (
          <button
            type="button"
            className={buttonStyles.secondary}
            data-testid="policy-format"
            disabled={formatted === undefined || formatted === value}
            title={formatted === undefined ? "Fix the JSON syntax first" : undefined}
            onClick={() => formatted !== undefined && onChange(formatted)}
          >
            Format
          </button>
        )}
      </div>
      <div ref={host} data-testid="policy-json-editor" className="rounded-md border border-slate-300 shadow-sm focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-blue-600" />
      {name && <input type="hidden" name={name} value={value} />}
      <FindingsPanel findings={findings} onSelect={revealFinding} />
    </div>
  );
}

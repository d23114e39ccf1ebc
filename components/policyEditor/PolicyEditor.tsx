"use client";

import { useEffect, useId, useRef, useState } from "react";
import { jsonSyntaxProblem, parseJson, type Finding, type PolicyContainer, type PolicyKind } from "@/lib/policy";
import { CharacterCount } from "./CharacterCount";
import { serialiseDocument } from "./documentModel";
import { FindingsPanel } from "./FindingsPanel";
import { JsonPolicyEditor, type JsonPolicyEditorHandle } from "./JsonPolicyEditor";
import { PolicyEditorTabs, tabIds, type EditorTab } from "./PolicyEditorTabs";
import { revealVisualField } from "./revealVisualField";
import { usePolicyFindings } from "./usePolicyFindings";
import { visualFindingTarget } from "./visualFindingTarget";
import { VisualPolicyEditor } from "./VisualPolicyEditor";

export interface PolicyEditorProps {
  /** The policy document text. */
  value: string;
  onChange: (text: string) => void;
  kind: PolicyKind;
  container: PolicyContainer;
  /** Accessible name of the JSON editor; "Policy document" unless given. */
  label?: string;
  /** Called whenever the presence of error-severity findings changes, e.g. to disable Save. */
  onHasErrorsChange?: (hasErrors: boolean) => void;
  /** Which tab opens first; JSON for documents the visual editor cannot open. */
  initialTab?: EditorTab;
  /** When set, the text is also submitted with the surrounding form under this name. */
  name?: string;
}

type Opened = { readonly ok: true; readonly document: unknown } | { readonly ok: false; readonly reason: string };

function openInVisual(text: string): Opened {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return { ok: false, reason: `The visual editor needs valid JSON. ${jsonSyntaxProblem(text, parsed.error).message}` };
  }
  if (parsed.json.duplicateKeys.length > 0) {
    const duplicate = parsed.json.duplicateKeys[0];
    return { ok: false, reason: `The visual editor cannot open a document with the key "${duplicate?.key}" written twice (line ${duplicate?.position.line}); fix it in JSON.` };
  }
  return { ok: true, document: parsed.json.value };
}

/** The policy editor of the console: Visual and JSON tabs over one document, validated as you type. */
export function PolicyEditor({ value, onChange, kind, container, label = "Policy document", onHasErrorsChange, initialTab = "visual", name }: PolicyEditorProps) {
  const [tab, setTab] = useState<EditorTab>(() => (initialTab === "visual" && openInVisual(value).ok ? "visual" : "json"));
  const [visualDocument, setVisualDocument] = useState<unknown>(() => (openInVisual(value) as { document?: unknown }).document);
  const [notice, setNotice] = useState<string>();
  const [pendingFinding, setPendingFinding] = useState<Finding>();
  const idPrefix = useId();
  const jsonEditor = useRef<JsonPolicyEditorHandle>(null);
  const visualEditor = useRef<HTMLDivElement>(null);
  const { findings, hasErrors } = usePolicyFindings(value, kind, container);

  useEffect(() => {
    onHasErrorsChange?.(hasErrors);
  }, [hasErrors, onHasErrorsChange]);

  // The reason the visual tab would not open is stale once the text changes.
  useEffect(() => setNotice(undefined), [value]);

  useEffect(() => {
    if (tab === "json" && pendingFinding && jsonEditor.current) {
      jsonEditor.current.revealFinding(pendingFinding);
      setPendingFinding(undefined);
    }
  }, [tab, pendingFinding]);

  const select = (next: EditorTab) => {
    if (next === tab) return;
    if (next === "visual") {
      const opened = openInVisual(value);
      if (!opened.ok) {
        setNotice(opened.reason);
        return;
      }
      setVisualDocument(opened.document);
    }
    setNotice(undefined);
    setTab(next);
  };

  return (
    <div className="flex flex-col gap-3" data-testid="policy-editor">
      <PolicyEditorTabs current={tab} onSelect={select} idPrefix={idPrefix} />
      <p role="status" aria-live="polite" data-testid="policy-editor-notice" className={notice ? "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" : "sr-only"}>
        {notice}
      </p>
      <div role="tabpanel" id={tabIds(idPrefix, tab).panel} aria-labelledby={tabIds(idPrefix, tab).tab}>
        {tab === "json" ? (
          <JsonPolicyEditor ref={jsonEditor} value={value} onChange={onChange} kind={kind} container={container} label={label} />
        ) : (
          <div className="flex flex-col gap-3" ref={visualEditor}>
            <VisualPolicyEditor
              document={visualDocument}
              onChange={(document) => {
                setVisualDocument(document);
                onChange(serialiseDocument(document));
              }}
            />
            <CharacterCount text={value} container={container} />
            <FindingsPanel
              findings={findings}
              locate={(finding) => visualFindingTarget(finding, visualDocument).label}
              onSelect={(finding) => {
                // A finding with no field on the cards (the Version, a syntax error) is shown in the JSON.
                if (revealVisualField(visualEditor.current, visualFindingTarget(finding, visualDocument))) return;
                setPendingFinding(finding);
                setTab("json");
              }}
            />
          </div>
        )}
      </div>
      {name && <input type="hidden" name={name} value={value} />}
    </div>
  );
}

"use client";

import { useRef, useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { fromVisualDocument, replaceStatement, toVisualDocument } from "./documentModel";
import { StatementCard } from "./StatementCard";
import { UnsupportedStatementCard } from "./UnsupportedStatementCard";
import { emptyStatement, type VisualDocument } from "./visualModel";

export interface VisualPolicyEditorProps {
  /** The parsed policy document (a JSON value). */
  document: unknown;
  /** The edited document, ready for JSON.stringify; statements the editor cannot show are passed through unchanged. */
  onChange: (document: Record<string, unknown>) => void;
}

/**
 * The visual policy editor: statements as cards. It keeps its own model (stable row identities,
 * half-typed values) and re-reads `document` only when the parent passes one it did not emit.
 */
export function VisualPolicyEditor({ document, onChange }: VisualPolicyEditorProps) {
  const emitted = useRef<unknown>(undefined);
  const [state, setState] = useState(() => ({ from: document, result: toVisualDocument(document) }));
  let current = state;
  if (document !== state.from && document !== emitted.current) {
    current = { from: document, result: toVisualDocument(document) };
    setState(current);
  }
  const { result } = current;
  if (!result.ok) {
    return <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{result.reason} Edit the policy in JSON.</p>;
  }
  const model = result.model;
  const update = (next: VisualDocument) => {
    const value = fromVisualDocument(next);
    emitted.current = value;
    setState({ from: value, result: { ok: true, model: next } });
    onChange(value);
  };

  return (
    // Enter in a text field must not submit the page's form (Create policy) from inside the editor.
    <div
      className="flex flex-col gap-4"
      data-testid="policy-visual-editor"
      onKeyDown={(event) => {
        if (event.key === "Enter" && event.target instanceof HTMLInputElement && event.target.type !== "checkbox" && event.target.type !== "radio") {
          event.preventDefault();
        }
      }}
    >
      {model.statements.length === 0 && <p className="text-sm text-slate-600">This policy has no statements yet. Add one to grant or deny permissions.</p>}
      {model.statements.map((statement, index) =>
        statement.kind === "visual" ? (
          <StatementCard
            key={statement.id}
            statement={statement}
            index={index}
            onChange={(next) => update(replaceStatement(model, statement.id, next))}
            onRemove={() => update(replaceStatement(model, statement.id, undefined))}
          />
        ) : (
          <UnsupportedStatementCard key={statement.id} statement={statement} index={index} onRemove={() => update(replaceStatement(model, statement.id, undefined))} />
        ),
      )}
      <button type="button" className={`${buttonStyles.secondary} self-start`} onClick={() => update({ ...model, statements: [...model.statements, emptyStatement()] })} data-testid="policy-add-statement">
        Add statement
      </button>
    </div>
  );
}

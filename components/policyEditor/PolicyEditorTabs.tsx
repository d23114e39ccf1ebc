"use client";

import { useRef } from "react";

export type EditorTab = "visual" | "json";

const TABS: readonly { id: EditorTab; label: string }[] = [
  { id: "visual", label: "Visual" },
  { id: "json", label: "JSON" },
];

/** The Visual / JSON switch: an ARIA tablist, arrow keys move between the two tabs. */
/** Element ids of a tab and its panel; `prefix` keeps two editors on one page apart. */
export function tabIds(prefix: string, tab: EditorTab) {
  return { tab: `${prefix}-tab-${tab}`, panel: `${prefix}-panel-${tab}` };
}

export function PolicyEditorTabs({ current, onSelect, idPrefix }: { current: EditorTab; onSelect: (tab: EditorTab) => void; idPrefix: string }) {
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const move = (from: EditorTab, step: number) => {
    const index = (TABS.findIndex((tab) => tab.id === from) + step + TABS.length) % TABS.length;
    const next = TABS[index];
    if (!next) return;
    onSelect(next.id);
    buttons.current[next.id]?.focus();
  };
  return (
    <div role="tablist" aria-label="Policy editor" className="flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => {
        const open = tab.id === current;
        return (
          <button
            key={tab.id}
            ref={(element) => {
              buttons.current[tab.id] = element;
            }}
            type="button"
            role="tab"
            id={tabIds(idPrefix, tab.id).tab}
            aria-selected={open}
            aria-controls={tabIds(idPrefix, tab.id).panel}
            tabIndex={open ? 0 : -1}
            data-testid={`policy-editor-tab-${tab.id}`}
            onClick={() => onSelect(tab.id)}
            onKeyDown={(event) => {
              if (event.key === "ArrowRight") move(tab.id, 1);
              else if (event.key === "ArrowLeft") move(tab.id, -1);
            }}
            className={
              "-mb-px rounded-t-md border-b-2 px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600 " +
              (open ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900")
            }
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { plural } from "@/components/text/plural";
import { matchingPages } from "./consolePages";
import { ENTITY_KINDS, KIND_HEADINGS, type ConsoleSearch, type EntityKind } from "./paletteSearch";
import { usePaletteSearch, type PaletteSearchState } from "./usePaletteSearch";

interface Option {
  readonly id: string;
  readonly name: string;
  readonly detail?: string;
  readonly href: string;
}

interface OptionGroup {
  /** "pages" or the entity kind: the group's ID (headings have spaces, which ID references cannot). */
  readonly key: string;
  readonly heading: string;
  readonly options: readonly Option[];
}

/** The list pages' own name filter, for "all matches" when the palette shows only the first few. */
const LIST_PAGES: Readonly<Record<EntityKind, string>> = { users: "/users", groups: "/groups", roles: "/roles", policies: "/policies" };

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "Users, user groups and policies" for the kinds that were not searched. */
function kindList(kinds: readonly EntityKind[]): string {
  const names = kinds.map((kind, i) => (i === 0 ? KIND_HEADINGS[kind] : lowerFirst(KIND_HEADINGS[kind])));
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function optionGroups(idPrefix: string, text: string, isIamUser: boolean, search: PaletteSearchState): OptionGroup[] {
  const pages = matchingPages(text, isIamUser).map((page) => ({ id: `${idPrefix}-page-${page.href}`, name: page.label, href: page.href }));
  const groups: OptionGroup[] = pages.length ? [{ key: "pages", heading: "Pages", options: pages }] : [];
  if (search.state !== "done") return groups;
  for (const kind of ENTITY_KINDS) {
    const found = search.matches.find((m) => m.kind === kind);
    if (!found || "unlisted" in found || found.entities.length === 0) continue;
    const options: Option[] = found.entities.map((entity) => ({ id: `${idPrefix}-${kind}-${entity.href}`, ...entity }));
    if (found.more) {
      const filter = text.trim();
      options.push({ id: `${idPrefix}-${kind}-all`, name: `All ${lowerFirst(KIND_HEADINGS[kind])} containing “${filter}”`, href: `${LIST_PAGES[kind]}?filter=${encodeURIComponent(filter)}` });
    }
    groups.push({ key: kind, heading: KIND_HEADINGS[kind], options });
  }
  return groups;
}

function statusText(count: number, search: PaletteSearchState): string {
  if (search.state === "searching") return count ? `${plural(count, "result")} so far; searching…` : "Searching…";
  if (search.state === "failed") return `${count ? plural(count, "result") : "No matches"}; the search for users, user groups and policies did not reach the server.`;
  return count ? plural(count, "result") : "No matches";
}

/**
 * The command palette (Ctrl/⌘-K): a modal dialog with a combobox that filters the console's pages
 * at once and searches users, groups and policies by name on the server as the person types.
 * Arrow keys move through the results (wrapping), Enter opens one, Escape closes the dialog; the
 * focus stays on the search box throughout (aria-activedescendant points at the chosen result).
 */
export function CommandPalette({ onClose, search, isIamUser }: { onClose: () => void; search: ConsoleSearch; isIamUser: boolean }) {
  const router = useRouter();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [chosenId, setChosenId] = useState<string>();
  const searched = usePaletteSearch(search, text);

  const groups = optionGroups(id, text, isIamUser, searched);
  const options = groups.flatMap((group) => group.options);
  // The chosen result stays chosen while others arrive; else the first is.
  const chosenIndex = Math.max(0, options.findIndex((option) => option.id === chosenId));
  const chosen = options[chosenIndex];
  const unlisted = searched.state === "done" ? searched.matches.filter((m) => "unlisted" in m).map((m) => m.kind) : [];

  // A layout effect, so that close() runs while the dialog is still in the document: the browser
  // then gives the focus back to what had it before the palette opened.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    input.current?.focus();
    return () => element.close();
  }, []);

  useEffect(() => {
    document.getElementById(chosen?.id ?? "")?.scrollIntoView({ block: "nearest" });
  }, [chosen?.id]);

  const open = (option: Option | undefined) => {
    if (!option) return;
    onClose();
    router.push(option.href);
  };

  const move = (by: number) => {
    if (options.length === 0) return;
    setChosenId(options[(chosenIndex + by + options.length) % options.length]!.id);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      open(chosen);
    }
  };

  // showModal() keeps the focus in the dialog but lets Tab leave for the browser's own controls;
  // the palette cycles between its two controls instead, as a modal dialog should.
  const trapTab = (event: React.KeyboardEvent) => {
    if (event.key !== "Tab" || !dialog.current) return;
    const focusable = Array.from(dialog.current.querySelectorAll<HTMLElement>("input, button"));
    const at = focusable.indexOf(document.activeElement as HTMLElement);
    event.preventDefault();
    focusable[(at + (event.shiftKey ? -1 : 1) + focusable.length) % focusable.length]?.focus();
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      onKeyDown={trapTab}
      className="mx-auto mt-[10vh] w-[36rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50"
    >
      <div className="flex flex-col">
        <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 pt-3 pb-2">
          <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-700">
            Search the console
          </h2>
          <button
            type="button"
            onClick={onClose}
            className="rounded px-2 py-0.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
          >
            Close
          </button>
        </div>
        <div className="px-4 py-3">
          <label htmlFor={`${id}-input`} className="text-xs text-slate-600">
            Users, user groups and policies by name, or a console page
          </label>
          <input
            ref={input}
            id={`${id}-input`}
            type="text"
            role="combobox"
            aria-expanded="true"
            aria-controls={`${id}-listbox`}
            aria-autocomplete="list"
            aria-activedescendant={chosen?.id}
            aria-describedby={`${id}-hint`}
            autoComplete="off"
            spellCheck={false}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setChosenId(undefined);
            }}
            onKeyDown={onKeyDown}
            className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
          />
          <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
            Up and down arrows choose, Enter opens, Escape closes.
          </p>
        </div>
        <div id={`${id}-listbox`} role="listbox" aria-label="Results" className="max-h-[50vh] overflow-y-auto border-t border-slate-200 py-1">
          {groups.map((group) => (
            <div key={group.key} role="group" aria-labelledby={`${id}-group-${group.key}`}>
              <div id={`${id}-group-${group.key}`} role="presentation" className="px-4 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                {group.heading}
              </div>
              {group.options.map((option) => (
                <div
                  key={option.id}
                  id={option.id}
                  role="option"
                  aria-selected={option.id === chosen?.id}
                  onClick={() => open(option)}
                  onMouseMove={() => option.id !== chosen?.id && setChosenId(option.id)}
                  className={`flex cursor-pointer items-baseline justify-between gap-3 px-4 py-1.5 text-sm ${option.id === chosen?.id ? "bg-blue-50 text-blue-900" : "text-slate-900"}`}
                >
                  <span className="font-medium wrap-anywhere">{option.name}</span>
                  {option.detail && <span className="shrink-0 text-xs text-slate-600">{option.detail}</span>}
                </div>
              ))}
            </div>
          ))}
        </div>
        <div className="flex flex-col gap-1 border-t border-slate-200 px-4 py-2 text-xs text-slate-600">
          <p role="status">{statusText(options.length, searched)}</p>
          {unlisted.length > 0 && <p>{kindList(unlisted)} not searched: you may not list them.</p>}
        </div>
      </div>
    </dialog>
  );
}

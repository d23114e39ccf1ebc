"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { IamErrorView } from "@/lib/iam/core/errors";
import { ErrorPanel } from "@/components/feedback/ErrorPanel";
import { buttonStyles } from "./buttonStyles";
import type { PickerItem, PickerPage, PickerSearch } from "./pickerSearch";

/** Long enough to skip the keystrokes of a word being typed, short enough to feel immediate. */
const DEBOUNCE_MS = 250;

// The policy-type colours PolicyTypeBadge uses, so a policy reads the same in a picker as in a table.
const BADGE_STYLES: Record<string, string> = {
  "AWS managed": "bg-amber-100 text-amber-900",
  "Customer managed": "bg-sky-100 text-sky-900",
};

interface Shown {
  /** The (trimmed) text these results match. */
  readonly filter: string;
  readonly items: readonly PickerItem[];
  readonly nextMarker?: string;
  readonly total: number;
}

type Failure = { readonly request: "search" | "more"; readonly error?: IamErrorView };

/**
 * A checkbox picker over a list too long to load (1,500 policies, 5,000 users): it asks the server
 * for one page of matches at a time as the person types, and "Load more" continues from the
 * page's marker. Choices survive new searches: each one submits as a hidden input, so a plain form
 * gets all of them, and the Selected list lets the person take one back. Pass `selected` and
 * `onChange` to keep the choices in the caller's state instead (the create-user wizard).
 */
export function SearchPicker({
  legend,
  name,
  search,
  unavailable,
  unavailableReason,
  selected: controlled,
  onChange,
  max,
  maxMessage,
  valuePrefix = "",
  filterLabel,
  emptyText,
  testId,
}: {
  legend: string;
  /** The form field every chosen value submits as. */
  name: string;
  search: PickerSearch;
  /** Values that cannot be chosen (already attached): shown checked and disabled, with the reason. */
  unavailable?: ReadonlySet<string>;
  unavailableReason?: string;
  selected?: readonly PickerItem[];
  onChange?: (selected: PickerItem[]) => void;
  /** The most choices allowed; a choice past it is refused with `maxMessage`. */
  max?: number;
  maxMessage?: string;
  /** Put before each submitted value (`user:`), so two pickers can share one field. */
  valuePrefix?: string;
  filterLabel: string;
  emptyText: string;
  testId?: string;
}) {
  const id = useId();
  const fieldset = useRef<HTMLFieldSetElement>(null);
  const [text, setText] = useState("");
  const [active, setActive] = useState(false);
  const [shown, setShown] = useState<Shown>();
  const [pending, setPending] = useState<"search" | "more">();
  const [failure, setFailure] = useState<Failure>();
  const [refused, setRefused] = useState(false);
  const [own, setOwn] = useState<readonly PickerItem[]>([]);
  // A new search or page makes every answer still on its way stale: only the latest may be shown.
  const searchTicket = useRef(0);
  const moreTicket = useRef(0);
  const searchedOnce = useRef(false);
  /** The filter of the results on screen, read when a debounced search fires (its closure may be older). */
  const displayed = useRef<string>(undefined);
  const debounce = useRef<ReturnType<typeof setTimeout>>(undefined);
  const focusAfterRender = useRef<{ option: number } | { chip: string } | "search">(undefined);

  // Something chosen that later becomes unavailable (it was just attached) is no longer a choice, so
  // it cannot come back selected if it is detached again. (A controlled caller keeps its own list.)
  const [prunedFor, setPrunedFor] = useState(unavailable);
  if (!controlled && prunedFor !== unavailable) {
    setPrunedFor(unavailable);
    setOwn(own.filter((item) => !unavailable?.has(item.value)));
  }
  const chosen = (controlled ?? own).filter((item) => !unavailable?.has(item.value));
  const chosenValues = new Set(chosen.map((item) => item.value));

  const commit = (next: PickerItem[]) => {
    setOwn(next);
    onChange?.(next);
    if (max === undefined || next.length < max) setRefused(false);
  };
  const toggle = (item: PickerItem, on: boolean) => {
    if (!on) return commit(chosen.filter((other) => other.value !== item.value));
    if (max !== undefined && chosen.length >= max) return setRefused(true);
    commit([...chosen, item]);
  };
  const unselect = (item: PickerItem) => {
    const at = chosen.findIndex((other) => other.value === item.value);
    const neighbour = chosen[at + 1] ?? chosen[at - 1];
    focusAfterRender.current = neighbour ? { chip: neighbour.value } : "search";
    commit(chosen.filter((other) => other.value !== item.value));
  };

  /** One page from the server, or "unreachable" when the request itself failed (or was redirected away). */
  const ask = async (filter: string, marker?: string): Promise<PickerPage | "unreachable"> => {
    try {
      return (await search(marker ? { filter, marker } : { filter })) ?? "unreachable";
    } catch {
      return "unreachable";
    }
  };

  const runSearch = async (typed: string) => {
    const filter = typed.trim();
    const ticket = ++searchTicket.current;
    searchedOnce.current = true;
    if (displayed.current === filter) return setPending(undefined);
    setPending("search");
    const page = await ask(filter);
    if (ticket !== searchTicket.current) return;
    setPending(undefined);
    if (page === "unreachable" || "error" in page) {
      displayed.current = undefined;
      return setFailure({ request: "search", error: page === "unreachable" ? undefined : page.error });
    }
    setFailure(undefined);
    displayed.current = filter;
    setShown({ filter, items: page.items, nextMarker: page.nextMarker, total: page.total });
  };

  const loadMore = async () => {
    if (!shown?.nextMarker) return;
    const base = shown;
    const ticket = searchTicket.current;
    const more = ++moreTicket.current;
    setPending("more");
    const page = await ask(base.filter, base.nextMarker);
    if (ticket !== searchTicket.current || more !== moreTicket.current) return;
    setPending(undefined);
    if (page === "unreachable" || "error" in page) return setFailure({ request: "more", error: page === "unreachable" ? undefined : page.error });
    setFailure(undefined);
    // Offset markers can repeat a row when the list changed between pages: keep one of each.
    const seen = new Set(base.items.map((item) => item.value));
    setShown({ ...base, items: [...base.items, ...page.items.filter((item) => !seen.has(item.value))], nextMarker: page.nextMarker, total: page.total });
    focusAfterRender.current = { option: base.items.length };
  };

  // The first page loads when the picker can be seen: at once, or when its <details> first opens,
  // so a page with a closed "Add permissions" makes no search at all.
  useEffect(() => {
    const details = fieldset.current?.closest("details");
    if (!details || details.open) return setActive(true);
    const opened = () => details.open && setActive(true);
    details.addEventListener("toggle", opened);
    return () => details.removeEventListener("toggle", opened);
  }, []);

  // Only new text or the first opening starts a search (the first at once, later ones debounced).
  useEffect(() => {
    if (!active) return;
    debounce.current = setTimeout(() => void runSearch(text), searchedOnce.current ? DEBOUNCE_MS : 0);
    return () => clearTimeout(debounce.current);
  }, [active, text]);

  // Keyboard focus follows the change: to the first new option after Load more, to a neighbouring
  // chip (or the search box) after unselecting, instead of falling back to the page.
  useEffect(() => {
    const target = focusAfterRender.current;
    if (!target || !fieldset.current) return;
    focusAfterRender.current = undefined;
    if (target === "search") return fieldset.current.querySelector<HTMLInputElement>("input[type=search]")?.focus();
    if ("chip" in target) return fieldset.current.querySelector<HTMLButtonElement>(`[data-chip="${CSS.escape(target.chip)}"] button`)?.focus();
    const options = Array.from(fieldset.current.querySelectorAll<HTMLInputElement>("[data-option] input")).slice(target.option);
    options.find((option) => !option.disabled)?.focus();
  });

  const status =
    pending === "search"
      ? shown
        ? "Searching…"
        : "Loading…"
      : pending === "more"
        ? "Loading more…"
        : !shown
          ? failure
            ? ""
            : "Loading…"
          : shown.total === 0
            ? shown.filter
              ? `Nothing matches “${shown.filter}”.`
              : emptyText
            : `Showing ${shown.items.length.toLocaleString("en-US")} of ${shown.total.toLocaleString("en-US")}`;
  const hasItems = shown !== undefined && shown.items.length > 0;
  // The list is busy from the keystroke on, not only once the debounced search is sent: until then
  // it shows results for older text (a failed search ends it: its error is what is shown).
  const stale = shown !== undefined && failure === undefined && shown.filter !== text.trim();

  // The results are one page at a time (Load more for the next), so they are listed in full rather
  // than in an inner scroll box that would cut rows off.
  // Spacing is margin on what is visible, not flex gap: the live regions stay in the page while
  // empty (so that what appears in them is announced) and must not add space then.
  return (
    <fieldset ref={fieldset} className="flex w-full max-w-3xl min-w-0 flex-col" data-testid={testId}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <label htmlFor={`${id}-search`} className="text-xs text-slate-600">
        {filterLabel}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        value={text}
        autoComplete="off"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          // Enter searches now rather than submitting the form around the picker.
          if (event.key !== "Enter") return;
          event.preventDefault();
          clearTimeout(debounce.current);
          void runSearch(text);
        }}
        className="mt-2 w-72 max-w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
      />
      {hasItems && (
        <ul
          aria-label={`${legend}: search results`}
          aria-busy={pending === "search" || stale}
          className={`mt-2 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white ${pending === "search" ? "opacity-60" : ""}`}
        >
          {shown.items.map((item) => (
            <Option
              key={item.value}
              id={`${id}-option-${item.value}`}
              item={item}
              unavailableReason={unavailable?.has(item.value) ? (unavailableReason ?? "") : undefined}
              checked={chosenValues.has(item.value)}
              onToggle={(on) => toggle(item, on)}
            />
          ))}
        </ul>
      )}
      <div className={`flex flex-wrap items-center gap-3 ${status || shown?.nextMarker ? "mt-2" : ""}`}>
        {/* Beside the results it counts them; with none, it stands in their place. */}
        <p
          role="status"
          aria-live="polite"
          className={!status ? "sr-only" : hasItems ? "text-xs text-slate-600" : "w-full rounded-md border border-slate-200 bg-white px-3 py-3 text-sm text-slate-600"}
          data-testid={testId && `${testId}-status`}
        >
          {status}
        </p>
        {shown?.nextMarker && (
          <button type="button" className={buttonStyles.secondary} onClick={() => void loadMore()} disabled={pending !== undefined}>
            {pending === "more" ? "Loading more…" : "Load more"}
          </button>
        )}
      </div>
      <div role="status" aria-live="polite">
        {failure && (
          <div className="mt-2 flex flex-col items-start gap-2">
            {failure.error ? (
              <ErrorPanel error={failure.error} />
            ) : (
              <section aria-label="Search failed" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
                The search did not reach the server. Check the connection and try again.
              </section>
            )}
            <button type="button" className={buttonStyles.secondary} onClick={() => void (failure.request === "more" ? loadMore() : runSearch(text))}>
              Try again
            </button>
          </div>
        )}
        {refused && <p className="mt-2 text-sm font-medium text-red-700">{maxMessage ?? `You can choose up to ${max}. Remove a choice to pick another.`}</p>}
      </div>
      <SelectedChips id={`${id}-selected`} chosen={chosen} onRemove={unselect} testId={testId && `${testId}-selected`} />
      {chosen.map((item) => (
        <input key={item.value} type="hidden" name={name} value={`${valuePrefix}${item.value}`} />
      ))}
    </fieldset>
  );
}

/**
 * One search result: a checkbox named by the item alone (a screen reader's list of checkboxes stays
 * a list of names), described by its badge, why it is unavailable, and its description.
 */
function Option({ id, item, unavailableReason, checked, onToggle }: { id: string; item: PickerItem; unavailableReason?: string; checked: boolean; onToggle: (on: boolean) => void }) {
  const unavailable = unavailableReason !== undefined;
  const described = [item.badge && `${id}-badge`, unavailableReason && `${id}-reason`, item.description && `${id}-description`].filter(Boolean).join(" ");
  return (
    <li className="flex items-start gap-2 px-3 py-2" data-option>
      <input
        id={id}
        type="checkbox"
        checked={unavailable || checked}
        disabled={unavailable}
        aria-describedby={described || undefined}
        onChange={(event) => onToggle(event.target.checked)}
        className="mt-0.5 size-4 shrink-0 accent-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      />
      <div className="min-w-0 flex-1 text-sm">
        <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
          <label htmlFor={id} className="font-medium wrap-anywhere text-slate-900">
            {item.label}
          </label>
          {item.badge && (
            <span id={`${id}-badge`} className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${BADGE_STYLES[item.badge] ?? "bg-slate-100 text-slate-700"}`}>
              {item.badge}
            </span>
          )}
          {unavailableReason && (
            <span id={`${id}-reason`} className="text-xs text-slate-600">
              {unavailableReason}
            </span>
          )}
        </span>
        {item.description && (
          <span id={`${id}-description`} className="block text-xs wrap-anywhere text-slate-600">
            {item.description}
          </span>
        )}
      </div>
    </li>
  );
}

/** "Selected (n)": every choice, whichever search found it, each with a button to take it back. */
function SelectedChips({ id, chosen, onRemove, testId }: { id: string; chosen: readonly PickerItem[]; onRemove: (item: PickerItem) => void; testId?: string }) {
  return (
    <div className="mt-3 flex flex-col gap-1.5">
      <p id={id} className="text-xs font-medium text-slate-700">
        Selected ({chosen.length})
      </p>
      {chosen.length === 0 ? (
        <p className="text-xs text-slate-600">Nothing selected yet.</p>
      ) : (
        <ul aria-labelledby={id} className="flex flex-wrap gap-1.5" data-testid={testId}>
          {chosen.map((item) => (
            <li key={item.value} data-chip={item.value} className="inline-flex max-w-full items-center gap-0.5 rounded-full border border-blue-200 bg-blue-50 py-0.5 pr-0.5 pl-2.5 text-xs font-medium text-blue-900">
              <span className="wrap-anywhere">{item.label}</span>
              <button
                type="button"
                onClick={() => onRemove(item)}
                aria-label={`Remove ${item.label} from the selection`}
                className="inline-flex size-6 shrink-0 items-center justify-center rounded-full text-blue-800 hover:bg-blue-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

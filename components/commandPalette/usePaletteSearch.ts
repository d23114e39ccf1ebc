"use client";

import { useEffect, useRef, useState } from "react";
import type { ConsoleSearch, KindMatches } from "./paletteSearch";

/** Long enough to skip the keystrokes of a word being typed, short enough to feel immediate. */
const DEBOUNCE_MS = 200;

export type PaletteSearchState =
  | { readonly state: "idle" }
  | { readonly state: "searching" }
  | { readonly state: "done"; readonly matches: readonly KindMatches[] }
  | { readonly state: "failed" };

/**
 * The entity matches for `text`: one request per pause in typing. Only the answer to the latest
 * text is ever shown; an answer to older text arriving late is dropped.
 */
export function usePaletteSearch(search: ConsoleSearch, text: string): PaletteSearchState {
  const [result, setResult] = useState<{ text: string; value: PaletteSearchState }>({ text: "", value: { state: "idle" } });
  const ticket = useRef(0);
  const filter = text.trim();

  useEffect(() => {
    const mine = ++ticket.current;
    if (!filter) return;
    const timer = setTimeout(async () => {
      let value: PaletteSearchState;
      try {
        value = { state: "done", matches: (await search(filter)) ?? [] };
      } catch {
        value = { state: "failed" };
      }
      if (mine === ticket.current) setResult({ text: filter, value });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, filter]);

  if (!filter) return { state: "idle" };
  return result.text === filter ? result.value : { state: "searching" };
}

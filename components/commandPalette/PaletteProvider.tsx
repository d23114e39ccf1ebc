"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { CommandPalette } from "./CommandPalette";
import type { ConsoleSearch } from "./paletteSearch";

/** The shortcut, as aria-keyshortcuts spells it: Ctrl-K, or ⌘-K on a Mac. */
export const PALETTE_SHORTCUT = "Control+K Meta+K";

const OpenPalette = createContext<() => void>(() => {});

/** Opens the command palette (the header's Search button). */
export const useOpenPalette = () => useContext(OpenPalette);

/**
 * Holds the command palette for the whole console: Ctrl/⌘-K opens it from any page, the header's
 * button through the context. The palette is rendered here, outside the header, so it takes the
 * page's theme rather than the top bar's always-dark one.
 */
export function PaletteProvider({ search, isIamUser, children }: { search: ConsoleSearch; isIamUser: boolean; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLElement | null>(null);

  const show = useCallback(() => {
    if (!(document.activeElement instanceof HTMLElement) || !document.activeElement.closest("dialog")) opener.current = document.activeElement as HTMLElement | null;
    setOpen(true);
  }, []);
  const close = useCallback(() => {
    setOpen(false);
    // The browser gives the focus back as the dialog closes; this covers a dialog already detached.
    requestAnimationFrame(() => {
      if (opener.current?.isConnected && !document.activeElement?.closest("dialog")) opener.current.focus();
    });
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "k" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      // Instead of the browser's own Ctrl-K (its address bar search).
      event.preventDefault();
      show();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [show]);

  return (
    <OpenPalette.Provider value={show}>
      {children}
      {open && <CommandPalette onClose={close} search={search} isIamUser={isIamUser} />}
    </OpenPalette.Provider>
  );
}

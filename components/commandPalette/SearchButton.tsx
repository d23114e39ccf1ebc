"use client";

import { PALETTE_SHORTCUT, useOpenPalette } from "./PaletteProvider";

/** The top bar's way into the command palette, for mouse and touch; it shows the shortcut too. */
export function SearchButton() {
  const open = useOpenPalette();
  return (
    <button
      type="button"
      onClick={open}
      aria-keyshortcuts={PALETTE_SHORTCUT}
      className="inline-flex items-center gap-2 rounded-md border border-ink-600 bg-ink-800 px-2.5 py-1 text-sm text-ink-100 hover:bg-ink-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ink-100"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2">
        <circle cx="8.5" cy="8.5" r="5.5" />
        <path d="m13 13 4.5 4.5" />
      </svg>
      Search
      <kbd aria-hidden="true" className="hidden rounded border border-ink-500 px-1 font-sans text-xs text-ink-300 sm:inline">
        Ctrl K
      </kbd>
    </button>
  );
}

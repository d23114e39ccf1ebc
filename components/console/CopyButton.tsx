"use client";

import { useEffect, useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";

const SMALL =
  "inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-1.5 py-1 text-xs font-medium whitespace-nowrap text-slate-800 shadow-sm " +
  "hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

/** How long "Copied" stays: long enough to read, then the button is ready to say it again. */
const CONFIRMATION_MS = 4_000;

/**
 * "Copy" beside an ARN, an ID or a URL. `label` is the button's accessible name and says what is
 * copied ("Copy ARN", "Copy access key ID AKIA…"), since a page has several; the visible text is
 * "Copy". The result is said beside it, in a live region: "Copied", or how to copy by hand when
 * the browser refuses (the clipboard needs HTTPS or localhost).
 */
export function CopyButton({ value, label, size = "small" }: { value: string; label: string; size?: "small" | "regular" }) {
  const [status, setStatus] = useState<"" | "copied" | "failed">("");
  useEffect(() => {
    if (status !== "copied") return;
    const timer = setTimeout(() => setStatus(""), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [status]);
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5 align-middle">
      <button
        type="button"
        aria-label={label}
        className={size === "small" ? SMALL : buttonStyles.secondary}
        data-testid="copy-button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setStatus("copied");
          } catch {
            setStatus("failed");
          }
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.75">
          <rect x="7" y="7" width="10" height="10" rx="1.5" />
          <path d="M13 4.5V4a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v8a1 1 0 0 0 1 1h.5" />
        </svg>
        Copy
      </button>
      <span role="status" aria-live="polite" className={status === "failed" ? "text-xs text-red-700" : "text-xs font-medium text-emerald-700"}>
        {status === "copied" ? "Copied" : status === "failed" ? "The browser refused the clipboard: select the text and copy it." : ""}
      </span>
    </span>
  );
}

"use client";

import { useState } from "react";
import { buttonStyles } from "@/components/forms/buttonStyles";

/** Copies a value to the clipboard and says so in a live region (the clipboard can be refused). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [status, setStatus] = useState<"" | "copied" | "failed">("");
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className={buttonStyles.secondary}
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
        {label}
      </button>
      <span role="status" aria-live="polite" className="text-sm text-slate-700">
        {status === "copied" ? "Copied" : status === "failed" ? "Copying was blocked by the browser; select the URL and copy it." : ""}
      </span>
    </span>
  );
}

"use client";

import "./globals.css";
import { StandalonePage } from "@/components/feedback/StandalonePage";
import { UnexpectedErrorPanel } from "@/components/feedback/UnexpectedErrorPanel";

// An error no segment's error.tsx caught, including one in a layout: this replaces the root
// layout, so it brings its own document, styles and title.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <title>Something went wrong · Portcullis</title>
        <StandalonePage>
          <UnexpectedErrorPanel error={error} retry={retry} />
        </StandalonePage>
      </body>
    </html>
  );
}

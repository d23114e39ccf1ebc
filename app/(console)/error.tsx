"use client";

import { UnexpectedErrorPanel } from "@/components/feedback/UnexpectedErrorPanel";

// An unexpected error in a console page, shown inside the shell. retry() fetches the page from the
// server again (reset() alone would re-render the payload that failed). Nothing is logged here: the
// server logged a server error under its digest, and React reports a browser one in the console.
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  return <UnexpectedErrorPanel error={error} retry={retry} />;
}

import { buttonStyles } from "@/components/forms/buttonStyles";

/**
 * Next gives a server error's digest to the error boundary and logs the error with the same
 * digest, so it is the one thing worth showing: a reference an administrator can find in the
 * server log. An error thrown in the browser has none.
 */
function errorDigest(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" && error.digest !== "" ? error.digest : undefined;
}

/**
 * What an unexpected error shows: an apology, the reference, a retry and the way to the dashboard.
 * Never the error's message or stack, which can name internals.
 */
export function UnexpectedErrorPanel({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = errorDigest(error);
  return (
    <section aria-labelledby="unexpected-error-title" data-testid="unexpected-error" className="flex flex-col gap-4">
      <h1 id="unexpected-error-title" className="text-2xl font-semibold text-slate-900">
        Something went wrong
      </h1>
      <div className="flex max-w-3xl flex-col gap-3 rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-950 shadow-sm">
        <p>Sorry, an unexpected error stopped this page from working. Trying again may work.</p>
        {digest ? (
          <p>
            If it keeps happening, give your administrator this reference:{" "}
            <code className="rounded bg-white px-1.5 py-0.5 font-mono font-semibold break-all" data-testid="error-reference">
              {digest}
            </code>
          </p>
        ) : (
          <p>If it keeps happening, tell your administrator what you were doing: this error happened in your browser, so the server has no record of it.</p>
        )}
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonStyles.primary} onClick={retry}>
            Try again
          </button>
          {/* A full page load: after an unexpected error, start afresh rather than from the router's state. */}
          <a href="/dashboard" className={buttonStyles.secondary}>
            Go to the dashboard
          </a>
        </div>
      </div>
    </section>
  );
}

import { ButtonLink } from "@/components/forms/ButtonLink";

export interface WayBack {
  readonly href: string;
  readonly label: string;
}

/**
 * A 404 as a person reads it: what was not found, in a sentence, and the ways back (the list it
 * belongs to first, then the dashboard). The page's only h1, since it replaces the page.
 */
export function NotFoundPanel({ title, message, hint, links }: { title: string; message: React.ReactNode; hint?: string; links: readonly WayBack[] }) {
  return (
    <section aria-labelledby="not-found-title" data-testid="not-found" className="flex flex-col gap-4">
      <h1 id="not-found-title" className="text-2xl font-semibold text-slate-900">
        {title}
      </h1>
      <div className="flex max-w-3xl flex-col gap-3 rounded-md border border-slate-200 bg-white p-4 shadow-sm">
        <p className="text-sm text-slate-800" data-testid="not-found-message">
          {message}
        </p>
        {hint && <p className="text-sm text-slate-600">{hint}</p>}
        <div className="flex flex-wrap gap-2">
          {links.map((link, i) => (
            <ButtonLink key={link.href} href={link.href} variant={i === 0 ? "primary" : "secondary"}>
              {link.label}
            </ButtonLink>
          ))}
        </div>
      </div>
    </section>
  );
}

/** The requested name inside a not-found sentence: emphasised, and wrapping anywhere (names and ARNs have no spaces). */
export function RequestedName({ children }: { children: string }) {
  return (
    <strong className="font-semibold wrap-anywhere" data-testid="not-found-name">
      {children}
    </strong>
  );
}

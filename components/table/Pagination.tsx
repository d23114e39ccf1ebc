import Link from "next/link";
import { buttonStyles } from "@/components/forms/buttonStyles";
import { plural } from "@/components/text/plural";
import { hrefWith, param, params, type SearchParams } from "./queryHref";

/** "users" → "user", "policies" → "policy": the range says "1–1 of 1 user". */
const singular = (noun: string) => noun.replace(/ies$/, "y").replace(/s$/, "");

/**
 * Marker-based paging as IAM's List APIs do it. A Marker only leads forward, so the markers of the
 * pages already passed travel in the URL (`prev`), which makes "Previous" work and every page linkable.
 */
export function Pagination({
  path,
  current,
  nextMarker,
  pageSize,
  itemsOnPage,
  totalCount,
  noun,
}: {
  path: string;
  current: SearchParams;
  nextMarker?: string;
  pageSize: number;
  itemsOnPage: number;
  totalCount?: number;
  noun: string;
}) {
  const marker = param(current, "marker");
  const previous = params(current, "prev");
  const first = previous.length * pageSize + (itemsOnPage > 0 ? 1 : 0);
  const last = previous.length * pageSize + itemsOnPage;
  // The first page has no marker; it travels as "" so the stack stays aligned with page numbers.
  const nextHref = nextMarker
    ? hrefWith(path, current, { marker: nextMarker, prev: [...previous, marker ?? ""] })
    : undefined;
  const back = previous.at(-1);
  const previousHref =
    previous.length > 0 ? hrefWith(path, current, { marker: back || undefined, prev: previous.slice(0, -1) }) : undefined;
  return (
    <nav aria-label={`${noun} pages`} className="flex flex-wrap items-center justify-between gap-2 text-sm" data-testid="pagination">
      <p className="text-slate-600" data-testid="pagination-range">
        {itemsOnPage === 0
          ? `No ${noun}`
          : `${first}–${totalCount !== undefined ? `${last} of ${plural(totalCount, singular(noun), noun)}` : plural(last, singular(noun), noun)}`}
        {" · "}page {previous.length + 1}
      </p>
      <div className="flex gap-2">
        <PageLink href={previousHref} label="Previous" testId="pagination-previous" />
        <PageLink href={nextHref} label="Next" testId="pagination-next" />
      </div>
    </nav>
  );
}

function PageLink({ href, label, testId }: { href?: string; label: string; testId: string }) {
  if (!href) {
    return (
      <span aria-disabled="true" className={`${buttonStyles.secondary} cursor-not-allowed opacity-50`} data-testid={testId}>
        {label}
      </span>
    );
  }
  return (
    <Link href={href} className={buttonStyles.secondary} data-testid={testId}>
      {label}
    </Link>
  );
}

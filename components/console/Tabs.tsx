import Link from "next/link";

/**
 * Tabs that are links (`?tab=groups`): the server renders only the chosen tab's data, and each tab
 * has its own URL. aria-current marks the open one.
 */
export function Tabs({
  label,
  tabs,
  current,
  hrefFor,
}: {
  label: string;
  tabs: readonly { id: string; label: string; count?: number }[];
  current: string;
  hrefFor: (id: string) => string;
}) {
  return (
    <nav aria-label={label} className="border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((tab) => {
          const open = tab.id === current;
          return (
            <li key={tab.id}>
              <Link
                href={hrefFor(tab.id)}
                aria-current={open ? "page" : undefined}
                data-testid={`tab-${tab.id}`}
                className={
                  "inline-block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600 " +
                  (open ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900")
                }
              >
                {tab.label}
                {tab.count !== undefined && <span className="ml-1 text-slate-500">({tab.count})</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

import Link from "next/link";

export type SortOrder = "ascending" | "descending";

export interface Column<Row> {
  readonly key: string;
  readonly header: React.ReactNode;
  readonly render: (row: Row) => React.ReactNode;
  /** The server-side SortBy value; columns without one are not sortable. */
  readonly sortKey?: string;
  readonly className?: string;
}

export interface TableSort {
  readonly by?: string;
  readonly order: SortOrder;
  /** The link that sorts by `sortKey` in `order`: the page decides how the URL carries it. */
  readonly href: (sortKey: string, order: SortOrder) => string;
}

/**
 * A table of rows with optional sortable column headers. Sorting happens on the server (through the
 * List operation's SortBy/SortOrder), so a header is a link, and the sorted column carries aria-sort.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
  testId,
  rowTestId,
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  sort?: TableSort;
  testId?: string;
  /** A data-testid per row, for rows tests pick out by kind ("inline-policy-row"). */
  rowTestId?: (row: Row) => string | undefined;
}) {
  return (
    // A table wider than a phone scrolls sideways; as a focusable, named region it scrolls from the keyboard too.
    // `relative` keeps its sr-only headers (absolutely positioned) inside the scroller, not widening the page.
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="relative overflow-x-auto rounded-md border border-slate-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      <table className="w-full border-collapse text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-xs font-semibold tracking-wide text-slate-700 uppercase">
          <tr>
            {columns.map((column) => {
              const sorted = sort && column.sortKey && sort.by === column.sortKey ? sort.order : undefined;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={column.sortKey && sort ? (sorted ?? "none") : undefined}
                  className={`px-3 py-2 ${column.className ?? ""}`}
                >
                  {column.sortKey && sort ? (
                    <SortLink column={column.sortKey} sorted={sorted} sort={sort}>
                      {column.header}
                    </SortLink>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="align-middle hover:bg-slate-50" data-testid={rowTestId?.(row)}>
              {columns.map((column) => (
                <td key={column.key} className={`px-3 py-2 ${column.className ?? ""}`}>
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortLink({
  column,
  sorted,
  sort,
  children,
}: {
  column: string;
  sorted: SortOrder | undefined;
  sort: TableSort;
  children: React.ReactNode;
}) {
  // Clicking the sorted column flips its order; clicking another starts ascending, as AWS's tables do.
  const next: SortOrder = sorted === "ascending" ? "descending" : "ascending";
  const arrow = sorted === "ascending" ? "▲" : sorted === "descending" ? "▼" : "↕";
  return (
    <Link
      href={sort.href(column, next)}
      className="inline-flex items-center gap-1 rounded-sm uppercase hover:text-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      {children}
      <span aria-hidden="true" className={sorted ? "text-blue-700" : "text-slate-400"}>
        {arrow}
      </span>
    </Link>
  );
}

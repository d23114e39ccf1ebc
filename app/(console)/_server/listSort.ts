// The sort a listing page asks its List operation for, read from the URL (`?sort=UserName&order=descending`).
// Only the columns the operation can sort by are accepted, so a hand-edited URL cannot break the page.
// The URL speaks aria-sort's words (ascending/descending); the operations take AWS-style Ascending/Descending.

import { param, type SearchParams } from "@/components/table/queryHref";
import type { SortOrder } from "@/components/table/DataTable";

export interface ListSort<K extends string> {
  readonly by: K;
  readonly order: SortOrder;
  readonly apiOrder: "Ascending" | "Descending";
}

export function listSort<K extends string>(current: SearchParams, allowed: readonly K[], fallback: K): ListSort<K> {
  const requested = param(current, "sort");
  const by = allowed.find((key) => key === requested) ?? fallback;
  const order: SortOrder = param(current, "order") === "descending" ? "descending" : "ascending";
  return { by, order, apiOrder: order === "descending" ? "Descending" : "Ascending" };
}

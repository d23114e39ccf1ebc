import type { Caller } from "@/lib/auth/caller";
import { LastAccessedTab } from "@/components/lastAccessed/LastAccessedTab";
import { param, type SearchParams } from "@/components/table/queryHref";
import { LAST_ACCESSED_PAGE_SIZE, loadLastAccessed } from "./loadLastAccessed";

/**
 * The "Last accessed" tab of a user, group, role or policy page. It needs the entity's ARN (with its
 * path), which the page's own Get read returns, so it loads after that read: two operations more.
 */
export async function LastAccessedSection({
  arn,
  caller,
  path,
  query,
  policies,
  attemptsBy,
}: {
  arn: string;
  caller: Caller;
  /** The page's path, for the pagination links; the query keeps the open tab. */
  path: string;
  query: SearchParams;
  policies: string;
  attemptsBy: string;
}) {
  const report = await loadLastAccessed(arn, param(query, "marker"), caller);
  return <LastAccessedTab report={report} policies={policies} attemptsBy={attemptsBy} path={path} current={query} pageSize={LAST_ACCESSED_PAGE_SIZE} />;
}

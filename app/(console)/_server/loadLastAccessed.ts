// The "Last accessed" tab of a user, group, role or policy page: AWS's console generates a
// last-accessed report each time the tab opens, and so does this one — two operations
// (GenerateServiceLastAccessedDetails, then GetServiceLastAccessedDetails for one page of services)
// however many services or actions the entity's policies allow. ACTION_LEVEL, so each service
// expands into its actions. The page's Marker is an offset into the services (sorted by
// namespace), so it carries over from the report that handed it out to the next one.

import type { Caller } from "@/lib/auth/caller";
import { GenerateServiceLastAccessedDetails, GetServiceLastAccessedDetails } from "@/lib/iam/reports/serviceLastAccessedJobs";
import { readOperation } from "./readOperation";

export const LAST_ACCESSED_PAGE_SIZE = 25;

export async function loadLastAccessed(arn: string, marker: string | undefined, caller: Caller) {
  const job = await readOperation(GenerateServiceLastAccessedDetails, { Arn: arn, Granularity: "ACTION_LEVEL" }, caller);
  if (!job.ok) return job;
  return readOperation(GetServiceLastAccessedDetails, { JobId: job.value.JobId, MaxItems: LAST_ACCESSED_PAGE_SIZE, Marker: marker }, caller);
}

export type LastAccessedRead = Awaited<ReturnType<typeof loadLastAccessed>>;

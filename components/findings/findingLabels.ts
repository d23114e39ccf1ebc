// How the findings page names each kind of unused access finding and each status, in Access
// Analyzer's terms. Client-safe: types only from lib.

import type { FindingStatus, UnusedFindingType } from "@/lib/iam/reports/unusedAccessFindings";

export const FINDING_TYPE_LABELS: Record<UnusedFindingType, string> = {
  UnusedIAMUser: "Unused user",
  UnusedIAMRole: "Unused role",
  UnusedIAMUserPassword: "Unused password",
  UnusedIAMUserAccessKey: "Unused access key",
  UnusedPermission: "Unused permission",
};

export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = { ACTIVE: "Active", ARCHIVED: "Archived", RESOLVED: "Resolved" };

/** `/findings?type=…` with the default age: the dashboard's links. */
export function findingsHref(type?: UnusedFindingType): string {
  return type ? `/findings?type=${type}` : "/findings";
}

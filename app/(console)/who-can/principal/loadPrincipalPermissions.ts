// What the "what it can do" page reads: one ListPrincipalPermissions, a page of services (only
// that page's services are evaluated), and nothing until a principal is named. The page has no
// buttons to ask permissions about.

import type { Caller } from "@/lib/auth/caller";
import { ListPrincipalPermissions } from "@/lib/iam/policies/principalPermissions";
import { readOperation } from "../../_server/readOperation";

/** Services per page: each lists every allowed action with its grants. */
export const PRINCIPAL_PERMISSIONS_PAGE_SIZE = 10;

export function loadPrincipalPermissions(caller: Caller, q: { arn: string; service?: string; marker?: string }) {
  return readOperation(ListPrincipalPermissions, { PolicySourceArn: q.arn, Service: q.service, Marker: q.marker, MaxItems: PRINCIPAL_PERMISSIONS_PAGE_SIZE }, caller);
}

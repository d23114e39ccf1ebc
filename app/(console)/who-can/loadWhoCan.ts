// What the "who can" page reads: one ListPrincipalsWithAccess for the question in the URL, a page
// of principals (the operation loads the account's policy graph in a fixed number of statements),
// and nothing while no action is asked. The page has no buttons to ask permissions about.

import type { Caller } from "@/lib/auth/caller";
import type { AccessDecision } from "@/lib/iam/policies/accessVerdict";
import type { QuestionContextEntry } from "@/lib/iam/policies/questionContext";
import { ListPrincipalsWithAccess } from "@/lib/iam/policies/whoCan";
import { readOperation } from "../_server/readOperation";

/** Principals per page. */
export const WHO_CAN_PAGE_SIZE = 25;

export interface WhoCanQuestion {
  readonly action: string;
  readonly resource: string;
  readonly context: readonly QuestionContextEntry[];
  readonly decision?: AccessDecision;
  readonly marker?: string;
}

export function loadWhoCan(caller: Caller, q: WhoCanQuestion) {
  return readOperation(
    ListPrincipalsWithAccess,
    { ActionName: q.action, ResourceArn: q.resource, ContextEntries: [...q.context], Decision: q.decision, Marker: q.marker, MaxItems: WHO_CAN_PAGE_SIZE },
    caller,
  );
}

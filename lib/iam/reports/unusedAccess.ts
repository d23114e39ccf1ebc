// The unused access findings' operations, in IAM Access Analyzer's vocabulary: ListUnusedAccessFindings
// (Access Analyzer's ListFindingsV2, which AWS authorizes as access-analyzer:ListFindings) and
// UpdateUnusedAccessFindings (access-analyzer:UpdateFindings: archive, unarchive, and Portcullis's
// resolve). Both act on the account's one built-in unused access analyzer; the findings themselves
// are computed on every read (unusedAccessFindings.ts).

import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import { operation } from "../core/operation";
import { encodeMarker, PageInput, pageWindow, type Page } from "../core/pagination";
import { DEFAULT_UNUSED_ACCESS_DAYS, FINDING_STATUSES, UNUSED_FINDING_TYPES, unusedAccessFindings, type UnusedAccessFinding, type UnusedFindingType } from "./unusedAccessFindings";

/**
 * The analyzer every account has: Access Analyzer's resource for its actions. IAM is global and
 * AWS keeps its global data in US East (N. Virginia), so the analyzer lives there.
 */
export function unusedAccessAnalyzerArn(accountId: string): string {
  return `arn:aws:access-analyzer:us-east-1:${accountId}:analyzer/UnusedAccess`;
}

/** Access Analyzer's unusedAccessAge: how many days without use make a finding. */
export const UnusedAccessAge = z
  .int({ error: "must be a whole number of days" })
  .min(1, "must be at least 1 day")
  .max(365, "must be at most 365 days (Access Analyzer's longest unused access age)");

const FindingType = z.enum(UNUSED_FINDING_TYPES, { error: `must be one of ${UNUSED_FINDING_TYPES.join(", ")}` });
const Status = z.enum(FINDING_STATUSES, { error: "must be ACTIVE, ARCHIVED or RESOLVED" });

export interface ListUnusedAccessFindingsOutput extends Page {
  Findings: UnusedAccessFinding[];
  /** How many findings match the filters, over every page. */
  TotalCount: number;
  /** The ACTIVE findings of each type (the dashboard's card), whatever the filters. */
  ActiveCounts: Record<UnusedFindingType, number>;
}

export const ListUnusedAccessFindings = operation({
  name: "ListUnusedAccessFindings",
  action: "access-analyzer:ListFindings",
  readOnly: true,
  input: z.object({
    UnusedAccessAge: UnusedAccessAge.optional(),
    FindingType: FindingType.optional(),
    Status: Status.optional(),
    ...PageInput,
  }),
  resource: ({ caller }) => unusedAccessAnalyzerArn(accountOf(caller)),
  run: async ({ tx, input, caller }): Promise<ListUnusedAccessFindingsOutput> => {
    // The findings exist only as computed now, so the whole set is computed (a fixed number of
    // queries) and the page is cut from it: its Marker is an offset into that order.
    const all = await unusedAccessFindings(tx, accountOf(caller), input.UnusedAccessAge ?? DEFAULT_UNUSED_ACCESS_DAYS, new Date());
    const ActiveCounts = Object.fromEntries(UNUSED_FINDING_TYPES.map((t) => [t, 0])) as Record<UnusedFindingType, number>;
    for (const f of all) if (f.Status === "ACTIVE") ActiveCounts[f.FindingType]++;
    const status = input.Status ?? "ACTIVE";
    const matching = all.filter((f) => f.Status === status && (!input.FindingType || f.FindingType === input.FindingType));
    const { skip, max } = pageWindow(input);
    const Findings = matching.slice(skip, skip + max);
    const end = skip + Findings.length;
    return { Findings, TotalCount: matching.length, ActiveCounts, IsTruncated: end < matching.length, ...(end < matching.length ? { Marker: encodeMarker(end) } : {}) };
  },
});

const FindingId = z
  .string()
  .max(2100, "is not a finding ID")
  .refine((id) => UNUSED_FINDING_TYPES.some((t) => id.startsWith(`${t}:`)), "is not a finding ID: copy it from ListUnusedAccessFindings");

/**
 * What a finding ID is about: the user's or role's ARN, or the access key's ID. An UnusedPermission
 * ID ends in `:<service>` after its principal's ARN.
 */
function subjectOf(id: string): string {
  const subject = id.slice(id.indexOf(":") + 1);
  return id.startsWith("UnusedPermission:") ? subject.slice(0, subject.lastIndexOf(":")) : subject;
}

/** The IDs among these whose user, role or access key is no longer in the account: three queries, whatever the count. */
async function vanished(tx: Tx, accountId: string, ids: readonly string[]): Promise<string[]> {
  const subjects = (type: UnusedFindingType) => ids.filter((id) => id.startsWith(`${type}:`)).map(subjectOf);
  const principalArns = subjects("UnusedPermission");
  const userArns = [...subjects("UnusedIAMUser"), ...subjects("UnusedIAMUserPassword"), ...principalArns];
  const [users, roles, keys] = await Promise.all([
    tx.user.findMany({ where: { accountId, arn: { in: userArns } }, select: { arn: true } }),
    tx.role.findMany({ where: { accountId, arn: { in: [...subjects("UnusedIAMRole"), ...principalArns] } }, select: { arn: true } }),
    tx.accessKey.findMany({ where: { accountId, userId: { not: null }, id: { in: subjects("UnusedIAMUserAccessKey") } }, select: { id: true } }),
  ]);
  const present = new Set([...users.map((u) => u.arn), ...roles.map((r) => r.arn), ...keys.map((k) => k.id)]);
  return ids.filter((id) => !present.has(subjectOf(id)));
}

export const UpdateUnusedAccessFindings = operation({
  name: "UpdateUnusedAccessFindings",
  action: "access-analyzer:UpdateFindings",
  input: z.object({
    Ids: z.array(FindingId).min(1, "name at least one finding").max(100, "name at most 100 findings at a time"),
    /** ARCHIVED or RESOLVED sets that status; ACTIVE unarchives (or reopens) the finding. */
    Status,
  }),
  resource: ({ caller }) => unusedAccessAnalyzerArn(accountOf(caller)),
  run: async ({ tx, input, caller }): Promise<Record<string, never>> => {
    const accountId = accountOf(caller);
    const ids = [...new Set(input.Ids)];
    const [missing] = await vanished(tx, accountId, ids);
    if (missing) throw new IamError("NoSuchEntity", `The finding ${missing} is about a user, role or access key no longer in account ${accountId}. Reload the findings.`);
    if (input.Status === "ACTIVE") {
      await tx.accessFindingState.deleteMany({ where: { accountId, findingKey: { in: ids } } });
    } else {
      for (const findingKey of ids) {
        const state = { status: input.Status, updatedBy: caller.arn, updatedAt: new Date() };
        await tx.accessFindingState.upsert({ where: { accountId_findingKey: { accountId, findingKey } }, create: { accountId, findingKey, ...state }, update: state });
      }
    }
    return {};
  },
});

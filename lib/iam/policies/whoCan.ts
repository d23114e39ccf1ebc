// ListPrincipalsWithAccess ("who can"), Portcullis's own: for one action on one resource, every user,
// group and role of the account whose identity policies allow it, each decided by the engine exactly
// as a request by that principal would be (its own and its groups' policies, its boundary, its tags
// as aws:PrincipalTag/*), with the context values the person asking supplies. AWS has no such view.
// The answer lists, in this order, who is allowed, who is allowed only under a condition the
// question leaves open, who an identity policy allows but the permissions boundary refuses, and who
// an explicit Deny removes: an auditor wants to see the near misses as well as the grants.
// One bulk load of the account's policy graph, then one evaluation per principal with a statement for
// the action (see accountPolicyGraph.ts), so the answer costs the same few queries at any size.

import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import type { ContextValue } from "@/lib/policy";
import { accountOf } from "../core/account";
import { operation } from "../core/operation";
import { encodeMarker, pageWindow, PageInput, type Page } from "../core/pagination";
import { accessVerdict, type AccessDecision, type AccessVerdict } from "./accessVerdict";
import { loadAccountPolicyGraph, type GraphPrincipal, type GraphPrincipalKind } from "./accountPolicyGraph";
import { QuestionContextEntries, questionContext } from "./questionContext";

export const ACCESS_DECISIONS: readonly AccessDecision[] = ["allowed", "allowedWhen", "limitedByBoundary", "explicitDeny"];

const ListPrincipalsWithAccessInput = z.object({
  ActionName: z
    .string({ error: "ActionName is required: name one action, such as iam:DeleteUser" })
    .max(128, "an action name must be at most 128 characters")
    .regex(/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/, "an action name looks like iam:DeleteUser (service prefix, colon, action; no wildcards)"),
  ResourceArn: z
    .string()
    .max(2048, "a resource ARN must be at most 2048 characters")
    .regex(/^(\*|arn:\S+)$/, 'a resource is "*" or an ARN such as arn:aws:iam::123456789012:user/*')
    .optional(),
  ContextEntries: QuestionContextEntries.optional(),
  /** Only the principals with this decision (the counts still cover all of them). */
  Decision: z.enum(ACCESS_DECISIONS as [AccessDecision, ...AccessDecision[]], { error: "must be allowed, allowedWhen, limitedByBoundary or explicitDeny" }).optional(),
  ...PageInput,
});

export interface PrincipalWithAccess extends AccessVerdict {
  readonly PrincipalType: GraphPrincipalKind;
  readonly PrincipalName: string;
  readonly PrincipalArn: string;
  readonly Path: string;
  /** Groups: the users who inherit the group's policies. */
  readonly MemberCount?: number;
  readonly PermissionsBoundaryArn?: string;
  /** Roles: a session may be given session policies when it is assumed, which can only narrow this. */
  readonly SessionPoliciesMayLimit?: true;
}

export interface ListPrincipalsWithAccessOutput extends Page {
  readonly ActionName: string;
  readonly ResourceArn: string;
  readonly Principals: PrincipalWithAccess[];
  /** How many principals have each decision, over the whole account. */
  readonly Counts: Record<AccessDecision, number>;
}

const KIND_ORDER: Record<GraphPrincipalKind, number> = { user: 0, group: 1, role: 2 };

/** aws:ResourceTag/* when the resource is a user or role of the account, as a live request would carry them. */
async function resourceTags(tx: Tx, accountId: string, arn: string): Promise<Record<string, ContextValue>> {
  if (!arn.startsWith(`arn:aws:iam::${accountId}:`)) return {};
  const tags = await tx.tag.findMany({ where: { OR: [{ user: { arn, accountId } }, { role: { arn, accountId } }] }, select: { key: true, value: true } });
  return Object.fromEntries(tags.map((tag) => [`aws:ResourceTag/${tag.key}`, tag.value]));
}

function row(principal: GraphPrincipal, verdict: AccessVerdict): PrincipalWithAccess {
  return {
    PrincipalType: principal.kind,
    PrincipalName: principal.name,
    PrincipalArn: principal.arn,
    Path: principal.path,
    ...(principal.memberCount === undefined ? {} : { MemberCount: principal.memberCount }),
    ...(principal.boundaryArn ? { PermissionsBoundaryArn: principal.boundaryArn } : {}),
    ...(principal.kind === "role" ? { SessionPoliciesMayLimit: true as const } : {}),
    ...verdict,
  };
}

/** Every principal of the account the engine finds allowed, or nearly: the operation's work, for the console and the benchmark. */
export async function principalsWithAccess(tx: Tx, accountId: string, input: z.infer<typeof ListPrincipalsWithAccessInput>): Promise<ListPrincipalsWithAccessOutput> {
  const resource = input.ResourceArn ?? "*";
  const [graph, tags] = await Promise.all([loadAccountPolicyGraph(tx, accountId), resourceTags(tx, accountId, resource)]);
  const now = new Date();
  const all: PrincipalWithAccess[] = [];
  for (const principal of graph.principals) {
    const context = questionContext({ ...principal.identity, ...tags }, input.ContextEntries ?? [], now);
    const verdict = accessVerdict({ principal: principal.arn, action: input.ActionName, resource, account: accountId, context }, principal.set, graph.sources);
    if (verdict) all.push(row(principal, verdict));
  }
  const order = (r: PrincipalWithAccess) => ACCESS_DECISIONS.indexOf(r.Decision);
  all.sort((a, b) => order(a) - order(b) || KIND_ORDER[a.PrincipalType] - KIND_ORDER[b.PrincipalType] || a.PrincipalName.localeCompare(b.PrincipalName));
  const Counts = Object.fromEntries(ACCESS_DECISIONS.map((d) => [d, 0])) as Record<AccessDecision, number>;
  for (const r of all) Counts[r.Decision]++;
  const shown = input.Decision ? all.filter((r) => r.Decision === input.Decision) : all;
  const { skip, max } = pageWindow(input);
  const Principals = shown.slice(skip, skip + max);
  const more = skip + max < shown.length;
  return { ActionName: input.ActionName, ResourceArn: resource, Principals, Counts, IsTruncated: more, ...(more ? { Marker: encodeMarker(skip + max) } : {}) };
}

export const ListPrincipalsWithAccess = operation({
  name: "ListPrincipalsWithAccess",
  // The answer reveals what every principal's policies allow, which is what
  // GetAccountAuthorizationDetails hands out: whoever may read all policies may ask this.
  action: "iam:GetAccountAuthorizationDetails",
  readOnly: true,
  input: ListPrincipalsWithAccessInput,
  resource: () => "*",
  run: ({ tx, input, caller }) => principalsWithAccess(tx, accountOf(caller), input),
});

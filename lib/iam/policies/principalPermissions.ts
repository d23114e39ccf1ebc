// ListPrincipalPermissions ("everything P can do"), Portcullis's own: for a user, group or role, every
// action per service its identity policies allow, with the resource patterns and conditions that
// limit each, the permissions boundary's effect and the Denies that remove or narrow it.
// Candidates come from the principal's Allow statements: each action of AWS's catalog (plus any
// action a statement names that the catalog lacks) that an Allow statement's Action or NotAction
// matches, by the engine's own action matching. Each candidate is then decided by evaluate() on
// every resource pattern the Allow statements name for it, so Denies, boundaries and conditions are
// the engine's. Pages are of services, and only the page's services are evaluated.

import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { parseIamArn, preparePolicySet, type ContextValue, type PreparedPolicySet } from "@/lib/policy";
import { allServiceActions } from "@/lib/catalog/serviceActions";
import { loadServiceCatalog } from "@/lib/catalog/serviceCatalog";
import { accountOf } from "../core/account";
import { IamError } from "../core/errors";
import { operation } from "../core/operation";
import { encodeMarker, pageWindow, PageInput, type Page } from "../core/pagination";
import { accessVerdict, type AccessVerdict } from "./accessVerdict";
import { loadAccountPolicyGraph, type GraphPrincipal, type GraphPrincipalKind, type PolicySourceView } from "./accountPolicyGraph";
import { QuestionContextEntries, questionContext, type QuestionContextEntry } from "./questionContext";
import { actsOnPolicySource } from "./simulation";

const ListPrincipalPermissionsInput = z.object({
  PolicySourceArn: z
    .string({ error: "PolicySourceArn is required: the ARN of a user, group or role" })
    .max(2048, "must be at most 2048 characters")
    .regex(/^arn:\S+$/, "must be the ARN of an IAM user, group or role, such as arn:aws:iam::123456789012:user/alice"),
  /** Only this service's actions (its prefix, such as s3). */
  Service: z.string().regex(/^[a-z0-9-]{1,64}$/, "a service is its action prefix, such as iam or s3").optional(),
  ContextEntries: QuestionContextEntries.optional(),
  ...PageInput,
});

export interface ResourceGrant extends AccessVerdict {
  /** The resource pattern an Allow statement names for the action, decided as asked. */
  readonly Resource: string;
}

export interface ActionPermission {
  readonly ActionName: string;
  /** AWS's access level (List, Read, Write, Permissions management, Tagging); absent for an action the catalog lacks. */
  readonly AccessLevel?: string;
  readonly Grants: ResourceGrant[];
}

export interface ServicePermissions {
  readonly Service: string;
  readonly ServiceName: string;
  /** How many actions AWS's catalog lists for the service. */
  readonly CatalogActionCount: number;
  /** How many actions are allowed on at least one resource pattern. */
  readonly AllowedActionCount: number;
  readonly Actions: ActionPermission[];
}

export interface ListPrincipalPermissionsOutput extends Page {
  readonly PrincipalType: GraphPrincipalKind;
  readonly PrincipalName: string;
  readonly PrincipalArn: string;
  readonly PermissionsBoundaryArn?: string;
  /** Roles: a session may be given session policies when it is assumed, which can only narrow this. */
  readonly SessionPoliciesMayLimit?: true;
  /** Services with at least one candidate action, over every page. */
  readonly ServiceCount: number;
  readonly Services: ServicePermissions[];
}

interface CandidateService {
  readonly key: string;
  readonly name: string;
  readonly catalogCount: number;
  readonly actions: readonly string[];
}

/** The services and actions the principal's identity Allow statements match, by the engine's action matching. */
async function candidateServices(set: PreparedPolicySet, only: string | undefined): Promise<CandidateService[]> {
  const allows = set.identity.flatMap((p) => p.statements.filter((s) => s.effect === "Allow"));
  if (allows.length === 0) return [];
  const granted = (action: string) => allows.some((s) => s.matchesAction(action.toLowerCase()));
  const catalog = (await allServiceActions()).filter((service) => only === undefined || service.key === only);
  const services: CandidateService[] = [];
  const listed = new Set<string>();
  for (const service of catalog) {
    const actions = service.actions.map((a) => `${service.key}:${a}`);
    for (const action of actions) listed.add(action.toLowerCase());
    const allowed = actions.filter(granted);
    if (allowed.length > 0) services.push({ key: service.key, name: service.name, catalogCount: service.actions.length, actions: allowed });
  }
  // Actions a statement names literally that AWS's catalog does not list (a service or an action it lacks).
  const unlisted = new Map<string, Set<string>>();
  for (const statement of allows) {
    for (const action of statement.statement.Action ?? []) {
      const prefix = action.split(":")[0]!.toLowerCase();
      if (/[*?]/.test(action) || listed.has(action.toLowerCase()) || (only !== undefined && prefix !== only)) continue;
      unlisted.set(prefix, (unlisted.get(prefix) ?? new Set()).add(action));
    }
  }
  for (const [key, actions] of unlisted) {
    const i = services.findIndex((s) => s.key === key);
    if (i >= 0) services[i] = { ...services[i]!, actions: [...services[i]!.actions, ...actions] };
    else services.push({ key, name: key, catalogCount: 0, actions: [...actions] });
  }
  return services.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * A resource pattern as this principal's request would name it: policy variables (2012-10-17
 * documents only) take the principal's values, so "user/${aws:username}" is asked as "user/alice".
 * A variable the principal has no value for stays as written, and the engine then finds no match.
 */
function forPrincipal(pattern: string, context: Readonly<Record<string, ContextValue>>): string {
  // Most patterns name no variable: nothing to look up (this runs for every action and pattern).
  if (!pattern.includes("${")) return pattern;
  const values = new Map(Object.entries(context).map(([key, value]) => [key.toLowerCase(), value]));
  return pattern.replace(/\$\{([^}]*)\}/g, (written, inner: string) => {
    if (inner === "*" || inner === "?" || inner === "$") return inner;
    const [key, fallback] = inner.split(",").map((part) => part.trim());
    const value = values.get(key!.toLowerCase());
    if (typeof value === "string") return value;
    const quoted = fallback === undefined ? undefined : /^'(.*)'$/.exec(fallback)?.[1];
    return quoted ?? written;
  });
}

/** The resource patterns the Allow statements for this action name ("*" for a NotResource statement, whose exceptions the engine weighs). */
export function resourcePatterns(set: PreparedPolicySet, action: string, context: Readonly<Record<string, ContextValue>>): string[] {
  const patterns = new Set<string>();
  for (const { policy, statement } of set.candidatesFor(action.toLowerCase()).identityAllows) {
    for (const resource of statement.statement.Resource ?? ["*"]) patterns.add(policy.variables ? forPrincipal(resource, context) : resource);
  }
  return [...patterns];
}

async function accessLevels(service: string): Promise<Map<string, string>> {
  const catalog = await loadServiceCatalog(service);
  return new Map((catalog?.actions ?? []).map((a) => [`${service}:${a.name}`.toLowerCase(), a.accessLevel]));
}

function findPrincipal(graph: { principals: readonly GraphPrincipal[] }, kind: GraphPrincipalKind, id: string): GraphPrincipal {
  return graph.principals.find((p) => p.kind === kind && p.id === id)!;
}

async function principalNamed(tx: Tx, accountId: string, arn: string): Promise<{ kind: GraphPrincipalKind; id: string }> {
  const type = parseIamArn(arn)?.type;
  const where = { arn, accountId };
  const found =
    type === "user" ? await tx.user.findFirst({ where, select: { id: true } }) : type === "group" ? await tx.group.findFirst({ where, select: { id: true } }) : type === "role" ? await tx.role.findFirst({ where, select: { id: true } }) : undefined;
  if (type !== "user" && type !== "group" && type !== "role") {
    throw new IamError("InvalidInput", `${arn} is not the ARN of an IAM user, group or role. Use an ARN such as arn:aws:iam::${accountId}:user/alice.`);
  }
  if (!found) throw new IamError("NoSuchEntity", `No IAM ${type} in account ${accountId} has the ARN ${arn}. Copy the ARN from the ${type}'s page.`);
  return { kind: type, id: found.id };
}

/** Everything the principal's policies allow, one page of services: the operation's work, for the console and the benchmark. */
export async function principalPermissions(
  tx: Tx,
  accountId: string,
  input: { PolicySourceArn: string; Service?: string; ContextEntries?: readonly QuestionContextEntry[]; Marker?: string; MaxItems?: number },
): Promise<ListPrincipalPermissionsOutput> {
  const scope = await principalNamed(tx, accountId, input.PolicySourceArn);
  const graph = await loadAccountPolicyGraph(tx, accountId, scope);
  const principal = findPrincipal(graph, scope.kind, scope.id);
  const set = preparePolicySet(principal.set);
  const services = await candidateServices(set, input.Service);
  const { skip, max } = pageWindow(input);
  const page = services.slice(skip, skip + max);
  const context = questionContext({ ...principal.identity }, input.ContextEntries ?? []);
  const Services = await Promise.all(page.map((service) => servicePermissions(service, principal, set, graph.sources, context, accountId)));
  const more = skip + max < services.length;
  return {
    PrincipalType: principal.kind,
    PrincipalName: principal.name,
    PrincipalArn: principal.arn,
    ...(principal.boundaryArn ? { PermissionsBoundaryArn: principal.boundaryArn } : {}),
    ...(principal.kind === "role" ? { SessionPoliciesMayLimit: true as const } : {}),
    ServiceCount: services.length,
    Services,
    IsTruncated: more,
    ...(more ? { Marker: encodeMarker(skip + max) } : {}),
  };
}

async function servicePermissions(
  service: CandidateService,
  principal: GraphPrincipal,
  set: PreparedPolicySet,
  sources: ReadonlyMap<string, PolicySourceView>,
  context: Readonly<Record<string, ContextValue>>,
  accountId: string,
): Promise<ServicePermissions> {
  const levels = await accessLevels(service.key);
  const Actions: ActionPermission[] = [];
  for (const action of service.actions) {
    const Grants: ResourceGrant[] = [];
    for (const resource of resourcePatterns(set, action, context)) {
      const verdict = accessVerdict({ principal: principal.arn, action, resource, account: accountId, context }, set, sources);
      if (verdict) Grants.push({ Resource: resource, ...verdict });
    }
    const level = levels.get(action.toLowerCase());
    if (Grants.length > 0) Actions.push({ ActionName: action, ...(level ? { AccessLevel: level } : {}), Grants });
  }
  return {
    Service: service.key,
    ServiceName: service.name,
    CatalogActionCount: service.catalogCount,
    AllowedActionCount: Actions.filter((a) => a.Grants.some((g) => g.Decision === "allowed")).length,
    Actions,
  };
}

export const ListPrincipalPermissions = operation({
  name: "ListPrincipalPermissions",
  // What a principal may do is what AWS's policy simulator answers about it, action by action.
  action: "iam:SimulatePrincipalPolicy",
  readOnly: true,
  input: ListPrincipalPermissionsInput,
  ...actsOnPolicySource,
  run: ({ tx, input, caller }) => principalPermissions(tx, accountOf(caller), input),
});

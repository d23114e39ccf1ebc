// Unused permissions (Access Analyzer's UnusedPermission findings), in bulk for the whole account:
// for every user and role, each service its permissions policies grant, with when the principal
// last attempted any action of that service. unusedAccessFindings.ts turns the grants nobody used
// for N days into findings.
//
// What "granted" means: the engine, not a second evaluator, decides. A service is granted when at
// least one of its actions that an identity Allow statement names is allowed by evaluate() on a
// resource pattern those statements name (principalPermissions.ts's question), or allowed under a
// condition the question leaves open (MFA, a source address): the permission is there to be used.
// An explicit Deny or a permissions boundary that refuses every such action removes the grant.
// Session policies and SCPs are not weighed: as for last accessed, only permissions policies count.
//
// What "used" means is last accessed's (lastAccessed.ts's header): any attempt, allowed, denied
// or failed, by the user itself or by any session of the role; a console sign-in is no use of a
// permission (no policy authorizes it) and is left out.
//
// Where actions are tracked, as AWS reports unused actions for services with action last accessed
// information, a grant also lists each granted action with its last attempt: IAM and STS, the
// services whose every request Portcullis itself serves and audits.
//
// Cost at AWS's quotas: one load of the account's policy graph (accountPolicyGraph.ts); each
// policy's candidate actions computed once per compiled policy; each distinct policy set decided
// once (thousands of users share the same few groups), service by service until the engine allows
// one action; and the account's audit activity (auditActivity), which the other unused access
// findings share, so the audit log is read once for all of them.

import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import { allServiceActions, type ServiceActions } from "@/lib/catalog/serviceActions";
import { evaluate, preparePolicySet, type CompiledPolicy } from "@/lib/policy";
import { accessRequest, accessVerdict } from "../policies/accessVerdict";
import { loadAccountPolicyGraph, type GraphPrincipal, type PolicySourceView } from "../policies/accountPolicyGraph";
import { resourcePatterns } from "../policies/principalPermissions";
import { questionContext } from "../policies/questionContext";

export interface ServiceGrant {
  readonly principalKind: "user" | "role";
  readonly principalArn: string;
  readonly principalName: string;
  /** The service prefix: `s3`. */
  readonly service: string;
  /** AWS's name for it: "Amazon S3". */
  readonly serviceName: string;
  /** The principal's last attempt of any of the service's actions; absent when it never tried one. */
  readonly lastAttempt?: Date;
  /** ACTION_TRACKED_SERVICES only: every action of the service the engine allows, with the last attempt of each. */
  readonly actions?: readonly { readonly action: string; readonly lastAttempt?: Date }[];
}

/** The services whose every action Portcullis serves, so the audit log sees each attempt of each action. */
export const ACTION_TRACKED_SERVICES: ReadonlySet<string> = new Set(["iam", "sts"]);

/** A service a policy set grants; for a tracked service, the actions it grants. */
interface Granted {
  readonly service: string;
  readonly actions?: readonly string[];
}

/** Every service some user or role of the account is granted, with that principal's last attempt of it. */
export async function serviceGrants(tx: Tx, accountId: string, activity: AuditActivity, now = new Date()): Promise<ServiceGrant[]> {
  const [graph, catalog] = await Promise.all([loadAccountPolicyGraph(tx, accountId), allServiceActions()]);
  const names = new Map(catalog.map((s) => [s.key, s.name]));
  const decided = new Map<string, readonly Granted[]>();
  const grants: ServiceGrant[] = [];
  for (const principal of graph.principals) {
    if (principal.kind === "group") continue;
    const key = setKey(principal);
    let services = decided.get(key);
    if (!services) decided.set(key, (services = grantedServices(principal, graph.sources, catalog, accountId, now)));
    const whose = activityKey(principal.kind, principal.arn, principal.name);
    const used = activity.services.get(whose);
    const usedActions = activity.actions.get(whose);
    for (const { service, actions } of services) {
      const lastAttempt = used?.get(service);
      grants.push({
        principalKind: principal.kind,
        principalArn: principal.arn,
        principalName: principal.name,
        service,
        serviceName: names.get(service) ?? service,
        ...(lastAttempt ? { lastAttempt } : {}),
        ...(actions
          ? {
              actions: actions.map((action) => {
                const last = usedActions?.get(action.toLowerCase());
                return last ? { action, lastAttempt: last } : { action };
              }),
            }
          : {}),
      });
    }
  }
  return grants;
}

// ---------------------------------------------------------------------------------------------
// Policy sets: the same policies decide the same way for every principal that holds them, unless a
// policy reads the principal (a policy variable, or a condition on the principal's ARN, name, ID or
// tags): such a set is decided for each principal on its own.

const policyIds = new WeakMap<object, number>();
let nextPolicyId = 0;
const personalPolicies = new WeakMap<object, boolean>();
const PRINCIPAL_KEYS = /"aws:(principal[a-z]*|username|userid)/i;

/** compileCached shares one statements array between every copy of a policy version, whatever its name. */
function policyId(policy: CompiledPolicy): number {
  let id = policyIds.get(policy.statements);
  if (id === undefined) policyIds.set(policy.statements, (id = nextPolicyId++));
  return id;
}

function readsPrincipal(policy: CompiledPolicy): boolean {
  let personal = personalPolicies.get(policy.statements);
  if (personal === undefined) {
    const text = JSON.stringify(policy.document);
    personalPolicies.set(policy.statements, (personal = text.includes("${") || PRINCIPAL_KEYS.test(text)));
  }
  return personal;
}

function setKey(principal: GraphPrincipal): string {
  const policies = [...principal.set.identity, ...(principal.set.boundary ? [principal.set.boundary] : [])];
  const ids = principal.set.identity.map(policyId).sort((a, b) => a - b);
  const key = `${ids.join(",")}|${principal.set.boundary ? policyId(principal.set.boundary) : ""}`;
  return policies.some(readsPrincipal) ? `${key}|${principal.arn}` : key;
}

// ---------------------------------------------------------------------------------------------
// Candidates: per policy, the catalog actions its Allow statements name, by the engine's matching.

/** Service prefix → full action names (`s3:GetObject`). */
type Candidates = ReadonlyMap<string, readonly string[]>;

const candidatesByPolicy = new WeakMap<object, Candidates>();

function policyCandidates(policy: CompiledPolicy, catalog: readonly ServiceActions[]): Candidates {
  let candidates = candidatesByPolicy.get(policy.statements);
  if (candidates) return candidates;
  const allows = policy.statements.filter((s) => s.effect === "Allow");
  // A statement naming only exact prefixes ("s3:Get*") can match only those services; NotAction or
  // a wildcard in the prefix can match any, so the whole catalog is tried.
  let anyService = false;
  const named = new Set<string>();
  for (const s of allows) {
    if (!s.statement.Action) anyService = true;
    else
      for (const pattern of s.statement.Action) {
        const prefix = pattern === "*" ? "*" : pattern.slice(0, Math.max(pattern.indexOf(":"), 0)).toLowerCase();
        if (prefix === "" || /[*?]/.test(prefix)) anyService = true;
        else named.add(prefix);
      }
  }
  const found = new Map<string, string[]>();
  for (const service of catalog) {
    if (allows.length === 0 || (!anyService && !named.has(service.key))) continue;
    const actions = service.actions.map((a) => `${service.key}:${a}`).filter((action) => allows.some((s) => s.matchesAction(action.toLowerCase())));
    if (actions.length > 0) found.set(service.key, actions);
  }
  candidatesByPolicy.set(policy.statements, (candidates = found));
  return candidates;
}

/**
 * The services the engine finds the principal's set grants at least one action of: decided action
 * by action until one is allowed, or, for a tracked service, every action (the unused ones are listed).
 */
function grantedServices(principal: GraphPrincipal, sources: ReadonlyMap<string, PolicySourceView>, catalog: readonly ServiceActions[], accountId: string, now: Date): Granted[] {
  const candidates = new Map<string, Set<string>>();
  for (const policy of principal.set.identity) {
    for (const [service, actions] of policyCandidates(policy, catalog)) {
      const set = candidates.get(service) ?? new Set<string>();
      for (const action of actions) set.add(action);
      candidates.set(service, set);
    }
  }
  if (candidates.size === 0) return [];
  const set = preparePolicySet(principal.set);
  const context = questionContext({ ...principal.identity }, [], now);
  const allows = (action: string) =>
    resourcePatterns(set, action, context).some((resource) => {
      const question = { principal: principal.arn, action, resource, account: accountId, context };
      // The decision alone settles most actions; only one the engine does not allow needs the
      // traces that tell "allowed only under a condition the question leaves open" from "not allowed".
      if (evaluate(accessRequest(question), set, { explain: "none" }).decision === "Allow") return true;
      return accessVerdict(question, set, sources)?.Decision === "allowedWhen";
    });
  const granted: Granted[] = [];
  for (const [service, actions] of candidates) {
    if (ACTION_TRACKED_SERVICES.has(service)) {
      const allowed = [...actions].filter(allows);
      if (allowed.length > 0) granted.push({ service, actions: allowed });
    } else if ([...actions].some(allows)) granted.push({ service });
  }
  return granted.sort((a, b) => a.service.localeCompare(b.service));
}

// ---------------------------------------------------------------------------------------------
// Activity: per user, or per role's sessions, the last audit event of each service and (tracked
// services) of each action.

export interface AuditActivity {
  /** activityKey → service prefix → the last attempt. */
  readonly services: ReadonlyMap<string, ReadonlyMap<string, Date>>;
  /** activityKey → lower-cased action of a tracked service → the last attempt. */
  readonly actions: ReadonlyMap<string, ReadonlyMap<string, Date>>;
}

/** Whose activity: a user's own ARN; a role's sessions, whose ARNs name the role without its path. */
export function activityKey(kind: "user" | "role", arn: string, name: string): string {
  return kind === "role" ? `assumed-role/${name}` : arn;
}

/** The last attempt of any service. */
export function latestOf(services: ReadonlyMap<string, Date> | undefined): Date | undefined {
  let latest: Date | undefined;
  for (const time of services?.values() ?? []) if (!latest || latest < time) latest = time;
  return latest;
}

/**
 * The account's audit activity, from one GROUP BY over the (accountId, principalArn, action, time)
 * index, the service taken from the action in code so the SQL stays portable. Console sign-ins are
 * left out by action alone (`result` is not in the index, so filtering on it would read every
 * event's row): a successful one is the user's passwordLastUsed, and a failed one is someone trying
 * the password, no use by the user.
 */
export async function auditActivity(tx: Tx, accountId: string): Promise<AuditActivity> {
  const rows = await tx.$queryRaw<{ principal: string; action: string; last: string | number | bigint | Date }[]>(
    Prisma.sql`SELECT "principalArn" AS principal, "action", MAX("time") AS last FROM "AuditEvent"
      WHERE "accountId" = ${accountId} AND "action" <> 'signin:ConsoleLogin'
      GROUP BY "principalArn", "action"`,
  );
  const sessionPrefix = `arn:aws:sts::${accountId}:assumed-role/`;
  const services = new Map<string, Map<string, Date>>();
  const actions = new Map<string, Map<string, Date>>();
  const record = (byKey: Map<string, Map<string, Date>>, key: string, item: string, time: Date) => {
    const items = byKey.get(key) ?? new Map<string, Date>();
    const seen = items.get(item);
    if (!seen || seen < time) items.set(item, time);
    byKey.set(key, items);
  };
  for (const row of rows) {
    // A role session's attempts are its role's: arn:aws:sts::ACCT:assumed-role/NAME/SESSION → NAME.
    const key = row.principal.startsWith(sessionPrefix) ? activityKey("role", "", row.principal.slice(sessionPrefix.length, row.principal.lastIndexOf("/"))) : row.principal;
    const service = row.action.slice(0, row.action.indexOf(":")).toLowerCase();
    const time = new Date(typeof row.last === "bigint" ? Number(row.last) : row.last);
    record(services, key, service, time);
    if (ACTION_TRACKED_SERVICES.has(service)) record(actions, key, row.action.toLowerCase(), time);
  }
  return { services, actions };
}

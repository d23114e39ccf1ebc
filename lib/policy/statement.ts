// A compiled statement: each element turned into the cheapest test that decides it. Action matching
// is case-insensitive; resource (ARN) matching is case-sensitive with `*` and `?` wildcards; a
// statement without a Resource element (a role trust policy) applies to any resource.

import { compileCondition, conditionHolds, type CompiledCondition } from "./condition";
import { compileNotPrincipal, compilePrincipal, Grant, type Caller } from "./principal";
import type { Effect, Statement } from "./types";
import { resolveTemplate, resourceTemplateFor, type ContextLookup, type Template } from "./variables";
import { compileParts, compileWildcard, type Matcher } from "./wildcard";

export interface CompiledStatement {
  readonly statement: Statement;
  readonly index: number;
  /** The Sid, or `#index` when the statement has none: how explanations name it. */
  readonly label: string;
  readonly effect: Effect;
  readonly matchesAction: (lowerAction: string) => boolean;
  readonly matchesResource: (resource: string, lookup: ContextLookup) => boolean;
  /** Only for resource-based policies; identity statements have no principal element. */
  readonly grantFor?: (caller: Caller) => Grant;
  readonly notPrincipal: boolean;
  readonly conditions: readonly CompiledCondition[];
}

export function compileStatement(statement: Statement, index: number, variables: boolean): CompiledStatement {
  let grantFor: ((caller: Caller) => Grant) | undefined;
  if (statement.Principal !== undefined) grantFor = compilePrincipal(statement.Principal);
  else if (statement.NotPrincipal !== undefined) {
    // NotPrincipal applies to everyone it does not name, as if each of them were named directly.
    const named = compileNotPrincipal(statement.NotPrincipal);
    grantFor = (caller) => (named(caller) ? Grant.None : Grant.Direct);
  }
  return {
    statement,
    index,
    label: statement.Sid ? statement.Sid : `#${index}`,
    effect: statement.Effect,
    matchesAction: compileActions(statement.Action, statement.NotAction),
    matchesResource: compileResources(statement.Resource, statement.NotResource, variables),
    grantFor,
    notPrincipal: statement.NotPrincipal !== undefined,
    conditions: (statement.Condition ?? []).map((c) => compileCondition(c, variables)),
  };
}

/** True when every condition holds; the index of the first one that does not, otherwise. */
export function failedCondition(statement: CompiledStatement, lookup: ContextLookup): number {
  const conditions = statement.conditions;
  for (let i = 0; i < conditions.length; i++) if (!conditionHolds(conditions[i]!, lookup)) return i;
  return -1;
}

function compileActions(actions: readonly string[] | undefined, notActions: readonly string[] | undefined) {
  const list = actions ?? notActions;
  if (!list) return () => false;
  const exact = new Set<string>();
  const wild: Matcher[] = [];
  let all = false;
  for (const action of list) {
    const lower = action.toLowerCase();
    if (lower === "*") all = true;
    else if (lower.includes("*") || lower.includes("?")) wild.push(compileWildcard(lower));
    else exact.add(lower);
  }
  const matches = all
    ? () => true
    : wild.length === 0
      ? (a: string) => exact.has(a)
      : (a: string) => exact.has(a) || wild.some((m) => m(a));
  return actions ? matches : (a: string) => !matches(a);
}

function compileResources(
  resources: readonly string[] | undefined,
  notResources: readonly string[] | undefined,
  variables: boolean,
): (resource: string, lookup: ContextLookup) => boolean {
  const list = resources ?? notResources;
  if (!list) return () => true;
  const templates = list.map((r) => resourceTemplateFor(r, variables));
  const negate = resources === undefined;
  if (templates.every((t) => !t.dynamic)) {
    if (list.includes("*")) return negate ? () => false : () => true;
    // Static, but possibly with escapes (`${*}`): compile the resolved parts, not the raw text.
    const matchers = templates.map((t) => compileParts(resolveTemplate(t, () => undefined)!, "resource-arn"));
    const any = (resource: string) => {
      for (let i = 0; i < matchers.length; i++) if (matchers[i]!(resource)) return true;
      return false;
    };
    return negate ? (r) => !any(r) : any;
  }
  return (resource, lookup) => {
    const matched = anyResolvedMatch(templates, resource, lookup);
    return negate ? !matched : matched;
  };
}

/**
 * Whether any pattern matches. "The resource that includes a policy variable with no value will not
 * match any resource", so an unresolvable pattern simply does not match (and excludes nothing).
 */
function anyResolvedMatch(templates: readonly Template[], resource: string, lookup: ContextLookup): boolean {
  for (const template of templates) {
    const parts = resolveTemplate(template, lookup);
    if (parts && compileParts(parts, "resource-arn")(resource)) return true;
  }
  return false;
}

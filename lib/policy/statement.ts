// A compiled statement: each element turned into the cheapest test that decides it. Action matching
// is case-insensitive; resource (ARN) matching is case-sensitive with `*` and `?` wildcards; a
// statement without a Resource element (a role trust policy, an SCP) applies to any resource.

import { compileCondition, conditionHolds, type CompiledCondition } from "./condition";
import { isInvalidActionName } from "./grammar/elements";
import { compileNotPrincipal, compilePrincipal, Grant, type Caller } from "./principal";
import type { Effect, Statement } from "./types";
import { resolveTemplate, resourceTemplateFor, type ContextLookup, type Template } from "./variables";
import { compileParts, matchesFolded } from "./wildcard";

/**
 * A statement ready to match. Only the action test is needed to know whether a statement can apply
 * at all, so the resource, principal and condition tests are compiled on first use: a policy set
 * compiled for one decision pays only for the few statements that name its action.
 */
export class CompiledStatement {
  /** The Sid, or `#index` when the statement has none: how explanations name it. */
  readonly label: string;
  readonly effect: Effect;
  readonly notPrincipal: boolean;
  private readonly actionPatterns: readonly string[];
  private readonly actionsNegated: boolean;
  private resourceTest?: (resource: string, lookup: ContextLookup) => boolean;
  private principalTest?: (caller: Caller) => Grant;
  private compiledConditions?: readonly CompiledCondition[];
  private writtenElements?: Partial<Record<string, string>>;

  constructor(
    readonly statement: Statement,
    readonly index: number,
    private readonly variables: boolean,
  ) {
    this.label = statement.Sid ? statement.Sid : `#${index}`;
    this.effect = statement.Effect;
    this.notPrincipal = statement.NotPrincipal !== undefined;
    this.actionPatterns = realActionPatterns(statement.Action ?? statement.NotAction ?? []);
    this.actionsNegated = statement.Action === undefined && statement.NotAction !== undefined;
  }

  /** Action matching is case-insensitive; `lowerAction` is the request's action in lower case. */
  matchesAction(lowerAction: string): boolean {
    const patterns = this.actionPatterns;
    let matched = false;
    for (let i = 0; i < patterns.length && !matched; i++) matched = matchesFolded(patterns[i]!, lowerAction);
    return matched !== this.actionsNegated;
  }

  matchesResource(resource: string, lookup: ContextLookup): boolean {
    this.resourceTest ??= compileResources(this.statement.Resource, this.statement.NotResource, this.variables);
    return this.resourceTest(resource, lookup);
  }

  /** Only resource-based policies name principals; identity-side statements have no such element. */
  get namesPrincipal(): boolean {
    return this.statement.Principal !== undefined || this.notPrincipal;
  }

  /** How the Principal / NotPrincipal element names the caller. */
  grantFor(caller: Caller): Grant {
    this.principalTest ??= compilePrincipalTest(this.statement);
    return this.principalTest(caller);
  }

  /** An element's values as written, in JSON, for explanations (built once per statement). */
  written(element: "Action" | "NotAction" | "Resource" | "NotResource"): string {
    this.writtenElements ??= {};
    return (this.writtenElements[element] ??= JSON.stringify(this.statement[element] ?? []));
  }

  get conditions(): readonly CompiledCondition[] {
    this.compiledConditions ??= (this.statement.Condition ?? []).map((c) => compileCondition(c, this.variables));
    return this.compiledConditions;
  }
}

/**
 * The patterns that can match a real action. "Invalid actions do not affect the permissions granted
 * by the policy": a value such as "s3:GetObject,PutObject" (which only a policy stored before IAM
 * checked action names can hold) matches nothing, so an Allow grants nothing by it, a Deny denies
 * nothing, and a NotAction excludes nothing. Left out once here, at compile time, rather than tested
 * on every match.
 */
function realActionPatterns(written: readonly string[]): readonly string[] {
  return written.some(isInvalidActionName) ? written.filter((action) => !isInvalidActionName(action)) : written;
}

export function compileStatement(statement: Statement, index: number, variables: boolean): CompiledStatement {
  return new CompiledStatement(statement, index, variables);
}

function compilePrincipalTest(statement: Statement): (caller: Caller) => Grant {
  if (statement.Principal !== undefined) return compilePrincipal(statement.Principal);
  if (statement.NotPrincipal === undefined) return () => Grant.Direct;
  // NotPrincipal applies to everyone it does not name, as if each of them were named directly.
  const named = compileNotPrincipal(statement.NotPrincipal);
  return (caller) => (named(caller) ? Grant.None : Grant.Direct);
}

/** True when every condition holds; the index of the first one that does not, otherwise. */
export function failedCondition(statement: CompiledStatement, lookup: ContextLookup): number {
  const conditions = statement.conditions;
  for (let i = 0; i < conditions.length; i++) if (!conditionHolds(conditions[i]!, lookup)) return i;
  return -1;
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

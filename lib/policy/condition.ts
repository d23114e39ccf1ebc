// A compiled condition: one operator, one key, its values. The rules below are the IAM User Guide's
// ("Condition operators", "Single-valued vs. multivalued context keys"):
// - several values for one key are ORed; the statement ANDs all its conditions (statement.ts);
// - a missing key makes a positive operator false and a negated operator true; …IfExists makes
//   any operator true on a missing key;
// - ForAllValues is true when every request value matches (vacuously true on a missing or empty
//   key); ForAnyValue when at least one does (false on a missing key unless …IfExists);
// - without a set qualifier, a multivalued request value never matches: multivalued keys need one;
// - Null:true means "the key is absent", Null:false "the key is present".

import { isParsedOperator, parseOperator, type ParsedOperator } from "./conditionOperator";
import { compileValuesTest, type ValuesTest } from "./conditionValues";
import type { ConditionEntry } from "./types";
import type { ContextLookup } from "./variables";

export interface CompiledCondition {
  readonly entry: ConditionEntry;
  readonly operator: ParsedOperator;
  readonly lowerKey: string;
  readonly test: ValuesTest;
}

export function compileCondition(entry: ConditionEntry, variables: boolean): CompiledCondition {
  const operator = parseOperator(entry.operator);
  if (!isParsedOperator(operator)) {
    // readPolicy rejects these; compiling one anyway is a programming error, not a policy finding.
    throw new Error(`Invalid condition operator "${entry.operator}"`);
  }
  return {
    entry,
    operator,
    lowerKey: entry.key.toLowerCase(),
    test: compileValuesTest(operator.base, entry.values, variables),
  };
}

export function conditionHolds(condition: CompiledCondition, lookup: ContextLookup): boolean {
  const { operator } = condition;
  const { base, set, ifExists } = operator;
  const requestValue = lookup(condition.lowerKey);

  if (base.family === "Null") {
    const present = requestValue !== undefined;
    return condition.entry.values.some((v) => (v.toLowerCase() === "true" ? !present : v.toLowerCase() === "false" && present));
  }

  if (set === "ForAllValues") {
    if (requestValue === undefined) return true;
    if (typeof requestValue === "string") return holdsFor(condition, requestValue, lookup);
    for (const value of requestValue) if (!holdsFor(condition, value, lookup)) return false;
    return true;
  }
  if (set === "ForAnyValue") {
    if (requestValue === undefined) return ifExists;
    if (typeof requestValue === "string") return holdsFor(condition, requestValue, lookup);
    for (const value of requestValue) if (holdsFor(condition, value, lookup)) return true;
    return false;
  }
  if (requestValue === undefined) return ifExists || base.negated;
  if (typeof requestValue !== "string") return false;
  return holdsFor(condition, requestValue, lookup);
}

/** The operator applied to one request value, negation included; a value of the wrong type fails both. */
function holdsFor(condition: CompiledCondition, value: string, lookup: ContextLookup): boolean {
  const matched = condition.test(value, lookup);
  if (matched === undefined) return false;
  return condition.operator.base.negated ? !matched : matched;
}

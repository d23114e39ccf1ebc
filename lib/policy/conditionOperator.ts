// Condition operator names, as the IAM User Guide's "Condition operators" page lists them. An
// operator as written in a policy may carry a set qualifier (`ForAllValues:` / `ForAnyValue:`) and an
// `IfExists` suffix; this module splits it into those parts and knows each base operator's family.

export type OperatorFamily = "String" | "Numeric" | "Date" | "Bool" | "Binary" | "Ip" | "Arn" | "Null";

export type SetQualifier = "ForAllValues" | "ForAnyValue";

export interface BaseOperator {
  readonly name: string;
  readonly family: OperatorFamily;
  /** Negated operators (StringNotEquals, NotIpAddress, …) are true when the key is missing. */
  readonly negated: boolean;
}

export interface ParsedOperator {
  readonly base: BaseOperator;
  readonly set?: SetQualifier;
  readonly ifExists: boolean;
}

const BASE_OPERATORS: readonly BaseOperator[] = [
  ["StringEquals", "String", false],
  ["StringNotEquals", "String", true],
  ["StringEqualsIgnoreCase", "String", false],
  ["StringNotEqualsIgnoreCase", "String", true],
  ["StringLike", "String", false],
  ["StringNotLike", "String", true],
  ["NumericEquals", "Numeric", false],
  ["NumericNotEquals", "Numeric", true],
  ["NumericLessThan", "Numeric", false],
  ["NumericLessThanEquals", "Numeric", false],
  ["NumericGreaterThan", "Numeric", false],
  ["NumericGreaterThanEquals", "Numeric", false],
  ["DateEquals", "Date", false],
  ["DateNotEquals", "Date", true],
  ["DateLessThan", "Date", false],
  ["DateLessThanEquals", "Date", false],
  ["DateGreaterThan", "Date", false],
  ["DateGreaterThanEquals", "Date", false],
  ["Bool", "Bool", false],
  ["BinaryEquals", "Binary", false],
  ["IpAddress", "Ip", false],
  ["NotIpAddress", "Ip", true],
  ["ArnEquals", "Arn", false],
  ["ArnLike", "Arn", false],
  ["ArnNotEquals", "Arn", true],
  ["ArnNotLike", "Arn", true],
  ["Null", "Null", false],
].map(([name, family, negated]) => ({ name, family, negated }) as BaseOperator);

// AWS matches operator names case-insensitively, so the lookup is keyed by the lower-cased name.
const BY_LOWER_NAME = new Map(BASE_OPERATORS.map((op) => [op.name.toLowerCase(), op]));

export const CONDITION_OPERATOR_NAMES: readonly string[] = BASE_OPERATORS.map((op) => op.name);

export type OperatorProblem =
  | { readonly kind: "unknown-operator" }
  | { readonly kind: "unknown-set-qualifier"; readonly qualifier: string }
  | { readonly kind: "null-if-exists" };

/** Splits an operator as written into its parts, or says why it is not a valid operator. */
export function parseOperator(written: string): ParsedOperator | OperatorProblem {
  let rest = written;
  let set: SetQualifier | undefined;
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    const qualifier = rest.slice(0, colon);
    const lower = qualifier.toLowerCase();
    if (lower === "forallvalues") set = "ForAllValues";
    else if (lower === "foranyvalue") set = "ForAnyValue";
    else return { kind: "unknown-set-qualifier", qualifier };
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  let base = BY_LOWER_NAME.get(rest.toLowerCase());
  if (!base && rest.toLowerCase().endsWith("ifexists")) {
    base = BY_LOWER_NAME.get(rest.slice(0, -"IfExists".length).toLowerCase());
    ifExists = base !== undefined;
    if (base?.family === "Null") return { kind: "null-if-exists" };
  }
  if (!base) return { kind: "unknown-operator" };
  return { base, set, ifExists };
}

export function isParsedOperator(result: ParsedOperator | OperatorProblem): result is ParsedOperator {
  return "base" in result;
}

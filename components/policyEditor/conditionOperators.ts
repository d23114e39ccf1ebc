// The condition operators the visual editor offers: the engine's operators (lib/policy), each with
// its …IfExists form. Set operators (ForAllValues:/ForAnyValue:) and the rarely used binary operator
// are edited in JSON.

import { CONDITION_OPERATOR_NAMES } from "@/lib/policy";

const BINARY = "BinaryEquals";
/** AWS: every operator except Null can take the IfExists suffix. */
const NULL = "Null";

/** Menu order: string and ARN operators first, the ones most conditions use; the rest as the engine lists them. */
function menuRank(operator: string): number {
  if (operator.startsWith("String")) return 0;
  if (operator.startsWith("Arn")) return 1;
  return 2;
}

const BASE_OPERATORS = CONDITION_OPERATOR_NAMES.filter((op) => op !== BINARY && op !== NULL).sort((a, b) => menuRank(a) - menuRank(b));

/** Every operator the visual editor can show, in menu order, Null last. */
export const VISUAL_CONDITION_OPERATORS: readonly string[] = [...BASE_OPERATORS, ...BASE_OPERATORS.map((op) => `${op}IfExists`), NULL];

const SUPPORTED = new Set(VISUAL_CONDITION_OPERATORS);

export function isVisualOperator(operator: string): boolean {
  return SUPPORTED.has(operator);
}

/** A sensible first operator for a condition key of AWS's value type (String, ARN, Bool, …). */
export function defaultOperatorFor(type: string | undefined): string {
  switch (type?.toLowerCase()) {
    case "arn":
    case "arrayofarn":
      return "ArnLike";
    case "bool":
    case "boolean":
      return "Bool";
    case "numeric":
    case "long":
      return "NumericLessThan";
    case "date":
      return "DateGreaterThan";
    case "ipaddress":
      return "IpAddress";
    default:
      return "StringEquals";
  }
}

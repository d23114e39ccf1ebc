// The condition operators the visual editor offers: the common ones from the IAM JSON policy
// reference, each with its …IfExists form. Set operators (ForAllValues:/ForAnyValue:) and the
// rarely used binary operator are edited in JSON.

const BASE_OPERATORS = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "IpAddress",
  "NotIpAddress",
] as const;

/** Every operator the visual editor can show, in menu order; `Null` has no IfExists form. */
export const VISUAL_CONDITION_OPERATORS: readonly string[] = [...BASE_OPERATORS, ...BASE_OPERATORS.map((op) => `${op}IfExists`), "Null"];

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

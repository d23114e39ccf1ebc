// Condition values must suit their operator: numbers for Numeric*, dates for Date*, true/false for
// Bool and Null, IP ranges for IpAddress, ARNs for Arn*, base64 for BinaryEquals. Values holding
// policy variables are checked by policyVariables.ts instead, since they are only known per request.

import { parseArn } from "../arn";
import { isParsedOperator, parseOperator, type OperatorFamily } from "../conditionOperator";
import { draft, type DraftFinding } from "../grammar/draft";
import { conditionPath } from "../grammar/reading";
import { forEachStatement, type PolicyCheck } from "./context";
import { maskVariables } from "./resourceArn";
import { parseBase64, parseBool, parseDate, parseNumber } from "../conditionValues";
import { parseIpBlock } from "../ipAddress";

// The validator accepts exactly what the engine can parse: a value it passes here can match.
const parses = (parse: (v: string) => unknown) => (value: string) => parse(value) !== undefined;

const FORMATS: Partial<Record<OperatorFamily, { code: string; valid: (v: string) => boolean; expected: string }>> = {
  Numeric: { code: "TYPE_MISMATCH_NUMBER", valid: parses(parseNumber), expected: "a number, such as 10 or 2.5" },
  Date: { code: "TYPE_MISMATCH_DATE", valid: parses(parseDate), expected: "an ISO 8601 date (2024-01-31T12:00:00Z) or epoch seconds" },
  Bool: { code: "TYPE_MISMATCH_BOOLEAN", valid: parses(parseBool), expected: '"true" or "false"' },
  Null: { code: "TYPE_MISMATCH_BOOLEAN", valid: parses(parseBool), expected: '"true" (the key is absent) or "false" (it is present)' },
  Ip: { code: "TYPE_MISMATCH_IP_RANGE", valid: parses(parseIpBlock), expected: "an IP address or CIDR range, such as 203.0.113.0/24" },
  Arn: { code: "TYPE_MISMATCH_ARN", valid: (v) => v === "*" || parseArn(maskVariables(v)) !== undefined, expected: "an ARN (arn:partition:service:region:account:resource)" },
  Binary: { code: "TYPE_MISMATCH_BINARY", valid: (v) => v !== "" && parseBase64(v) !== undefined, expected: "a base64-encoded value" },
};

// Only the *Like operators treat * and ? as wildcards; the Equals operators compare them literally.
const LITERAL_STRING_OPERATORS = new Set(["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"]);

export const checkConditionValueTypes: PolicyCheck = ({ reading }) => {
  const findings: DraftFinding[] = [];
  forEachStatement(reading, (statement, source) => {
    statement.Condition?.forEach((entry, e) => {
      const parsed = parseOperator(entry.operator);
      if (!isParsedOperator(parsed)) return;
      const format = FORMATS[parsed.base.family];
      entry.values.forEach((value, v) => {
        if (value.includes("${")) return;
        const path = conditionPath(source, e, entry, v);
        if (format && !format.valid(value)) {
          findings.push(
            draft("error", format.code, `"${value}" is not valid for ${entry.operator} on "${entry.key}": use ${format.expected}.`, path),
          );
        }
        if (LITERAL_STRING_OPERATORS.has(parsed.base.name) && value.includes("*")) {
          const like = parsed.base.name.includes("Not") ? "StringNotLike" : "StringLike";
          findings.push(
            draft("warning", "WILDCARD_WITHOUT_LIKE_OPERATOR", `${entry.operator} compares "${value}" literally, so its * is not a wildcard. Use ${like} if you meant a pattern.`, path),
          );
        }
      });
    });
  });
  return findings;
};

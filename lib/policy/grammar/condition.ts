// Reading a Condition block: `{ operator: { key: value | [values] } }` becomes a flat list of
// `{ operator, key, values }` with every value as a string, which is how IAM compares them.

import { isParsedOperator, parseOperator } from "../conditionOperator";
import type { ConditionEntry } from "../types";
import { draft, isPlainObject, jsonType, type DraftFinding, type PathSegment } from "./draft";
import type { StatementSource } from "./reading";

function conditionValue(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  return undefined;
}

function checkOperator(operator: string, path: readonly PathSegment[], findings: DraftFinding[]): void {
  const parsed = parseOperator(operator);
  if (isParsedOperator(parsed)) return;
  if (parsed.kind === "null-if-exists") {
    findings.push(
      draft("error", "NULL_WITH_IF_EXISTS", `"${operator}" is not valid: the Null operator cannot take the IfExists suffix. Use "Null".`, path, "key"),
    );
  } else if (parsed.kind === "unknown-set-qualifier") {
    findings.push(
      draft("error", "INVALID_SET_QUALIFIER", `"${parsed.qualifier}" in "${operator}" is not a set qualifier. Use "ForAllValues:" or "ForAnyValue:".`, path, "key"),
    );
  } else {
    findings.push(
      draft("error", "INVALID_CONDITION_OPERATOR", `"${operator}" is not a condition operator. Use one such as "StringEquals", "ArnLike" or "NumericLessThan".`, path, "key"),
    );
  }
}

function readValues(
  value: unknown,
  path: readonly PathSegment[],
  key: string,
  findings: DraftFinding[],
): { values: string[]; array: boolean } {
  const single = conditionValue(value);
  if (single !== undefined) return { values: [single], array: false };
  if (!Array.isArray(value)) {
    findings.push(
      draft("error", "DATA_TYPE_MISMATCH", `The value of condition key "${key}" must be a string, number, boolean or an array of them, not ${jsonType(value)}.`, path),
    );
    return { values: [], array: false };
  }
  if (value.length === 0) {
    findings.push(
      draft("suggestion", "EMPTY_ARRAY_CONDITION", `Condition key "${key}" has an empty array of values, so the condition can never be met as written. Add values or remove the key.`, path),
    );
  }
  const values: string[] = [];
  value.forEach((item, i) => {
    const text = conditionValue(item);
    if (text !== undefined) values.push(text);
    else {
      findings.push(
        draft("error", "DATA_TYPE_MISMATCH", `Each value of condition key "${key}" must be a string, number or boolean, not ${jsonType(item)}.`, [...path, i]),
      );
    }
  });
  return { values, array: true };
}

// A condition key is `prefix:name` (`aws:username`, `s3:prefix`); IAM rejects keys without a prefix.
function keyHasPrefix(key: string): boolean {
  const colon = key.indexOf(":");
  return colon > 0 && colon < key.length - 1;
}

export function readCondition(
  value: unknown,
  path: readonly PathSegment[],
  source: StatementSource,
  findings: DraftFinding[],
): ConditionEntry[] | undefined {
  if (!isPlainObject(value)) {
    findings.push(draft("error", "DATA_TYPE_MISMATCH", `Condition must be an object of operators, not ${jsonType(value)}.`, path));
    return undefined;
  }
  const operators = Object.keys(value);
  if (operators.length === 0) {
    findings.push(draft("suggestion", "EMPTY_OBJECT_CONDITION", "Condition is an empty object and has no effect. Add conditions or remove it.", path));
  }
  const entries: ConditionEntry[] = [];
  for (const operator of operators) {
    const operatorPath = [...path, operator];
    checkOperator(operator, operatorPath, findings);
    const block = value[operator];
    if (!isPlainObject(block)) {
      findings.push(
        draft("error", "DATA_TYPE_MISMATCH", `The "${operator}" operator must map condition keys to values, not be ${jsonType(block)}.`, operatorPath),
      );
      continue;
    }
    const keys = Object.keys(block);
    if (keys.length === 0) {
      findings.push(
        draft("suggestion", "EMPTY_OBJECT_CONDITION", `The "${operator}" operator has no condition keys and has no effect. Add keys or remove it.`, operatorPath),
      );
    }
    // Condition key names are case-insensitive, so two spellings of one key are the same key twice.
    const seen = new Map<string, string>();
    for (const key of keys) {
      const keyPath = [...operatorPath, key];
      if (!keyHasPrefix(key)) {
        findings.push(
          draft("error", "INVALID_CONDITION_KEY_FORMAT", `Condition key "${key}" is not valid: use the form "prefix:name", such as "aws:username" or "s3:prefix".`, keyPath, "key"),
        );
      }
      const first = seen.get(key.toLowerCase());
      if (first !== undefined) {
        findings.push(
          draft("error", "DUPLICATE_KEYS_WITH_DIFFERENT_CASE", `Condition keys "${first}" and "${key}" differ only in case, and condition keys are case-insensitive. Merge them into one key.`, keyPath, "key"),
        );
      } else seen.set(key.toLowerCase(), key);
      const { values, array } = readValues(block[key], keyPath, key, findings);
      entries.push({ operator, key, values });
      source.conditionArrays.push(array);
    }
  }
  return entries;
}

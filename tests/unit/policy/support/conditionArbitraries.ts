// fast-check generators of Condition blocks for the differential test: every operator family,
// IfExists and set qualifiers, policy variables, over a handful of context keys whose request values
// sometimes satisfy and sometimes miss them (see arbitraries.ts for the request side).

import fc from "fast-check";
import { ACCOUNT, ALICE_ARN, OTHER_ACCOUNT, oneOrMany, weighted } from "./combinators";

interface KeySpec {
  readonly spellings: readonly string[];
  readonly operators: readonly string[];
  readonly values: readonly string[];
  readonly variableValues: readonly string[];
}

const STRING_OPS = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
];
const ARN_OPS = ["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"];
const NUMERIC_OPS = [
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
];
const DATE_OPS = ["DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"];

const KEY_SPECS: readonly KeySpec[] = [
  {
    spellings: ["aws:username", "AWS:UserName"],
    operators: STRING_OPS,
    values: ["alice", "bob", "Alice", "a*", "*", "al?ce"],
    variableValues: ["${aws:username}", "${aws:PrincipalTag/team, 'alice'}", "${aws:PrincipalTag/team}", "a${*}"],
  },
  {
    spellings: ["aws:PrincipalTag/team", "aws:principaltag/team"],
    operators: STRING_OPS,
    values: ["dev", "ops", "DEV", "d*"],
    variableValues: ["${aws:RequestTag/env}", "${aws:RequestTag/env, 'dev'}"],
  },
  {
    spellings: ["aws:RequestTag/env"],
    operators: STRING_OPS,
    values: ["prod", "dev", "p*"],
    variableValues: ["${aws:PrincipalTag/team}"],
  },
  {
    spellings: ["aws:TagKeys", "aws:tagkeys"],
    operators: STRING_OPS,
    values: ["env", "team", "cost", "t*"],
    variableValues: [],
  },
  {
    spellings: ["aws:PrincipalArn", "aws:principalarn"],
    operators: [...ARN_OPS, "StringEquals", "StringLike"],
    values: [
      ALICE_ARN,
      `arn:aws:iam::${ACCOUNT}:user/*`,
      `arn:aws:iam::*:role/Dev`,
      `arn:aws:iam::${OTHER_ACCOUNT}:*`,
      `arn:aws:iam::${ACCOUNT}:user/engineering/*`,
    ],
    variableValues: [`arn:aws:iam::${ACCOUNT}:user/\${aws:username}`],
  },
  {
    spellings: ["aws:SourceIp", "aws:sourceip"],
    operators: ["IpAddress", "NotIpAddress"],
    values: ["10.0.0.0/8", "192.168.1.0/24", "203.0.113.5", "203.0.113.0/24", "2001:db8::/32"],
    variableValues: [],
  },
  {
    spellings: ["aws:CurrentTime"],
    operators: DATE_OPS,
    // ISO 8601 only: iam-simulate compares epoch seconds with ISO milliseconds
    // (known-differences.test.ts, "dates in epoch seconds compare with ISO 8601 dates").
    values: ["2024-01-01T00:00:00Z", "2023-06-15T00:00:00Z", "2025-01-01T00:00:00Z"],
    variableValues: [],
  },
  {
    spellings: ["aws:MultiFactorAuthAge"],
    operators: NUMERIC_OPS,
    values: ["0", "300", "3600", "86400"],
    variableValues: [],
  },
  {
    spellings: ["aws:MultiFactorAuthPresent", "aws:multifactorauthpresent", "aws:SecureTransport"],
    operators: ["Bool"],
    values: ["true", "false"],
    // AWS substitutes no variables under Bool; iam-simulate does (known-differences.test.ts,
    // "policy variables are not substituted under Bool").
    variableValues: [],
  },
];

interface ConditionTriple {
  readonly operator: string;
  readonly key: string;
  readonly value: string | string[];
}

const NEGATED_OPS = new Set(["StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "ArnNotEquals", "ArnNotLike", "NotIpAddress"]);

/** True for `${key}` without a default: it has no value when the key is missing from the request. */
const mayBeUnresolved = (value: string) => /\$\{(?![*?$]\})[^}']*\}/.test(value);

/** True for a single IP address without a /prefix. */
const isBareIp = (value: string) => !value.includes("/");

/**
 * The values one operator may compare with. Two exclusions, each pinned in
 * known-differences.test.ts: a negated operator never gets a variable that may have no value
 * ("negated operators match a policy variable that has no value"), and NotIpAddress never gets a bare
 * address ("a bare IP address means /32").
 */
function valuesFor(spec: KeySpec, base: string, variables: boolean): string[] {
  let pool = variables ? [...spec.values, ...spec.variableValues] : [...spec.values];
  if (NEGATED_OPS.has(base)) pool = pool.filter((value) => !mayBeUnresolved(value));
  if (base === "NotIpAddress") pool = pool.filter((value) => !isBareIp(value));
  return pool;
}

function conditionEntryArb(spec: KeySpec, base: string, variables: boolean): fc.Arbitrary<ConditionTriple> {
  return fc
    .record({
      key: fc.constantFrom(...spec.spellings),
      set: weighted<string>([5, fc.constant("")], [1, fc.constant("ForAnyValue:")], [1, fc.constant("ForAllValues:")]),
      ifExists: weighted([3, fc.constant(false)], [1, fc.constant(true)]),
      value: oneOrMany(fc.constantFrom(...valuesFor(spec, base, variables))),
    })
    .map(({ key, set, ifExists, value }) => ({
      // ForAnyValue with IfExists is pinned in known-differences.test.ts ("IfExists under
      // ForAnyValue"); the generator writes ForAnyValue without it.
      operator: `${set}${base}${ifExists && set !== "ForAnyValue:" ? "IfExists" : ""}`,
      key,
      value,
    }));
}

const nullEntryArb: fc.Arbitrary<ConditionTriple> = fc.record({
  operator: fc.constant("Null"),
  key: fc.constantFrom(...KEY_SPECS.flatMap((spec) => spec.spellings)),
  value: fc.constantFrom("true", "false"),
});

export function conditionArb(variables: boolean): fc.Arbitrary<Record<string, Record<string, string | string[]>>> {
  // Each key is equally likely, whatever the number of operators it admits.
  const entry = fc.oneof(
    ...KEY_SPECS.map((spec) => fc.oneof(...spec.operators.map((base) => conditionEntryArb(spec, base, variables)))),
    nullEntryArb,
  );
  return fc.array(entry, { minLength: 1, maxLength: 3 }).map((entries) => {
    const block: Record<string, Record<string, string | string[]>> = {};
    for (const { operator, key, value } of entries) {
      const keys = (block[operator] ??= {});
      // Keys are case-insensitive; two spellings of one key under one operator are a grammar error.
      if (!Object.keys(keys).some((k) => k.toLowerCase() === key.toLowerCase())) keys[key] = value;
    }
    return block;
  });
}

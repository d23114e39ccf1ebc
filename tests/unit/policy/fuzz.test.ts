// Fuzz test of the engine's front door: 10,000 random or mutated policy documents go through
// parsePolicy / readPolicy / validatePolicy / compilePolicy / evaluate. The API's promise is that
// bad input comes back as findings, never as an exception (the policy editor calls it on every
// keystroke), that a document is returned exactly when there is no error finding, and that every
// document it returns can be compiled and evaluated to one of the three decisions. Every input also
// goes through evaluateCase (the CLI's contract) in the slot of a case its kind fills, strict and
// not: a case is refused with a sentence or decided, never an internal error.
//
// Every input is checked and the failures are collected, so one run reports all of them rather than
// the first. Reproduce one with the command printed beside it:
//   POLICY_FUZZ_SEED=<seed> POLICY_FUZZ_RUN=<run> npx vitest run fuzz

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compilePolicy,
  evaluate,
  evaluateCase,
  parsePolicy,
  POLICY_KINDS,
  readPolicy,
  validatePolicy,
  type AuthorizationRequest,
  type Finding,
  type PolicyDocument,
  type PolicyKind,
} from "../../../lib/policy/index";
import { validPolicyArb } from "./support/arbitraries";
import type { PolicyJson } from "./support/iamSimulateOracle";

const SEED = Number(process.env.POLICY_FUZZ_SEED ?? 4_242_424);
const RUNS = Number(process.env.POLICY_FUZZ_RUNS ?? 10_000);
/** Replays one run (0-based) of the seed's sequence instead of all of them. */
const ONLY_RUN = process.env.POLICY_FUZZ_RUN === undefined ? undefined : Number(process.env.POLICY_FUZZ_RUN);
const FAILURES_SHOWN = 5;

/** One fuzz input: JSON text, a JS value, or both; `invalid` when the mutation surely breaks the grammar. */
interface FuzzInput {
  readonly label: string;
  readonly text?: string;
  readonly value?: unknown;
  readonly invalid: boolean;
}

// Strings that have broken parsers before: lone surrogates, NUL, BOM, bidi overrides, combining
// marks, astral-plane characters, and JSON-looking text inside a string.
const ODD_STRINGS = [
  "\uD800",
  "a\uDFFFb",
  "\u0000",
  "\uFEFFiam:GetUser",
  "\u202Earn:aws:iam::111122223333:user/alice",
  "e\u0301\u0301\u0301",
  "🦀🔥",
  "${",
  "${aws:username",
  "${}",
  "${${aws:username}}",
  '"},{"Effect":"Allow"',
  "\\u0041",
  "\n\t\r",
];

const oddStringArb = fc.oneof(
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

/** Values of the wrong JSON type for any policy element. */
const wrongTypeArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, [], {}, [[]], [null], [1, 2], { Allow: "*" }),
  fc.jsonValue({ maxDepth: 3 }),
);

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function statementsOf(policy: PolicyJson): PolicyJson[] {
  const s = policy.Statement;
  return (Array.isArray(s) ? s : [s]) as PolicyJson[];
}

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

type Mutation = (policy: PolicyJson, pick: number, junk: unknown, odd: string) => FuzzInput;

const ELEMENTS = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

const MUTATIONS: Record<string, Mutation> = {
  // The unmutated policy, as text (with random indentation) and as a value: the control group
  // that must be accepted, compiled and evaluated.
  asIs: (policy, pick) => ({ label: "valid policy", value: policy, text: JSON.stringify(policy, null, pick % 5), invalid: false }),
  // Effect must be exactly "Allow" or "Deny" (case-sensitive, IAM User Guide, Effect element).
  wrongEffect: (policy, pick, junk) => {
    const p = clone(policy);
    const statement = statementsOf(p)[pick % statementsOf(p).length]!;
    statement.Effect = typeof junk === "string" && junk !== "Allow" && junk !== "Deny" ? junk : ["allow", "ALLOW", "Permit", 1, null][pick % 5];
    return { label: "wrong Effect", value: p, invalid: true };
  },
  wrongStatementType: (policy, pick) => {
    const p = clone(policy);
    // (An empty array is only a warning, as in Access Analyzer: EMPTY_ARRAY_STATEMENT.)
    p.Statement = [null, 42, "Allow", true, [1], [[]], [null]][pick % 7];
    return { label: "wrong Statement type", value: p, invalid: true };
  },
  deleteRequired: (policy, pick) => {
    const p = clone(policy);
    if (pick % 2 === 0) delete p.Statement;
    else delete statementsOf(p)[0]!.Effect;
    return { label: "required element deleted", value: p, invalid: true };
  },
  wrongElementType: (policy, pick, junk) => {
    const p = clone(policy);
    const statement = statementsOf(p)[pick % statementsOf(p).length]!;
    statement[ELEMENTS[pick % ELEMENTS.length]!] = junk;
    return { label: "element of a random type", value: p, invalid: false };
  },
  numberForActionList: (policy, pick) => {
    const p = clone(policy);
    const statement = statementsOf(p)[0]!;
    const element = "Action" in statement ? "Action" : "NotAction";
    statement[element] = [42, [null], {}, [["iam:GetUser"]], ["iam:GetUser", 7]][pick % 5];
    return { label: "Action holding a non-string", value: p, invalid: true };
  },
  duplicateKey: (policy) => {
    // JSON.parse keeps the last duplicate; IAM rejects the document, and so must parsePolicy.
    const text = JSON.stringify(policy).replace('"Effect":', '"Effect":"Deny","Effect":');
    return { label: "duplicate key in text", text, invalid: true };
  },
  truncated: (policy, pick) => {
    const text = JSON.stringify(policy, null, pick % 3);
    // A strict prefix of a JSON object's text is never JSON (the closing brace is missing).
    return { label: "truncated text", text: text.slice(0, pick % text.length), invalid: true };
  },
  oddUnicode: (policy, pick, _junk, odd) => {
    const p = clone(policy);
    const statement = statementsOf(p)[pick % statementsOf(p).length]!;
    const element = ["Sid", "Action", "Resource", "NotResource"][pick % 4]!;
    statement[element] = pick % 2 === 0 ? odd : [odd, `iam:${odd}`, `arn:aws:iam::111122223333:user/${odd}`];
    return { label: "odd unicode", value: p, invalid: false };
  },
  oddUnicodeInCondition: (policy, pick, _junk, odd) => {
    const p = clone(policy);
    const statement = statementsOf(p)[0]!;
    const operator = ["StringEquals", "ForAnyValue:StringLike", "ArnLike", "IpAddress", "DateLessThan", "NumericEquals", odd][pick % 7]!;
    statement.Condition = { [operator]: { [pick % 2 === 0 ? "aws:username" : odd]: [odd, `\${${odd}}`] } };
    return { label: "odd unicode in Condition", value: p, invalid: false };
  },
  hugeString: (policy, pick) => {
    const p = clone(policy);
    const statement = statementsOf(p)[0]!;
    const huge = "a".repeat(50_000 + (pick % 150_000));
    const element = ["Sid", "Resource", "Action"][pick % 3]!;
    statement[element] = element === "Resource" ? `arn:aws:s3:::${huge}*` : element === "Action" ? `iam:${huge}` : huge;
    return { label: "huge string", value: p, text: JSON.stringify(p), invalid: false };
  },
  deepValue: (policy, pick) => {
    const p = clone(policy);
    statementsOf(p)[0]!.Condition = { StringEquals: { "aws:username": nested(500 + (pick % 3000), "alice") } };
    return { label: "deeply nested condition value", value: p, invalid: true };
  },
  deepText: (_policy, pick) => {
    const depth = 10_000 + (pick % 40_000);
    const inner = pick % 2 === 0 ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
    return { label: "deeply nested text", text: `{"Version":"2012-10-17","Statement":${inner}}`, invalid: true };
  },
  renamedKey: (policy, pick) => {
    // Element names are case-sensitive; a misspelt one is unknown. Not asserted either way: this
    // only checks the grammar copes.
    const text = JSON.stringify(policy).replace(/"(Effect|Action|Resource|Statement|Condition)"/, (_m, name: string) =>
      pick % 2 === 0 ? `"${name.toLowerCase()}"` : `"${name}X"`,
    );
    return { label: "renamed key", text, invalid: false };
  },
  // A valid service prefix with a name no action has ("s3:GetObject,PutObject"): the grammar rejects
  // it, and a case evaluates it as matching nothing, with a warning (strict: refused).
  invalidActionName: (policy, pick) => {
    const p = clone(policy);
    const statement = statementsOf(p)[pick % statementsOf(p).length]!;
    const element = "Action" in statement ? "Action" : "NotAction";
    const invalid = ["s3:GetObject,PutObject", "s3:", "iam:   GetUser", "sqs:Send Message", "iam:Get*,List*"][pick % 5]!;
    const written = statement[element];
    statement[element] = pick % 3 === 0 ? invalid : [...(Array.isArray(written) ? written : [written]), invalid];
    return { label: "invalid action name", value: p, invalid: true };
  },
  extraKeys: (policy, _pick, junk) => {
    const p = clone(policy);
    p.Unknown = junk;
    statementsOf(p)[0]!.Bogus = junk;
    return { label: "extra keys", value: p, invalid: false };
  },
};

const mutatedArb: fc.Arbitrary<FuzzInput> = fc
  .record({
    policy: validPolicyArb,
    mutation: fc.constantFrom(...Object.keys(MUTATIONS)),
    pick: fc.nat({ max: 1_000_000 }),
    junk: wrongTypeArb,
    odd: oddStringArb,
  })
  .map(({ policy, mutation, pick, junk, odd }) => MUTATIONS[mutation]!(policy, pick, junk, odd));

const randomInputArb: fc.Arbitrary<FuzzInput> = fc.oneof(
  // Any JSON value: only an object can be a policy.
  fc.jsonValue({ maxDepth: 5 }).map((value) => ({
    label: "random JSON value",
    value,
    text: JSON.stringify(value),
    invalid: typeof value !== "object" || value === null || Array.isArray(value),
  })),
  // Objects with policy-like keys and random values.
  fc
    .dictionary(fc.constantFrom("Version", "Id", "Statement", "Effect", "Action", "Resource", "Sid", "Condition"), fc.jsonValue({ maxDepth: 4 }))
    .map((value) => ({ label: "policy-shaped object", value, text: JSON.stringify(value), invalid: false })),
  // Random text, which is almost never JSON.
  fc.string({ unit: "binary", maxLength: 200 }).map((text) => ({ label: "random text", text, invalid: false })),
  // Non-JSON JavaScript values reach readPolicy and validatePolicy from plain JS callers.
  fc
    .constantFrom<unknown>(undefined, Number.NaN, Infinity, () => 1, Symbol("x"), 10n, new Date(0), new Map(), /re/)
    .map((value) => ({ label: "non-JSON JS value", value, invalid: true })),
);

const inputArb = fc.oneof({ weight: 3, arbitrary: mutatedArb }, { weight: 1, arbitrary: randomInputArb });

const KINDS: readonly PolicyKind[] = POLICY_KINDS;
const SEVERITIES = new Set(["error", "security-warning", "warning", "suggestion"]);
const DECISIONS = new Set(["Allow", "ExplicitDeny", "ImplicitDeny"]);

const REQUESTS: readonly AuthorizationRequest[] = [
  {
    principal: "arn:aws:iam::111122223333:user/alice",
    action: "iam:GetUser",
    resource: "arn:aws:iam::111122223333:user/alice",
    context: { "aws:username": "alice", "aws:TagKeys": ["env"], "aws:SourceIp": "10.1.2.3" },
  },
  {
    principal: "arn:aws:sts::111122223333:assumed-role/Dev/s",
    action: "sqs:SendMessage",
    resource: "arn:aws:sqs:us-east-1:444455556666:jobs",
  },
];

/** How many inputs reached each side of the grammar, through each door. */
interface Tally {
  invalidChecked: number;
  documentsEvaluated: number;
  texts: number;
  values: number;
  casesDecided: number;
  casesRefused: number;
  casesWarned: number;
}

/** Where a case carries a policy of each kind (a trust policy: the resource policy of an sts:AssumeRole on a role). */
const CASE_SLOTS: Readonly<Record<PolicyKind, (policy: unknown) => Record<string, unknown>>> = {
  identity: (p) => ({ identityPolicies: [p] }),
  boundary: (p) => ({ permissionsBoundary: p }),
  session: (p) => ({ sessionPolicy: p }),
  resource: (p) => ({ resourcePolicy: p }),
  trust: (p) => ({ resourcePolicy: p, action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/Deploy" }),
  scp: (p) => ({ serviceControlPolicies: [[p], [p]] }),
  rcp: (p) => ({ resourceControlPolicies: [[p], [p]] }),
};

interface CaseOutcome {
  readonly id?: unknown;
  readonly decision?: unknown;
  readonly error?: unknown;
  readonly warnings?: readonly { readonly path?: unknown; readonly value?: unknown; readonly message?: unknown }[];
}

/**
 * The policy as a case's policy of this kind, strict and not. A case is decided or refused with a
 * sentence, never an internal error; strict refuses exactly the cases that warn otherwise.
 */
function caseProblems(policy: unknown, kind: PolicyKind, tally: Tally): string[] {
  const problems: string[] = [];
  const raw = {
    id: "fuzz",
    principal: "arn:aws:iam::111122223333:user/alice",
    action: "s3:GetObject",
    resource: "arn:aws:s3:::bucket/key",
    identityPolicies: [],
    ...CASE_SLOTS[kind](policy),
  };
  const lenient = evaluateCase(raw) as CaseOutcome;
  const strict = evaluateCase(raw, { strict: true }) as CaseOutcome;
  for (const [mode, result] of [["lenient", lenient], ["strict", strict]] as const) {
    if (result.id !== "fuzz") problems.push(`${mode} case result has id ${String(result.id)}`);
    if (typeof result.error === "string") {
      if (result.decision !== undefined) problems.push(`${mode} case has both an error and a decision`);
      if (result.error.startsWith("internal error")) problems.push(`${mode} case: ${result.error}`);
    } else if (!DECISIONS.has(result.decision as string)) {
      problems.push(`${mode} case has neither an error nor a decision: ${JSON.stringify(result).slice(0, 200)}`);
    } else if (!Array.isArray(result.warnings)) {
      problems.push(`${mode} decided case without a warnings array`);
    }
  }
  const warnings = lenient.warnings ?? [];
  for (const w of warnings) {
    if (typeof w.path !== "string" || typeof w.value !== "string" || typeof w.message !== "string") problems.push(`malformed warning ${JSON.stringify(w)}`);
  }
  if (typeof lenient.error === "string") {
    tally.casesRefused++;
    if (strict.error === undefined) problems.push(`strict decided a case the lenient reading refused: ${lenient.error}`);
  } else {
    tally.casesDecided++;
    if (warnings.length > 0) {
      tally.casesWarned++;
      if (typeof strict.error !== "string") problems.push("strict decided a case whose policy has invalid action names");
    } else if (strict.decision !== lenient.decision || (strict.warnings?.length ?? 0) > 0) {
      problems.push(`without warnings, strict decided ${String(strict.decision ?? strict.error)} and lenient ${String(lenient.decision)}`);
    }
    const quiet = evaluateCase(raw, { explain: "none" }) as CaseOutcome;
    if (quiet.decision !== lenient.decision) problems.push(`explain none decided ${String(quiet.decision)}, full ${String(lenient.decision)}`);
  }
  return problems;
}

/** An input that broke the API's promises, and how; the fuzz test asserts once, on all of them. */
interface FuzzFailure {
  readonly run: number;
  readonly label: string;
  readonly kind: PolicyKind;
  readonly problems: readonly string[];
  readonly reproduce: string;
}

/** Problems with the findings' shape: a known severity, a code, a message, a path, and a position inside the text. */
function findingProblems(findings: readonly Finding[], text?: string): string[] {
  const lines = text === undefined ? 1 : Math.max(text.split("\n").length, 1);
  const problems: string[] = [];
  for (const f of findings) {
    if (!SEVERITIES.has(f.severity)) problems.push(`finding with severity ${String(f.severity)}`);
    if (typeof f.code !== "string" || f.code.length === 0) problems.push("finding without a code");
    if (typeof f.message !== "string" || f.message.length === 0) problems.push(`finding ${f.code} without a message`);
    if (typeof f.path !== "string") problems.push(`finding ${f.code} without a path`);
    if (f.line !== undefined) {
      if (!(Number.isInteger(f.line) && f.line >= 1 && f.line <= lines)) problems.push(`finding ${f.code} at line ${f.line} of ${lines}`);
      if (!(Number.isInteger(f.column) && f.column! >= 1)) problems.push(`finding ${f.code} at column ${f.column}`);
    }
  }
  return problems;
}

const hasError = (findings: readonly Finding[]) => findings.some((f) => f.severity === "error");

/** Every document the grammar returns compiles and evaluates in every role, to a real decision. */
function evaluationProblems(document: PolicyDocument): string[] {
  const policy = compilePolicy(document, "fuzzed");
  const sets = [
    { identity: [policy] },
    { identity: [policy], boundary: policy, session: policy },
    { identity: [], resource: policy },
    { identity: [policy], scps: [[policy], [policy]] },
  ];
  const problems: string[] = [];
  for (const [r, request] of REQUESTS.entries()) {
    for (const [i, set] of sets.entries()) {
      const where = `request ${r}, policy set ${i}`;
      const result = evaluate(request, set, { explain: true });
      if (!DECISIONS.has(result.decision)) problems.push(`${where}: decision ${String(result.decision)}`);
      if (result.explanation === undefined) problems.push(`${where}: no explanation`);
      const quick = evaluate(request, set, { explain: false }).decision;
      if (quick !== result.decision) problems.push(`${where}: ${quick} without explanation, ${result.decision} with one`);
    }
  }
  return problems;
}

/** Runs one input through the API's doors; returns what broke its promises. */
function checkInput(input: FuzzInput, kind: PolicyKind, tally: Tally): string[] {
  const problems: string[] = [];
  let parsedDocument: PolicyDocument | undefined;
  if (input.text !== undefined) {
    tally.texts++;
    const parsed = parsePolicy(input.text);
    problems.push(...findingProblems(parsed.findings, input.text));
    if (parsed.ok === hasError(parsed.findings)) problems.push(`parsePolicy ok is ${parsed.ok}, but error findings: ${hasError(parsed.findings)}`);
    if (input.invalid && parsed.ok) problems.push("parsePolicy accepted a document the mutation surely broke");
    const validated = validatePolicy(input.text, { kind });
    problems.push(...findingProblems(validated, input.text));
    // Validation reports at least the grammar's errors.
    if (!parsed.ok && !hasError(validated)) problems.push("validatePolicy (text) misses the grammar error");
    if (parsed.ok) {
      parsedDocument = parsed.document;
      // The same document read as a JS value must be accepted too.
      if (!readPolicy(JSON.parse(input.text)).document) problems.push("readPolicy rejects what parsePolicy accepted");
    }
  }
  if ("value" in input) {
    tally.values++;
    const read = readPolicy(input.value);
    problems.push(...findingProblems(read.findings));
    if ((read.document !== undefined) === hasError(read.findings)) problems.push(`readPolicy returned a document: ${read.document !== undefined}, but error findings: ${hasError(read.findings)}`);
    if (input.invalid && read.document) problems.push("readPolicy accepted a value the mutation surely broke");
    const validated = validatePolicy(input.value, { kind });
    problems.push(...findingProblems(validated));
    if (!read.document && !hasError(validated)) problems.push("validatePolicy (value) misses the grammar error");
    parsedDocument ??= read.document;
  }
  if ("value" in input) problems.push(...caseProblems(input.value, kind, tally));
  else if (input.text !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(input.text);
    } catch {
      value = undefined;
    }
    if (value !== undefined) problems.push(...caseProblems(value, kind, tally));
  }
  if (input.invalid) tally.invalidChecked++;
  if (parsedDocument) {
    tally.documentsEvaluated++;
    problems.push(...evaluationProblems(parsedDocument));
  }
  return problems;
}

describe("fuzzing the policy API", () => {
  it(`never throws on ${RUNS} random or mutated documents, and reports bad ones as errors (seed ${SEED})`, () => {
    console.info(`fuzz: seed ${SEED}, ${RUNS} runs (POLICY_FUZZ_SEED / POLICY_FUZZ_RUNS / POLICY_FUZZ_RUN to change)`);
    const tally: Tally = { invalidChecked: 0, documentsEvaluated: 0, texts: 0, values: 0, casesDecided: 0, casesRefused: 0, casesWarned: 0 };
    const failures: FuzzFailure[] = [];
    let run = ONLY_RUN ?? 0;
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...KINDS), (input, kind) => {
        let problems: string[];
        try {
          problems = checkInput(input, kind, tally);
        } catch (error) {
          problems = [`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`];
        }
        if (problems.length > 0) {
          failures.push({ run, label: input.label, kind, problems, reproduce: `POLICY_FUZZ_SEED=${SEED} POLICY_FUZZ_RUN=${run} npx vitest run fuzz` });
        }
        run++;
        // Never a fast-check failure: every input runs, and the failures are asserted below.
        return true;
      }),
      ONLY_RUN === undefined ? { seed: SEED, numRuns: RUNS } : { seed: SEED, numRuns: 1, path: String(ONLY_RUN) },
    );
    expect(failures.slice(0, FAILURES_SHOWN), `${failures.length} of ${ONLY_RUN === undefined ? RUNS : 1} inputs failed; the first ${FAILURES_SHOWN} follow`).toEqual([]);
    if (ONLY_RUN !== undefined) return;
    // The fuzz only means something if it reaches both sides of the grammar, through both doors.
    expect(tally.invalidChecked).toBeGreaterThan(RUNS * 0.25);
    expect(tally.documentsEvaluated).toBeGreaterThan(RUNS * 0.1);
    expect(tally.texts).toBeGreaterThan(RUNS * 0.2);
    expect(tally.values).toBeGreaterThan(RUNS * 0.2);
    // Cases are both decided and refused, and some decided ones carry invalid-action warnings.
    expect(tally.casesDecided).toBeGreaterThan(RUNS * 0.05);
    expect(tally.casesRefused).toBeGreaterThan(RUNS * 0.2);
    expect(tally.casesWarned).toBeGreaterThan(RUNS * 0.002);
    console.info(`fuzz cases: ${tally.casesDecided} decided (${tally.casesWarned} with warnings), ${tally.casesRefused} refused`);
  });
});

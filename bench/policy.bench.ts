// Policy engine benchmark (`npm run bench:policy`). Not a test: it prints figures.
//
// Workload (bench/policyWorkload.ts): an IAM user with 10 managed policies and 2 groups of 2
// policies, 10 statements each, and 60 requests that end Allow, ImplicitDeny and ExplicitDeny.
// Measured, single-threaded, as decisions per second:
//   (a) the whole pipeline per decision, from the policy documents each time — as JSON text
//       (parsePolicy → compilePolicy → evaluate) and as JS objects (readPolicy → …);
//   (b) evaluate with the compiled policies cached, with explain: false and explain: true;
//   (c) the CLI end to end (`npm run --silent policy -- evaluate FILE`, compiled), as a child
//       process over a file of BENCH_CLI_CASES cases (each request with all 14 policies), with
//       --explain none and --explain full, its start-up (a one-case run) taken off;
// and the same inputs through @cloud-copilot/iam-simulate's core authorize (a test oracle, AGPL,
// only ever imported from tests/ and bench/): loadPolicy + authorize per decision for (a) and (c),
// and authorize over preloaded policies for (b). Each (a)/(b) figure is the median of several
// fixed-time rounds after a warm-up; (c) times whole runs over the same cases.

import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { cpus, platform, arch, tmpdir } from "node:os";
import { join } from "node:path";
import { compilePolicy, evaluate, parsePolicy, preparePolicySet, readPolicy, type CompiledPolicy, type Decision, type PolicySet } from "../lib/policy/index";
import { authorizeLoaded, loadPolicySet, toSimulateRequest } from "../tests/unit/policy/support/iamSimulateOracle";
import { buildWorkload } from "./policyWorkload";

const SEED = Number(process.env.BENCH_SEED ?? 2);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 500);
const CLI_CASES = Number(process.env.BENCH_CLI_CASES ?? 40_000);

const workload = buildWorkload(SEED);
const { requests } = workload;
const policyTexts = workload.policies.map((p) => ({ name: p.name, text: JSON.stringify(p.json, null, 2) }));
const policyObjects = workload.policies;

function compiledFromText(): CompiledPolicy[] {
  return policyTexts.map(({ name, text }) => {
    const parsed = parsePolicy(text);
    if (!parsed.ok) throw new Error(`workload policy ${name} does not parse: ${parsed.findings[0]?.message}`);
    return compilePolicy(parsed.document, name);
  });
}

function compiledFromObjects(): CompiledPolicy[] {
  return policyObjects.map(({ name, json }) => {
    const { document, findings } = readPolicy(json);
    if (!document) throw new Error(`workload policy ${name} is invalid: ${findings[0]?.message}`);
    return compilePolicy(document, name);
  });
}

// Cached: compiled once and prepared, so the set remembers which statements apply to each action.
const cachedSet: PolicySet = preparePolicySet({ identity: compiledFromObjects() });
const theirCached = loadPolicySet({ identity: policyObjects.map((p) => p.json) });
const theirRequests = requests.map(toSimulateRequest);

// ---- agreement first: a benchmark of two engines only means something if they agree ----
const tally: Record<Decision, number> = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
let disagreements = 0;
requests.forEach((request, i) => {
  const ours = evaluate(request, cachedSet).decision;
  const theirs = authorizeLoaded(theirRequests[i]!, theirCached);
  tally[ours]++;
  if (ours !== theirs) {
    disagreements++;
    console.log(`  disagreement: ${request.action} on ${request.resource}: Portcullis ${ours}, iam-simulate ${theirs}`);
  }
});

// ---- measurement ----
let sink = 0; // consumed below so no engine call can be optimised away
const DECISION_CODE: Record<Decision, number> = { Allow: 1, ExplicitDeny: 2, ImplicitDeny: 3 };

/** Runs `decide(i)` for ROUND_MS per round; returns the median decisions per second. */
function measure(decide: (i: number) => Decision): number {
  const runFor = (ms: number) => {
    let n = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      // Check the clock every 32 decisions so timing overhead stays out of the figure.
      for (let k = 0; k < 32; k++, n++) sink += DECISION_CODE[decide(n % requests.length)];
      elapsed = performance.now() - start;
    } while (elapsed < ms);
    return (n / elapsed) * 1000;
  };
  runFor(WARMUP_MS);
  const rates = Array.from({ length: ROUNDS }, () => runFor(ROUND_MS)).sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

interface Row {
  readonly label: string;
  readonly ours: number;
  readonly theirs: number;
}

const rows: Row[] = [
  {
    label: "(a) JSON text → parse+compile+evaluate",
    ours: measure((i) => evaluate(requests[i]!, { identity: compiledFromText() }, { explain: false }).decision),
    theirs: measure((i) => {
      // iam-simulate's equivalent: JSON.parse + loadPolicy for every policy, then authorize.
      const set = loadPolicySet({ identity: policyTexts.map((p) => JSON.parse(p.text) as Record<string, unknown>) });
      return authorizeLoaded(theirRequests[i]!, set);
    }),
  },
  {
    label: "(a) JS objects → read+compile+evaluate",
    ours: measure((i) => evaluate(requests[i]!, { identity: compiledFromObjects() }, { explain: false }).decision),
    theirs: measure((i) => authorizeLoaded(theirRequests[i]!, loadPolicySet({ identity: policyObjects.map((p) => p.json) }))),
  },
];
const theirCachedRate = measure((i) => authorizeLoaded(theirRequests[i]!, theirCached));
rows.push(
  { label: "(b) cached compiled, explain: false", ours: measure((i) => evaluate(requests[i]!, cachedSet, { explain: false }).decision), theirs: theirCachedRate },
  { label: "(b) cached compiled, explain: true", ours: measure((i) => evaluate(requests[i]!, cachedSet, { explain: true }).decision), theirs: theirCachedRate },
);

// ---- (c) the CLI end to end ----
// The CLI gets what a user would give it: a file of cases, each a request with its policies in
// full. iam-simulate gets the same cases already parsed (its JSON.parse is not charged to it) and
// loads every policy per case, as a tool built on it would.
const LAUNCHER = join(process.cwd(), "scripts/policyCli/launch.mjs");
const cliDir = mkdtempSync(join(tmpdir(), "portcullis-bench-cli-"));
const policiesJson = JSON.stringify(policyObjects.map((p) => p.json));
// A case file usually repeats its policies (one principal's set, many requests), and the CLI reads
// each distinct policy text once per run. The "distinct" file gives every case its own copies (an
// Id element naming the case), so nothing can be reused: the CLI's cost when nothing repeats.
const distinctPolicies = (i: number) => policiesJson.replaceAll('"Statement":[', `"Id":"case${i}","Statement":[`);
const caseText = (i: number, distinct = false) =>
  `${JSON.stringify({ id: `case-${i}`, ...requests[i % requests.length]! }).slice(0, -1)},"identityPolicies":${distinct ? distinctPolicies(i) : policiesJson}}`;

/** Writes a file of `count` cases: the workload's requests in turn, each with every policy. */
function writeCases(name: string, count: number, distinct = false): string {
  const file = join(cliDir, name);
  const fd = openSync(file, "w");
  writeSync(fd, "[\n");
  for (let i = 0; i < count; i += 500) {
    const part: string[] = [];
    for (let j = i; j < Math.min(count, i + 500); j++) part.push(caseText(j, distinct));
    writeSync(fd, (i === 0 ? "" : ",\n") + part.join(",\n"));
  }
  writeSync(fd, "\n]\n");
  closeSync(fd);
  return file;
}

/** Runs the compiled CLI on `file`; returns the wall time in ms (stdout to /dev/null, or captured). */
function runCli(file: string, explain: "none" | "full", capture = false): { ms: number; stdout: string } {
  const out = capture ? "pipe" : openSync("/dev/null", "w");
  const start = performance.now();
  const run = spawnSync(process.execPath, [LAUNCHER, "evaluate", file, "--explain", explain], {
    stdio: ["ignore", out, "pipe"],
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (typeof out === "number") closeSync(out);
  if (run.status !== 0) throw new Error(`the policy CLI failed (${run.status}): ${run.stderr}`);
  return { ms, stdout: capture ? run.stdout : "" };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const oneCase = writeCases("one.json", 1);
runCli(oneCase, "full"); // builds the bundle if it is stale, and warms the file cache
const startupMs = median(Array.from({ length: 5 }, () => runCli(oneCase, "none").ms));

// Agreement first, on the CLI's own output for one round of the workload's requests.
const sample = JSON.parse(runCli(writeCases("sample.json", requests.length), "full", true).stdout) as { decision?: string; error?: string }[];
let cliDisagreements = 0;
sample.forEach((result, i) => {
  const theirs = authorizeLoaded(theirRequests[i]!, theirCached);
  if (result.decision !== theirs) {
    cliDisagreements++;
    console.log(`  CLI disagreement: case ${i}: Portcullis ${result.decision ?? result.error}, iam-simulate ${theirs}`);
  }
});

const casesFile = writeCases("cases.json", CLI_CASES);
const cliMs = { none: runCli(casesFile, "none").ms, full: runCli(casesFile, "full").ms };
const cliRate = (ms: number, cases = CLI_CASES) => (cases / Math.max(ms - startupMs, 1)) * 1000;
const DISTINCT_CASES = Math.round(CLI_CASES / 4);
const distinctMs = runCli(writeCases("distinct.json", DISTINCT_CASES, true), "none").ms;
rmSync(cliDir, { recursive: true, force: true });

const peerStart = performance.now();
for (let i = 0; i < CLI_CASES; i++) {
  const set = loadPolicySet({ identity: policyObjects.map((p) => p.json) });
  sink += DECISION_CODE[authorizeLoaded(toSimulateRequest(requests[i % requests.length]!), set)];
}
const peerRate = (CLI_CASES / (performance.now() - peerStart)) * 1000;
rows.push(
  { label: "(c) CLI end to end, --explain none", ours: cliRate(cliMs.none), theirs: peerRate },
  { label: "(c) CLI end to end, --explain full", ours: cliRate(cliMs.full), theirs: peerRate },
  { label: "(c) … no policy repeated, --explain none", ours: cliRate(distinctMs, DISTINCT_CASES), theirs: peerRate },
);

// ---- report ----
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log("Portcullis policy engine benchmark");
console.log(`  node ${process.version} on ${platform()}/${arch()}, ${cpu} (${cpus().length} logical CPUs; this run uses one)`);
console.log(
  `  workload: ${policyObjects.length} policies × 10 statements (10 managed + 2 groups × 2), ${requests.length} requests, seed ${SEED}`,
);
console.log(`  decisions: ${tally.Allow} Allow, ${tally.ImplicitDeny} ImplicitDeny, ${tally.ExplicitDeny} ExplicitDeny`);
console.log(
  `  agreement with iam-simulate: ${requests.length - disagreements}/${requests.length}${disagreements ? "  <-- DISAGREEMENT, figures below compare different answers" : ""}`,
);
console.log(`  each (a)/(b) figure: median of ${ROUNDS} rounds × ${ROUND_MS} ms after ${WARMUP_MS} ms warm-up`);
console.log(
  `  (c): ${fmt(CLI_CASES)} cases of ${fmt(caseText(0).length)} characters each; start-up ${fmt(startupMs)} ms (median of 5 one-case runs) taken off; ` +
    `runs took ${fmt(cliMs.none)} ms (none) and ${fmt(cliMs.full)} ms (full); agreement with iam-simulate on the CLI's output: ${sample.length - cliDisagreements}/${sample.length}`,
);
console.log("");
const header = ["measurement", "Portcullis dec/s", "iam-simulate dec/s", "ours/theirs"];
const table = rows.map((r) => [r.label, fmt(r.ours), fmt(r.theirs), `${(r.ours / r.theirs).toFixed(1)}×`]);
const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c]!.length)));
const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of table) console.log(line(row));
console.log("");

// (a) is judged on the input both engines take: policy documents as JSON values (iam-simulate has
// no text parser of its own). The text row adds our positioned parser, which also rejects duplicate
// keys that JSON.parse silently drops; it is shown for information.
const pipelineRatio = rows[1]!.ours / rows[1]!.theirs;
const textRatio = rows[0]!.ours / rows[0]!.theirs;
const cachedRate = rows[2]!.ours;
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
console.log(
  `summary: (a) read+compile+evaluate from policy documents is ${pipelineRatio.toFixed(1)}× iam-simulate (target ≥10×: ${verdict(pipelineRatio >= 10)}); ` +
    `from JSON text with positions and duplicate-key checks ${textRatio.toFixed(1)}×; ` +
    `(b) cached evaluate ${fmt(cachedRate)} decisions/s (target ≥1,000,000: ${verdict(cachedRate >= 1_000_000)}); ` +
    `cached vs iam-simulate cached ${(cachedRate / theirCachedRate).toFixed(1)}×; ` +
    `(c) the CLI end to end is ${(rows[4]!.ours / peerRate).toFixed(1)}× iam-simulate with --explain none (target ≥10×: ${verdict(rows[4]!.ours / peerRate >= 10)}) ` +
    `and ${(rows[5]!.ours / peerRate).toFixed(1)}× with --explain full (target ≥3×: ${verdict(rows[5]!.ours / peerRate >= 3)})`,
);
if (sink === 0) console.log("(no decisions were made)");

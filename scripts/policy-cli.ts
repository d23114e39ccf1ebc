// The policy engine from the command line (the engine's outside contract, see README.md):
//   npm run --silent policy -- evaluate FILE|- [--explain full|deciding|none] [--strict]
//   npm run --silent policy -- validate FILE|- [--kind identity|resource|boundary|session|scp|trust|rcp] [--container …]
// stdout carries only JSON; messages for people go to stderr. lib/policy stays free of I/O, so
// reading files and streaming output live here. `npm run policy` runs this file as compiled
// JavaScript (scripts/policyCli/launch.mjs builds and caches the bundle).

import { createReadStream, readFileSync } from "node:fs";
import { CasePolicyCache, evaluateCase, POLICY_CONTAINERS, POLICY_KINDS, validatePolicy, type PolicyContainer, type PolicyKind } from "../lib/policy/index";
import { CaseReader } from "./policyCli/caseReader";
import { DocumentMemo } from "./policyCli/documentMemo";
import { ArrayInputError, jsonArrayElements } from "./policyCli/jsonArrayElements";

const USAGE = `usage:
  policy evaluate FILE|- [--explain full|deciding|none] [--strict]
                             evaluate a JSON array of cases; prints a JSON array of results
  policy validate FILE|- [--kind identity|resource|boundary|session|scp|trust|rcp]
                         [--container managed|user-inline|group-inline|role-inline|trust|session|scp|rcp]
                             validate one policy document; prints {"findings": [...]}`;

const KINDS: readonly PolicyKind[] = POLICY_KINDS;
const EXPLAIN_LEVELS = ["full", "deciding", "none"] as const;
type ExplainLevel = (typeof EXPLAIN_LEVELS)[number];

function fail(message: string): never {
  process.stderr.write(`policy: ${message}\n`);
  process.exit(2);
}

function missingFile(file: string | undefined): asserts file is string {
  if (!file) fail(`missing FILE (use - for standard input)\n${USAGE}`);
}

function readInput(file: string | undefined): string {
  missingFile(file);
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    fail(`cannot read ${file === "-" ? "standard input" : file}: ${(error as Error).message}`);
  }
}

/** Writes and waits when the pipe is full, so results never pile up in memory. */
async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once("drain", resolve));
}

// Results are written in batches of about this many characters: one write per case would cost a
// system call per case, and much bigger batches would only hold memory.
const BATCH_CHARS = 64 * 1024;
// How often the optional memory report samples the heap (process.memoryUsage walks the heap spaces).
const MEMORY_SAMPLE_EVERY = 1000;

/** With POLICY_CLI_REPORT_MEMORY=1, the peak memory use goes to stderr at the end (the tests bound it). */
class MemoryReport {
  private peakHeapUsed = 0;
  sample(): void {
    const { heapUsed } = process.memoryUsage();
    if (heapUsed > this.peakHeapUsed) this.peakHeapUsed = heapUsed;
  }
  print(cases: number): void {
    this.sample();
    // maxRSS is the kernel's own peak (in KiB), so no spike between samples is missed.
    const peakRss = process.resourceUsage().maxRSS * 1024;
    process.stderr.write(`policy: memory ${JSON.stringify({ cases, peakRss, peakHeapUsed: this.peakHeapUsed })}\n`);
  }
}

function inputChunks(file: string): AsyncIterable<string> {
  // 1 MiB reads: fewer, larger chunks for a scanner that runs in tight loops over each one.
  const stream = file === "-" ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 });
  stream.setEncoding("utf8"); // decodes characters split across chunk boundaries
  stream.on("error", (error: Error) => fail(`cannot read ${file === "-" ? "standard input" : file}: ${error.message}`));
  return stream as AsyncIterable<string>;
}

function notJson(message: string): never {
  process.stderr.write(`policy: ${message}\n`);
  process.exit(1);
}

async function evaluateCommand(args: string[]): Promise<void> {
  const explain = (option(args, "--explain") ?? "full") as ExplainLevel;
  if (!EXPLAIN_LEVELS.includes(explain)) fail(`unknown --explain "${explain}"; use one of ${EXPLAIN_LEVELS.join(", ")}`);
  const strict = flag(args, "--strict");
  const [file, ...rest] = args;
  if (rest.length > 0) fail(`unexpected argument "${rest[0]}"\n${USAGE}`);
  missingFile(file);
  // One cache for the run: the reader gives equal policy texts one object (caseReader.ts).
  const options = { explain, strict, cache: new CasePolicyCache() };
  const memory = process.env.POLICY_CLI_REPORT_MEMORY === "1" ? new MemoryReport() : undefined;

  const memo = new DocumentMemo();
  const reader = new CaseReader(memo);
  let count = 0;
  let batch = "";
  try {
    for await (const element of jsonArrayElements(inputChunks(file), memo)) {
      let raw: unknown;
      try {
        raw = reader.read(element);
      } catch (error) {
        // Results not yet written are dropped, so small inputs leave stdout empty as a whole-input
        // parse did; a long input has streamed its earlier results, and the exit status says the
        // array is incomplete.
        notJson(`the input is not JSON: case ${count} (counting from 0): ${(error as Error).message}`);
      }
      // "[" waits for the first result, so input that is not JSON leaves stdout empty.
      batch += (count === 0 ? "[\n" : ",\n") + JSON.stringify(evaluateCase(raw, options));
      count++;
      if (batch.length >= BATCH_CHARS) {
        await write(batch);
        batch = "";
      }
      if (memory && count % MEMORY_SAMPLE_EVERY === 0) memory.sample();
    }
  } catch (error) {
    if (!(error instanceof ArrayInputError)) throw error;
    notJson(error.message);
  }
  await write(batch + (count === 0 ? "[\n]\n" : "\n]\n"));
  memory?.print(count);
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined) fail(`${name} needs a value`);
  args.splice(at, 2);
  return value;
}

function flag(args: string[], name: string): boolean {
  const at = args.indexOf(name);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
}

async function validateCommand(args: string[]): Promise<void> {
  const kind = option(args, "--kind") ?? "identity";
  const container = option(args, "--container");
  if (!KINDS.includes(kind as PolicyKind)) fail(`unknown --kind "${kind}"; use one of ${KINDS.join(", ")}`);
  if (container !== undefined && !POLICY_CONTAINERS.includes(container as PolicyContainer)) {
    fail(`unknown --container "${container}"; use one of ${POLICY_CONTAINERS.join(", ")}`);
  }
  const text = readInput(args[0]);
  const findings = validatePolicy(text, { kind: kind as PolicyKind, container: container as PolicyContainer | undefined });
  await write(JSON.stringify({ findings }, null, 2) + "\n");
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === "evaluate") await evaluateCommand(args);
  else if (command === "validate") await validateCommand(args);
  else fail(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
}

main().catch((error: unknown) => {
  process.stderr.write(`policy: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

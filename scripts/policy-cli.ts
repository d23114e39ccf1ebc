// The policy engine from the command line (the engine's outside contract, see README.md):
//   npm run --silent policy -- evaluate FILE|-
//   npm run --silent policy -- validate FILE|- [--kind identity|resource|boundary|session|scp] [--container …]
// stdout carries only JSON; messages for people go to stderr. lib/policy stays free of I/O, so
// reading files and streaming output live here.

import { readFileSync } from "node:fs";
import { evaluateCase, validatePolicy, type PolicyKind } from "../lib/policy/index";

const USAGE = `usage:
  policy evaluate FILE|-     evaluate a JSON array of cases; prints a JSON array of results
  policy validate FILE|- [--kind identity|resource|boundary|session|scp]
                         [--container managed|user-inline|group-inline|role-inline|trust|session|scp]
                             validate one policy document; prints {"findings": [...]}`;

const KINDS: readonly PolicyKind[] = ["identity", "resource", "boundary", "session", "scp"];
const CONTAINERS = ["managed", "user-inline", "group-inline", "role-inline", "trust", "session", "scp"] as const;
type Container = (typeof CONTAINERS)[number];

function fail(message: string): never {
  process.stderr.write(`policy: ${message}\n`);
  process.exit(2);
}

function readInput(file: string | undefined): string {
  if (!file) fail(`missing FILE (use - for standard input)\n${USAGE}`);
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    fail(`cannot read ${file === "-" ? "standard input" : file}: ${(error as Error).message}`);
  }
}

/** Writes and waits when the pipe is full, so 100,000 explained results never sit in memory at once. */
async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once("drain", resolve));
}

async function evaluateCommand(args: string[]): Promise<void> {
  const text = readInput(args[0]);
  let cases: unknown;
  try {
    cases = JSON.parse(text);
  } catch (error) {
    process.stderr.write(`policy: the input is not JSON: ${(error as Error).message}\n`);
    process.exit(1);
  }
  if (!Array.isArray(cases)) {
    process.stderr.write("policy: the input must be a JSON array of cases.\n");
    process.exit(1);
  }
  const BATCH = 500;
  await write("[");
  for (let start = 0; start < cases.length; start += BATCH) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(start + BATCH, cases.length); i++) parts.push(JSON.stringify(evaluateCase(cases[i])));
    await write((start === 0 ? "\n" : ",\n") + parts.join(",\n"));
  }
  await write("\n]\n");
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined) fail(`${name} needs a value`);
  args.splice(at, 2);
  return value;
}

async function validateCommand(args: string[]): Promise<void> {
  const kind = option(args, "--kind") ?? "identity";
  const container = option(args, "--container");
  if (!KINDS.includes(kind as PolicyKind)) fail(`unknown --kind "${kind}"; use one of ${KINDS.join(", ")}`);
  if (container !== undefined && !CONTAINERS.includes(container as Container)) {
    fail(`unknown --container "${container}"; use one of ${CONTAINERS.join(", ")}`);
  }
  const text = readInput(args[0]);
  const findings = validatePolicy(text, { kind: kind as PolicyKind, container: container as Container | undefined });
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

// Production servers for the instance tests: `npm start` (scripts/start.ts: migrations, then the
// production build in .next-e2e) as an operator runs it, each in its own process group so a test
// can SIGKILL an instance whole (npm, tsx and the Node server under them), the way a host dies.
// Several instances share what the README tells operators to share: the database, NEXTAUTH_SECRET
// and PORTCULLIS_SECRET_KEY. Each has its own data directory, as each container would.

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";

export const DIST_DIR = process.env.INSTANCES_DIST_DIR ?? process.env.API_DIST_DIR ?? ".next-e2e";
/** The checkout the servers run from (its scripts and its build); another worktree's with INSTANCES_APP_DIR. */
export const APP_DIR = path.resolve(process.env.INSTANCES_APP_DIR ?? ".");
/** The first of this suite's ports; each file takes a few from here (INSTANCES_PORT moves them all). */
export const PORT_BASE = Number(process.env.INSTANCES_PORT ?? 3500);

/** Why a file cannot run, or undefined when the production build is there. */
export function missingBuild(): string | undefined {
  return existsSync(path.join(APP_DIR, DIST_DIR, "BUILD_ID"))
    ? undefined
    : `The instance tests serve the production build in ${DIST_DIR}, and there is none: run \`NEXT_DIST_DIR=${DIST_DIR} npm run build\` (npm test does).`;
}

/** The secrets every instance of one deployment shares, fresh for each test file. */
export function sharedSecrets(): { NEXTAUTH_SECRET: string; PORTCULLIS_SECRET_KEY: string } {
  return { NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), PORTCULLIS_SECRET_KEY: randomBytes(32).toString("base64") };
}

export interface InstanceOptions {
  readonly name: string;
  readonly port: number;
  /** Absolute; created when missing, kept across restarts. */
  readonly dataDir: string;
  /** DATABASE_URL (undefined: the SQLite file in the data directory), the shared secrets, and anything else. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Instance {
  readonly name: string;
  readonly port: number;
  readonly baseUrl: string;
  readonly iamEndpoint: string;
  readonly options: InstanceOptions;
  /** How long `npm start` took to answer its sign-in page (migrations included). */
  readonly startMs: number;
  /** What the server wrote (stdout and stderr), kept in its data directory. */
  log(): string;
  /** Sends the signal to the whole process group and waits until the server is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  readonly alive: () => boolean;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { redirect: "manual" });
    await response.arrayBuffer();
    return response.status < 500;
  } catch {
    return false;
  }
}

export async function startInstance(options: InstanceOptions): Promise<Instance> {
  mkdirSync(options.dataDir, { recursive: true });
  const logFile = path.join(options.dataDir, "server.log");
  const out = openSync(logFile, "a");
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST_DIR,
    PORTCULLIS_DATA_DIR: options.dataDir,
    NEXTAUTH_URL: baseUrl,
    ...options.env,
  };
  // An unset DATABASE_URL means "the data directory's SQLite file", not whatever the test process has.
  if (options.env.DATABASE_URL === undefined) delete env.DATABASE_URL;
  const started = Date.now();
  const child: ChildProcess = spawn("npm", ["start", "--", "-p", String(options.port), "-H", "127.0.0.1"], {
    cwd: APP_DIR,
    env,
    stdio: ["ignore", out, out],
    detached: true,
  });
  closeSync(out);
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));

  const deadline = Date.now() + 120_000;
  while (!(await answers(`${baseUrl}/signin`))) {
    if (exited) throw new Error(`${options.name} exited (${child.exitCode}) before it was ready:\n${readFileSync(logFile, "utf8").slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`${options.name} did not answer ${baseUrl}/signin within 120 s:\n${readFileSync(logFile, "utf8").slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const startMs = Date.now() - started;

  return {
    name: options.name,
    port: options.port,
    baseUrl,
    iamEndpoint: `${baseUrl}/iam`,
    options,
    startMs,
    log: () => readFileSync(logFile, "utf8"),
    alive: () => !exited,
    async kill(signal) {
      if (exited || child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
      await gone;
      // npm may go first; wait until nothing of the group is left (the server's socket with it).
      const until = Date.now() + 15_000;
      while (Date.now() < until && groupAlive(child.pid)) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops instances at the end of a file (SIGTERM: the graceful shutdown), whatever state they are in. */
export async function stopAll(instances: readonly (Instance | undefined)[]): Promise<void> {
  await Promise.all(instances.map((instance) => instance?.kill("SIGTERM")));
}

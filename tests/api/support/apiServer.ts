// The API suite's server: the production build (`next build`, then `npm start`), on its own port
// and with its own empty data directory, so the real AWS clients talk to exactly what users run.
// Vitest runs this once before the suite (globalSetup). The build is the one the browser suite
// serves (scripts/test.sh builds it once for both); API_DIST_DIR names another.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export const API_PORT = Number(process.env.API_PORT ?? 3200);
/** Relative to the repository, as the server and the suite's workers both read it (vitest.config.ts). */
export const API_DATA_DIR = process.env.API_DATA_DIR ?? ".api-data";
export const API_DIST_DIR = process.env.API_DIST_DIR ?? ".next-e2e";
export const API_BASE_URL = `http://localhost:${API_PORT}`;

let server: ChildProcess | undefined;

async function waitForServer(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`the API suite's server exited (${server.exitCode}) before it was ready`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API suite's server did not answer ${url} in time`);
}

export async function setup(): Promise<void> {
  if (!existsSync(path.join(API_DIST_DIR, "BUILD_ID"))) {
    throw new Error(`The API suite serves the production build in ${API_DIST_DIR}, and there is none: run \`NEXT_DIST_DIR=${API_DIST_DIR} npm run build\` (npm test does).`);
  }
  rmSync(API_DATA_DIR, { recursive: true, force: true });
  mkdirSync(API_DATA_DIR, { recursive: true });
  server = spawn("npx", ["tsx", "--conditions=react-server", "scripts/start.ts", "-p", String(API_PORT)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: API_DIST_DIR,
      PORTCULLIS_DATA_DIR: API_DATA_DIR,
      NEXTAUTH_URL: API_BASE_URL,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  await waitForServer(`${API_BASE_URL}/signin`, Date.now() + 120_000);
}

function stopServer(): void {
  if (!server?.pid) return;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}

export async function teardown(): Promise<void> {
  stopServer();
}

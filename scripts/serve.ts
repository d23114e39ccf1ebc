// Serving the production build: `next start` with the environment the console needs.
// Arguments go to `next start` (for example `-p 3100`).

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export function serve(args: readonly string[]): Promise<never> {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    console.error(`There is no production build in ${distDir}/: run \`npm run build\` first.`);
    process.exit(1);
  }
  const portAt = args.findIndex((a) => a === "-p" || a === "--port");
  const port = portAt >= 0 ? args[portAt + 1] : (process.env.PORT ?? "3000");
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    // next-auth builds its callback URLs from this; without it, it assumes port 3000.
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  };
  const server = spawn("npx", ["next", "start", ...args], { env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  return new Promise(() => server.on("exit", (code) => process.exit(code ?? 0)));
}

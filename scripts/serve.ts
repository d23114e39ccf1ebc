// Serving the production build: Next's request handler, in this process, inside the console's own
// HTTP server (scripts/server/portcullisServer.ts). Arguments: `-p N` / `--port N` (else PORT, else
// 3000) and `-H HOST` / `--hostname HOST` (else every interface).

import { existsSync } from "node:fs";
import path from "node:path";
import next from "next";
import { buildActionIds } from "./server/actionRequests";
import { installBoundedConsole } from "./server/boundedLog";
import { parseTrustedProxies } from "./server/clientAddress";
import { createPortcullisServer } from "./server/portcullisServer";

/** How long a shutdown waits for requests in flight before closing their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

function option(args: readonly string[], names: readonly string[]): string | undefined {
  const at = args.findIndex((arg) => names.includes(arg));
  return at >= 0 ? args[at + 1] : undefined;
}

export async function serve(args: readonly string[]): Promise<void> {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    throw new Error(`There is no production build in ${distDir}/: run \`npm run build\` first.`);
  }
  const port = Number(option(args, ["-p", "--port"]) ?? process.env.PORT ?? "3000");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`"${option(args, ["-p", "--port"]) ?? process.env.PORT}" is not a port number.`);
  const hostname = option(args, ["-H", "--hostname"]);
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  // next-auth builds its callback URLs from this; without it, it assumes port 3000.
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  const trustedProxies = parseTrustedProxies(process.env.PORTCULLIS_TRUSTED_PROXIES);

  installBoundedConsole();
  const app = next({ dev: false, dir: process.cwd(), port, ...(hostname ? { hostname } : {}) });
  await app.prepare();
  const server = createPortcullisServer(app.getRequestHandler(), {
    trustedProxies,
    https: new URL(process.env.NEXTAUTH_URL).protocol === "https:",
    actionIds: buildActionIds(distDir),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  const proxies = trustedProxies.length > 0 ? `trusting X-Forwarded-* from ${process.env.PORTCULLIS_TRUSTED_PROXIES}` : "client addresses from the socket";
  console.log(`✓ Ready: Portcullis is listening on ${process.env.NEXTAUTH_URL} (port ${port}; ${proxies}).`);

  const shutdown = () => {
    console.log("Shutting down: finishing requests in flight.");
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, shutdown);
}

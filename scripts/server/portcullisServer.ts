// The HTTP server `npm start` runs, around Next's request handler. It owns what a client must not
// decide: the client's address and protocol (clientAddress.ts), handed to the app in headers only it
// can set (lib/auth/request.ts); the security headers and the CSP nonce of every response; and the
// server action requests Next would answer with a 500 (actionRequests.ts). Each request's handling
// runs with a log budget of one bounded line (boundedLog.ts).

import { createServer, IncomingMessage, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { IpBlock } from "@/lib/policy/ipAddress";
import { requestToken, VOUCHED_HEADER_PREFIX, VOUCHED_HEADERS } from "@/lib/auth/request";
import { actionRequest, refuseActionBody, refuseActionHead, type Refusal } from "./actionRequests";
import { withRequestLog } from "./boundedLog";
import { resolveClient } from "./clientAddress";
import { newNonce, securityHeaders } from "./securityHeaders";

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface PortcullisServerOptions {
  readonly trustedProxies: readonly IpBlock[];
  /** The public URL is https (HSTS). */
  readonly https: boolean;
  /** The build's server action IDs. */
  readonly actionIds: ReadonlySet<string>;
}

/** Headers that describe the client or its route, which only the server (or a trusted proxy) may set. */
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-real-ip", "forwarded"];

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Rewrites the request's headers to what the server vouches for, with the response's CSP (and so its nonce). */
function vouchFor(request: IncomingMessage, options: PortcullisServerOptions, csp: string): void {
  const headers = request.headers;
  const client = resolveClient(
    {
      remoteAddress: request.socket.remoteAddress,
      encrypted: "encrypted" in request.socket && request.socket.encrypted === true,
      forwardedFor: single(headers["x-forwarded-for"]),
      forwardedProto: single(headers["x-forwarded-proto"]),
    },
    options.trustedProxies,
  );
  for (const name of Object.keys(headers)) if (name.startsWith(VOUCHED_HEADER_PREFIX)) delete headers[name];
  // A trusted proxy's Host and port describe the public URL (Next checks server actions' Origin against them).
  for (const name of FORWARDING_HEADERS) if (!client.viaProxy || name === "x-forwarded-for" || name === "x-forwarded-proto") delete headers[name];
  if (client.address !== undefined) headers["x-forwarded-for"] = client.address;
  headers["x-forwarded-proto"] = client.secure ? "https" : "http";
  headers[VOUCHED_HEADERS.token] = requestToken();
  if (client.address !== undefined) headers[VOUCHED_HEADERS.sourceIp] = client.address;
  headers[VOUCHED_HEADERS.secureTransport] = String(client.secure);
  // Next takes the nonce for its inline scripts from the request's policy; a client's own policy is never it.
  delete headers["content-security-policy-report-only"];
  headers["content-security-policy"] = csp;
}

/** The API endpoints, which clients address with a trailing slash (the SDKs send `/sts/`). */
const API_PATH = /^\/(iam|sts)\/(\?|$)/;

/**
 * Next answers `/sts/` with a redirect to `/sts`, which no AWS client follows. The route gets the
 * path without the slash; the door gets the path as sent, which the request's signature covers.
 */
function routeApiPath(request: IncomingMessage): void {
  const url = request.url ?? "/";
  const match = API_PATH.exec(url);
  if (!match) return;
  const query = url.indexOf("?");
  request.headers[VOUCHED_HEADERS.originalPath] = query < 0 ? url : url.slice(0, query);
  request.url = `/${match[1]}${query < 0 ? "" : url.slice(query)}`;
}

function refuse(response: ServerResponse, refusal: Refusal): void {
  response.statusCode = refusal.status;
  response.setHeader("Content-Type", "text/plain; charset=utf-8");
  response.setHeader("Cache-Control", "no-store");
  // The body is not read: the connection cannot carry another request after it.
  response.setHeader("Connection", "close");
  response.end(`${refusal.message}\n`);
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** A request like `original` whose body is `body` (the original's body has been read to check it). */
function replayed(original: IncomingMessage, body: Buffer, headers: IncomingHttpHeaders): IncomingMessage {
  const copy = new IncomingMessage(original.socket);
  copy.method = original.method;
  copy.url = original.url;
  copy.httpVersion = original.httpVersion;
  copy.httpVersionMajor = original.httpVersionMajor;
  copy.httpVersionMinor = original.httpVersionMinor;
  copy.headers = headers;
  copy.rawHeaders = original.rawHeaders;
  // An incomplete message destroys its socket when it is destroyed (autoDestroy, after its end).
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

async function handle(request: IncomingMessage, response: ServerResponse, handler: RequestHandler, options: PortcullisServerOptions): Promise<void> {
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, https: options.https });
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  vouchFor(request, options, headers["Content-Security-Policy"]!);
  routeApiPath(request);

  const action = actionRequest(request.method, request.url, request.headers);
  if (!action) return handler(request, response);
  const early = refuseActionHead(action, request.headers, options.actionIds);
  if (early) return refuse(response, early);
  const body = await readBody(request);
  const late = await refuseActionBody(action, request.headers, body);
  if (late) return refuse(response, late);
  return handler(replayed(request, body, request.headers), response);
}

export function createPortcullisServer(handler: RequestHandler, options: PortcullisServerOptions): Server {
  return createServer((request, response) => {
    withRequestLog(() =>
      handle(request, response, handler, options).catch((error: unknown) => {
        console.error("Request failed:", error);
        if (!response.headersSent) refuse(response, { status: 500, message: "The server could not handle this request." });
        else response.destroy();
      }),
    );
  });
}

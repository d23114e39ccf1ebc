// Server action requests that Next would answer with a 500 and a logged stack trace get a 4xx and a
// sentence here instead: an action ID the build does not have, a body without a length or over the
// limit, and a body that does not decode (actionReply.ts).

import { readFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import path from "node:path";
import { actionBodyProblem } from "./actionReply";

/** Next's default serverActions.bodySizeLimit ("1 MB", which it reads as 1 MiB); next.config.ts keeps the default. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

export interface Refusal {
  readonly status: number;
  readonly message: string;
}

/** The IDs of the build's server actions (its server reference manifest), for refusing any other ID. */
export function buildActionIds(distDir: string): Set<string> {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as Record<string, Record<string, unknown>>;
  return new Set(Object.values(manifest).flatMap((actions) => (actions && typeof actions === "object" ? Object.keys(actions) : [])));
}

export interface ActionRequest {
  /** Called from JavaScript: the Next-Action header names the action. */
  readonly fetchAction: boolean;
  readonly actionId: string | undefined;
}

/**
 * Whether Next would hand this request to its server action handler: a POST with a Next-Action
 * header, or a multipart form posted to a page. Route handlers (under /api/) read their own bodies.
 */
export function actionRequest(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): ActionRequest | undefined {
  // The URL parser resolves dot segments, as Next's router does ("/api/../users" is a page).
  if (method !== "POST" || new URL(url ?? "/", "http://localhost").pathname.startsWith("/api/")) return undefined;
  const header = headers["next-action"];
  const actionId = Array.isArray(header) ? header[0] : header;
  if (actionId !== undefined) return { fetchAction: true, actionId };
  return headers["content-type"]?.toLowerCase().startsWith("multipart/form-data") ? { fetchAction: false, actionId: undefined } : undefined;
}

/** What can be refused before reading the body. */
export function refuseActionHead(request: ActionRequest, headers: IncomingHttpHeaders, actionIds: ReadonlySet<string>): Refusal | undefined {
  if (request.fetchAction && !actionIds.has(request.actionId ?? "")) {
    return /^[0-9a-f]{42}$/.test(request.actionId ?? "")
      ? { status: 404, message: "This page is out of date: its action no longer exists on the server. Reload the page and try again." }
      : { status: 400, message: "The Next-Action header does not name a server action." };
  }
  const length = headers["content-length"];
  if (length === undefined) return { status: 411, message: "A server action request must state its Content-Length." };
  if (!/^\d+$/.test(length)) return { status: 400, message: "The Content-Length header is not a number." };
  if (Number(length) > ACTION_BODY_LIMIT) {
    return { status: 413, message: `The request is larger than the ${ACTION_BODY_LIMIT / 1024 / 1024} MiB a server action accepts.` };
  }
  return undefined;
}

/** What can be refused once the body is read (its length is known to be within the limit). */
export async function refuseActionBody(request: ActionRequest, headers: IncomingHttpHeaders, body: Buffer): Promise<Refusal | undefined> {
  const problem = await actionBodyProblem(headers["content-type"], body, request.fetchAction);
  return problem ? { status: 400, message: `This server action request cannot be read: ${problem}.` } : undefined;
}

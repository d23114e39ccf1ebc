// The console's HTTP doors, as a browser uses them, for the instance tests: next-auth's credentials
// sign-in and sign-out (/api/auth/csrf, /api/auth/callback/iam-user, /api/auth/signout), console
// pages with the session cookie, and a server action posted the way React posts one (the action's
// ID in the Next-Action header, its arguments as the JSON reply). Requests say which client they
// are for with X-Forwarded-For: the instances trust this machine as their load balancer
// (PORTCULLIS_TRUSTED_PROXIES), as instances behind a real one would.

import { readFileSync } from "node:fs";
import path from "node:path";
import type { Instance } from "./instance";
import { APP_DIR, DIST_DIR } from "./instance";

/** Cookies by name, as one browser holds them; the same jar may talk to several instances (one site behind a load balancer). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line);
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  copy(): CookieJar {
    const jar = new CookieJar();
    for (const [name, value] of this.cookies) jar.cookies.set(name, value);
    return jar;
  }
}

export interface ClientAt {
  readonly jar: CookieJar;
  /** The client's address as the load balancer reports it. */
  readonly address: string;
}

async function send(instance: Instance, client: ClientAt, pathname: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("x-forwarded-for", client.address);
  const cookie = client.jar.header();
  if (cookie) headers.set("cookie", cookie);
  const response = await fetch(`${instance.baseUrl}${pathname}`, { ...init, headers, redirect: "manual" });
  client.jar.store(response);
  return response;
}

async function csrfToken(instance: Instance, client: ClientAt): Promise<string> {
  const response = await send(instance, client, "/api/auth/csrf");
  const body = (await response.json()) as { csrfToken: string };
  return body.csrfToken;
}

export interface SignInAnswer {
  readonly signedIn: boolean;
  /** next-auth's error code on the sign-in page's URL: CredentialsSignin, or Throttled (lib/auth/options.ts). */
  readonly error?: string;
  readonly ms: number;
}

/** The IAM user sign-in form's request (account ID, user name, password). */
export async function signInIamUser(instance: Instance, client: ClientAt, account: string, userName: string, password: string): Promise<SignInAnswer> {
  const started = Date.now();
  const csrf = await csrfToken(instance, client);
  const response = await send(instance, client, "/api/auth/callback/iam-user", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf, account, userName, password, callbackUrl: `${instance.baseUrl}/`, json: "true" }).toString(),
  });
  const text = await response.text();
  let url = response.headers.get("location") ?? "";
  try {
    url = (JSON.parse(text) as { url?: string }).url ?? url;
  } catch {
    // A redirect rather than JSON.
  }
  const error = url ? (new URL(url, instance.baseUrl).searchParams.get("error") ?? undefined) : undefined;
  return { signedIn: client.jar.get("next-auth.session-token") !== undefined && error === undefined, ...(error ? { error } : {}), ms: Date.now() - started };
}

/** The console's Sign out button (next-auth's signOut): ends the session everywhere by advancing its generation. */
export async function signOut(instance: Instance, client: ClientAt): Promise<number> {
  const csrf = await csrfToken(instance, client);
  const response = await send(instance, client, "/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf, callbackUrl: `${instance.baseUrl}/signin`, json: "true" }).toString(),
  });
  await response.arrayBuffer();
  return response.status;
}

export interface PageAnswer {
  readonly status: number;
  readonly location?: string;
  readonly body: string;
}

export async function page(instance: Instance, client: ClientAt, pathname: string): Promise<PageAnswer> {
  const response = await send(instance, client, pathname);
  const location = response.headers.get("location") ?? undefined;
  return { status: response.status, ...(location ? { location } : {}), body: await response.text() };
}

/** GET /api/auth/session: what next-auth itself reports about the cookie. */
export async function sessionEndpoint(instance: Instance, client: ClientAt): Promise<{ principal?: { arn?: string; userName?: string } }> {
  const response = await send(instance, client, "/api/auth/session");
  return (await response.json()) as { principal?: { arn?: string; userName?: string } };
}

/** A server action's ID in the build being served, by its file and export (the build's server reference manifest). */
export function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(APP_DIR, DIST_DIR, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, action]) => action.filename === file && action.exportedName === exportedName);
  if (!found) throw new Error(`The build in ${DIST_DIR} has no server action ${exportedName} in ${file}.`);
  return found[0];
}

export interface ActionAnswer {
  readonly status: number;
  /** Where the action redirected (Next's x-action-redirect): what a successful save does. */
  readonly redirect?: string;
  /** The IAM error code of an ActionState's error. */
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly ms: number;
}

/**
 * Calls a server action as React's client does: POST to the page, Next-Action: ID, and the arguments
 * (bound ones first) as JSON. Plain strings, booleans and objects encode as themselves in React's
 * reply format as long as no string starts with "$".
 */
export async function callAction(instance: Instance, client: ClientAt, pagePath: string, id: string, args: readonly unknown[]): Promise<ActionAnswer> {
  const started = Date.now();
  const response = await send(instance, client, pagePath, {
    method: "POST",
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: instance.baseUrl },
    body: JSON.stringify(args),
  });
  const body = await response.text();
  const redirect = response.headers.get("x-action-redirect") ?? undefined;
  const error = /"error":\{"code":"([^"]+)","message":"((?:[^"\\]|\\.)*)"/.exec(body);
  return {
    status: response.status,
    ...(redirect ? { redirect } : {}),
    ...(error ? { errorCode: error[1], errorMessage: JSON.parse(`"${error[2]}"`) as string } : {}),
    ms: Date.now() - started,
  };
}

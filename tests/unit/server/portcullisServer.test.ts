// The server `npm start` runs, over a real socket, around a stub in place of Next: what the app sees
// of a request a client tried to dress up, and what the client gets back.

import type { AddressInfo } from "node:net";
import type { IncomingHttpHeaders, Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestInfoFrom, type RequestInfo } from "@/lib/auth/request";
import { ACTION_BODY_LIMIT } from "@/scripts/server/actionRequests";
import { parseTrustedProxies } from "@/scripts/server/clientAddress";
import { createPortcullisServer } from "@/scripts/server/portcullisServer";
import { securityHeaders } from "@/scripts/server/securityHeaders";

const ACTION_ID = "7f".padEnd(42, "0");

interface Seen {
  readonly headers: IncomingHttpHeaders;
  readonly info: RequestInfo;
  readonly body: string;
}

/** Starts the server with a stub handler that records what it was given and answers 200. */
async function start(trusted: string | undefined): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createPortcullisServer(
    async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      seen.push({ headers: { ...request.headers }, info: requestInfoFrom(request.headers), body: Buffer.concat(chunks).toString("utf8") });
      response.end("ok");
    },
    { trustedProxies: parseTrustedProxies(trusted), https: false, actionIds: new Set([ACTION_ID]) },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const SPOOFED = {
  "X-Forwarded-For": "203.0.113.7",
  "X-Forwarded-Proto": "https",
  "X-Forwarded-Host": "evil.example",
  "X-Real-IP": "203.0.113.8",
  "X-Portcullis-Source-Ip": "203.0.113.9",
  "X-Portcullis-Secure-Transport": "true",
  "X-Portcullis-Request-Token": "guessed",
  "Content-Security-Policy": "script-src 'nonce-chosenbytheclient'",
};

describe("a direct connection (no trusted proxies)", () => {
  let direct: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => (direct = await start(undefined)));
  afterAll(() => direct.server.close());

  it("gives the app the socket's address and protocol, however the client dresses the request up", async () => {
    expect((await fetch(`${direct.url}/dashboard`, { headers: SPOOFED })).status).toBe(200);
    const { headers, info } = direct.seen.at(-1)!;
    expect(info).toMatchObject({ sourceIp: "127.0.0.1", secureTransport: false });
    // What Next itself reads is the server's answer too, not the client's.
    expect(headers).toMatchObject({ "x-forwarded-for": "127.0.0.1", "x-forwarded-proto": "http" });
    expect(headers["x-forwarded-host"]).toBeUndefined();
    expect(headers["x-real-ip"]).toBeUndefined();
    expect(headers["content-security-policy"]).not.toContain("chosenbytheclient");
  });

  it("answers with the security headers (HSTS only for an https public URL), and a fresh nonce the app's request also carries", async () => {
    const first = await fetch(`${direct.url}/signin`);
    const second = await fetch(`${direct.url}/signin`);
    const csp = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(direct.seen.at(-2)!.headers["content-security-policy"]).toBe(csp);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(["x-frame-options", "x-content-type-options", "referrer-policy", "cross-origin-opener-policy"].map((name) => first.headers.get(name))).toEqual([
      "DENY",
      "nosniff",
      "same-origin",
      "same-origin",
    ]);
    expect(first.headers.get("permissions-policy")).toContain("camera=()");
    expect(first.headers.get("strict-transport-security")).toBeNull();
    expect(securityHeaders({ nonce: "n", https: true })["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  });
});

describe("behind a trusted proxy", () => {
  let proxied: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => (proxied = await start("127.0.0.0/8")));
  afterAll(() => proxied.server.close());

  it("takes the right-most hop that is not a trusted proxy, and the proxy's protocol", async () => {
    await fetch(`${proxied.url}/dashboard`, { headers: { "X-Forwarded-For": "203.0.113.7, 198.51.100.4, 127.0.0.2", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "console.example" } });
    const { headers, info } = proxied.seen.at(-1)!;
    expect(info).toMatchObject({ sourceIp: "198.51.100.4", secureTransport: true });
    expect(headers).toMatchObject({ "x-forwarded-for": "198.51.100.4", "x-forwarded-proto": "https", "x-forwarded-host": "console.example" });
  });
});

describe("server action requests", () => {
  let server: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => (server = await start(undefined)));
  afterAll(() => server.server.close());

  const post = (body: BodyInit, headers: Record<string, string>) => fetch(`${server.url}/users/bob`, { method: "POST", body, headers });

  it("refuses an action the build does not have, and a malformed ID, with a sentence", async () => {
    const unknown = await post("[]", { "Next-Action": "7e".padEnd(42, "0") });
    expect([unknown.status, await unknown.text()]).toEqual([404, expect.stringMatching(/^This page is out of date/)]);
    const malformed = await post("[]", { "Next-Action": "garbage" });
    expect([malformed.status, await malformed.text()]).toEqual([400, "The Next-Action header does not name a server action.\n"]);
    expect(malformed.headers.get("x-frame-options")).toBe("DENY");
  });

  it("refuses a body over the limit before reading it", async () => {
    const response = await post("x".repeat(ACTION_BODY_LIMIT + 1), { "Next-Action": ACTION_ID });
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/larger than the 1 MiB a server action accepts/);
  });

  it("refuses bodies that do not decode as the arguments the console sends", async () => {
    const refused = async (body: BodyInit, headers: Record<string, string> = {}) => {
      const response = await post(body, { "Next-Action": ACTION_ID, ...headers });
      return [response.status, await response.text()];
    };
    expect(await refused('[{"x":')).toEqual([400, "This server action request cannot be read: the arguments are not valid JSON.\n"]);
    expect(await refused('"x"')).toEqual([400, expect.stringContaining("the arguments are not a list")]);
    expect(await refused('["$nabc"]')).toEqual([400, expect.stringContaining("a value type the console never sends")]);
    expect(await refused('["bob", {"a": ["$5"]}]')).toEqual([400, expect.stringContaining("a value type the console never sends")]);
    expect(await refused("garbage", { "Content-Type": "multipart/form-data; boundary=xx" })).toEqual([400, expect.stringContaining("the form data is malformed")]);
    expect(await refused('["bob", "$@1"]')).toEqual([400, expect.stringContaining("a value type the console never sends")]);
    const noRoot = new FormData();
    noRoot.append("1_name", "x");
    expect(await refused(noRoot)).toEqual([400, expect.stringContaining("the arguments are missing")]);
    // A form posted before the page's scripts ran carries its bound arguments as rows too.
    const posted = new FormData();
    posted.append("$ACTION_REF_1", "");
    posted.append("$ACTION_1:0", JSON.stringify({ id: ACTION_ID, bound: "$@1" }));
    posted.append("$ACTION_1:1", '["bob",');
    const response = await fetch(`${server.url}/users/bob`, { method: "POST", body: posted });
    expect([response.status, await response.text()]).toEqual([400, expect.stringContaining("not valid JSON")]);
  });

  it("passes a well-formed call on with its body intact", async () => {
    const form = new FormData();
    form.append("0", JSON.stringify(["bob", "$undefined", "$K1", "$$dollar", "$D2026-01-01T00:00:00.000Z"]));
    form.append("1_confirmation", "bob");
    expect((await post(form, { "Next-Action": ACTION_ID })).status).toBe(200);
    expect(server.seen.at(-1)!.body).toContain('name="1_confirmation"');
    expect((await post('["bob",{"error":null}]', { "Next-Action": ACTION_ID })).status).toBe(200);
    expect(server.seen.at(-1)!.body).toBe('["bob",{"error":null}]');
    const posted = new FormData();
    posted.append("$ACTION_REF_1", "");
    posted.append("$ACTION_1:0", JSON.stringify({ id: ACTION_ID, bound: "$@1" }));
    posted.append("$ACTION_1:1", '["bob",{}]');
    posted.append("confirmation", "bob");
    expect((await fetch(`${server.url}/users/bob`, { method: "POST", body: posted })).status).toBe(200);
  });
});

describe("the app's reading of the vouched headers", () => {
  it("ignores them without the server's token (a plain `next start`, or a client guessing their names)", () => {
    expect(requestInfoFrom({ "x-portcullis-source-ip": "203.0.113.9", "x-portcullis-secure-transport": "true", "x-forwarded-for": "203.0.113.7", "user-agent": "ua" })).toEqual({
      sourceIp: undefined,
      userAgent: "ua",
      secureTransport: false,
    });
  });
});

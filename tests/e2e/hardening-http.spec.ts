// What the HTTP server decides for the console, probed as an attacker would probe the production
// build: the client's address and protocol (a client cannot choose them with X-Forwarded-*), the
// security headers on every kind of response, a framing page, requests that used to end in a 500
// and a flood of log lines (malformed server action calls, tampered bound arguments, a malformed
// cookie), and the modes of the data files.

import { readFile, stat } from "node:fs/promises";
import type { APIResponse, Page, Request } from "@playwright/test";
import { expect, newRootAccount, signInAsIamUser, signInAsRoot, signOut, signUp, test } from "./support";

const DATA_DIR = process.env.E2E_DATA_DIR ?? ".e2e-data";
/** scripts/server/boundedLog.ts's limit. */
const LOG_LINE_LIMIT = 2000;
// The whole address cell: a row's text runs its cells together ("Denied::1AccessDenied"), so a
// pattern over the row cannot tell ::1 from its neighbours.
const LOOPBACK = /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/;
const SPOOFED = { "X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example" };

async function createUser(page: Page, userName: string, options: { password?: string; policy?: string } = {}): Promise<void> {
  await page.goto("/users/new");
  const wizard = page.getByTestId("create-user-wizard");
  await page.getByLabel("User name").fill(userName);
  if (options.password) {
    await page.getByLabel("Provide user access to the console").check();
    await page.getByRole("radio", { name: /^Custom password/ }).check();
    await page.getByTestId("custom-password").fill(options.password);
    await page.getByLabel("Users must create a new password at next sign-in (recommended)").uncheck();
  }
  await page.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByRole("heading", { name: "Set permissions" })).toBeVisible();
  if (options.policy) {
    const policies = page.getByTestId("wizard-policies");
    await policies.getByLabel("Search policies by name").fill(options.policy);
    await policies.getByRole("checkbox", { name: new RegExp(`^${options.policy}\\b`) }).check();
  }
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("created-user-name")).toHaveText(userName);
}

test.describe("a client that claims another address, TLS and host", () => {
  test.use({ extraHTTPHeaders: SPOOFED });

  test("stays denied by aws:SourceIp and aws:SecureTransport conditions, and the audit log records its real address", async ({ page, baseURL }) => {
    const root = newRootAccount("Forwarding");
    const accountId = await signUp(page, root);
    const password = "Outsider-Pass-2026!";
    // The sign-in URL root hands out is the configured public URL, not the host the request named.
    await expect(page.getByTestId("signin-url")).toHaveText(`${baseURL}/signin?account=${accountId}`);

    await test.step("root lets outsider read IAM, but only from 203.0.113.0/24 and over TLS", async () => {
      await createUser(page, "outsider", { password, policy: "IAMReadOnlyAccess" });
      await page.goto("/users/outsider/inline-policy");
      await page.getByRole("tab", { name: "JSON" }).click();
      const document = {
        Version: "2012-10-17",
        Statement: [
          { Sid: "DenyOutsideOffice", Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } } },
          { Sid: "DenyWithoutTls", Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
      };
      await page.getByRole("textbox", { name: "Policy document" }).click();
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.insertText(JSON.stringify(document, null, 2));
      await page.getByTestId("inline-policy-name").fill("OnlyFromTheOffice");
      await page.getByTestId("save-inline-policy").click();
      await page.waitForURL(/tab=permissions/);
      await signOut(page);
    });

    await test.step("outsider, sending X-Forwarded-For: 203.0.113.7 and X-Forwarded-Proto: https, is denied by both statements", async () => {
      await signInAsIamUser(page, accountId, "outsider", password);
      await page.goto("/users");
      const denied = page.getByTestId("access-denied");
      await expect(denied).toBeVisible();
      await expect(denied).toContainText("DenyOutsideOffice");
      await expect(denied).toContainText("DenyWithoutTls");
      await expect(page.getByTestId("users-table")).toHaveCount(0);
      await signOut(page);
    });

    await test.step("the audit log shows the loopback address the requests really came from", async () => {
      await signInAsRoot(page, root);
      await page.goto(`/audit?readOnly=show&principal=${encodeURIComponent(`arn:aws:iam::${accountId}:user/outsider`)}`);
      const rows = page.getByTestId("audit-event");
      await expect(rows.filter({ hasText: "iam:ListUsers" }).first()).toContainText("Denied");
      const addresses = await rows.getByTestId("audit-source-ip").allInnerTexts();
      expect(addresses.length).toBe(await rows.count());
      expect(addresses.length).toBeGreaterThan(1);
      for (const address of addresses) expect(address.trim()).toMatch(LOOPBACK);
      await expect(page.getByTestId("audit-table")).not.toContainText("203.0.113.7");
    });
  });
});

function expectSecurityHeaders(response: APIResponse, what: string): string {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "img-src 'self' data:",
    "connect-src 'self'",
  ]) {
    expect(csp, `${what}: ${directive}`).toContain(directive);
  }
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'/);
  expect(headers, what).toMatchObject({
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
  });
  expect(headers["permissions-policy"], what).toMatch(/camera=\(\).*microphone=\(\)/);
  // The e2e server's public URL is http: no HSTS.
  expect(headers["strict-transport-security"], what).toBeUndefined();
  return /'nonce-([^']+)'/.exec(csp)![1]!;
}

test("every kind of response carries the security headers, and pages a fresh nonce on every script", async ({ request }) => {
  const page = await request.get("/signin");
  const nonce = expectSecurityHeaders(page, "page");
  const html = await page.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  expect(expectSecurityHeaders(await request.get("/signin"), "the same page again")).not.toBe(nonce);

  const session = await request.get("/api/auth/session");
  expect(session.status()).toBe(200);
  expectSecurityHeaders(session, "API route");
  const asset = await request.get(/src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!);
  expect(asset.status()).toBe(200);
  expectSecurityHeaders(asset, "static file");
  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  const missingNonce = expectSecurityHeaders(missing, "404");
  for (const script of (await missing.text()).match(/<script\b[^>]*>/g) ?? []) expect(script).toContain(`nonce="${missingNonce}"`);
  const redirect = await request.get("/", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect, "redirect");
});

test("a page on another origin cannot frame the console", async ({ page, baseURL, cspViolations }) => {
  await page.setContent(`<iframe src="${baseURL}/signin" title="Portcullis"></iframe>`);
  // The browser refuses the frame (frame-ancestors 'none') and says so: the violation is the point here.
  await expect.poll(() => cspViolations.join("\n")).toMatch(/frame-ancestors 'none'/);
  await expect(page.frameLocator("iframe").getByTestId("signin-form")).toHaveCount(0);
  cspViolations.length = 0;
});

test("a test whose page breaks the Content Security Policy fails (this one is expected to, so the list shows ✘)", async ({ page }) => {
  test.fail(true, "the CSP fixture in support.ts must fail this test: the browser refused an image from another site");
  await page.goto("/signin");
  await page.evaluate(() => {
    const image = document.createElement("img");
    image.src = "https://tracker.example/pixel.png";
    document.body.append(image);
  });
  await expect(page.locator('img[src^="https://tracker.example"]')).toHaveJSProperty("naturalWidth", 0);
});

/** How many lines the server log has now, and every line added since `before`. */
async function serverLog(before = 0): Promise<{ count: number; added: string[] }> {
  const lines = (await readFile(`${DATA_DIR}/server.log`, "utf8")).split("\n").filter((line) => line !== "");
  return { count: lines.length, added: lines.slice(before) };
}

test("malformed server action calls, tampered arguments and a malformed cookie get a sentence, and at most one short log line each", async ({ page, baseURL }) => {
  const root = newRootAccount("Action bodies");
  await signUp(page, root);
  await createUser(page, "bob");
  await page.goto("/users/bob?tab=tags");
  const sent = page.waitForRequest((request) => request.method() === "POST" && request.headers()["next-action"] !== undefined);
  await page.getByTestId("save-tags").click();
  const call: Request = await sent;
  const actionId = call.headers()["next-action"]!;
  const multipart = call.headers()["content-type"]!;
  const body = call.postDataBuffer()!.toString("utf8");
  // Row 0 of the call holds the arguments: the bound user name first. (The form also carries the
  // bound arguments in hidden fields, for a submission before the page's scripts ran.)
  const argumentsRow = /(name="0"\r\n\r\n)\["bob",/;
  expect(body).toMatch(argumentsRow);

  const send = (data: string, headers: Record<string, string>) =>
    page.request.post("/users/bob?tab=tags", { headers: { Origin: baseURL!, Accept: "text/x-component", ...headers }, data: Buffer.from(data) });

  const attacks: { name: string; send: () => Promise<APIResponse>; status: number; says: RegExp }[] = [
    {
      name: "a 100,000-character user name bound to saveUserTags",
      send: () => send(body.replace(argumentsRow, `$1["${"x".repeat(100_000)}",`), { "Next-Action": actionId, "Content-Type": multipart }),
      status: 200,
      says: /UserName: must be at most 64 characters/,
    },
    {
      name: "a number in place of the form",
      send: () => send('["bob",{},5]', { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8" }),
      status: 200,
      says: /The request carries no form data/,
    },
    { name: "garbage JSON", send: () => send('[{"x":', { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8" }), status: 400, says: /not valid JSON/ },
    { name: "a truncated form", send: () => send(body.slice(0, body.length / 2), { "Next-Action": actionId, "Content-Type": multipart }), status: 400, says: /form data is malformed/ },
    { name: "a BigInt that is not one", send: () => send('["$nabc"]', { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8" }), status: 400, says: /value type the console never sends/ },
    { name: "an action ID that is not one", send: () => send("[]", { "Next-Action": "garbage" }), status: 400, says: /does not name a server action/ },
    { name: "an action this build does not have", send: () => send("[]", { "Next-Action": "7f".padEnd(42, "0") }), status: 404, says: /out of date/ },
    { name: "a body over the limit", send: () => send("x".repeat(1024 * 1024 + 1), { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8" }), status: 413, says: /larger than the 1 MiB/ },
  ];
  for (const attack of attacks) {
    await test.step(attack.name, async () => {
      const before = await serverLog();
      const response = await attack.send();
      const text = await response.text();
      expect(response.status()).toBe(attack.status);
      expect(text).toMatch(attack.says);
      expect(text).not.toContain("digest");
      await page.waitForTimeout(200);
      const { added } = await serverLog(before.count);
      expect(added.length, `log lines added: ${added.join("\n").slice(0, 500)}`).toBeLessThanOrEqual(1);
      for (const line of added) expect(line.length).toBeLessThanOrEqual(LOG_LINE_LIMIT);
    });
  }

  await test.step("bob is unharmed and the page still works", async () => {
    await page.goto("/users/bob?tab=tags");
    await expect(page.getByTestId("user-title")).toHaveText("bob");
  });

  await test.step("an unrelated malformed cookie on the host breaks neither pages nor sign-in", async () => {
    await page.context().addCookies([{ name: "foo", value: "%E0%A4%A", url: baseURL! }]);
    const before = await serverLog();
    const dashboard = await page.goto("/dashboard");
    expect(dashboard?.status()).toBe(200);
    expect((await page.request.get("/api/auth/session")).status()).toBe(200);
    await signOut(page);
    await signInAsRoot(page, root);
    expect((await serverLog(before.count)).added).toEqual([]);
  });
});

test("the data directory is private to the server's user", async () => {
  expect((await stat(DATA_DIR)).mode & 0o777).toBe(0o700);
  // On PostgreSQL the data directory holds only the secrets; the database server guards its own files.
  const files = process.env.E2E_DATABASE_URL ? ["secrets.json"] : ["portcullis.db", "portcullis.db-wal", "portcullis.db-shm", "secrets.json"];
  for (const file of files) {
    expect((await stat(`${DATA_DIR}/${file}`)).mode & 0o777, file).toBe(0o600);
  }
});

// Console sessions end when they should, against the production build. Each test replays what an
// attacker holding a copied session cookie would try: after sign-out, after an administrator resets
// the password or revokes the sessions, after the victim changes their own password, and after the
// session's 12-hour lifetime (forged with the server's session secret from its data directory, so no
// one waits 12 hours). The person who changed their own password stays signed in.

import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Cookie, Page } from "@playwright/test";
import { decode, encode, type JWT } from "next-auth/jwt";
import { expect, newRootAccount, screenshot, signInAsIamUser, signOut, signUp, test } from "./support";

const DATA_DIR = process.env.E2E_DATA_DIR ?? ".e2e-data";
const SESSION_COOKIE = "next-auth.session-token";
const SAM = "sam";
const HOUR = 3_600_000;

test.describe.configure({ mode: "serial" });

const root = newRootAccount("Sessions");
let accountId = "";
let admin: BrowserContext;
let adminPage: Page;
let samPassword = "Sam-First-Pass-1!";

async function sessionSecret(): Promise<string> {
  return (JSON.parse(await readFile(`${DATA_DIR}/secrets.json`, "utf8")) as { sessionSecret: string }).sessionSecret;
}

async function sessionCookie(context: BrowserContext): Promise<Cookie> {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie, "a session cookie").toBeDefined();
  return cookie!;
}

/** A fresh browser holding only this cookie: what an attacker who copied it has. */
async function replay(browser: Browser, cookie: Cookie): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies([cookie]);
  return context.newPage();
}

async function expectSignedOut(page: Page) {
  await page.goto("/dashboard");
  await page.waitForURL("**/signin");
  await expect(page.getByTestId("signin-form")).toBeVisible();
}

async function expectSignedIn(page: Page, as = `IAM user ${SAM}`) {
  await page.goto("/dashboard");
  await expect(page.getByTestId("header-principal")).toHaveText(as);
}

async function samSession(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsIamUser(page, accountId, SAM, samPassword);
  return { context, page };
}

test.beforeAll(async ({ browser }) => {
  admin = await browser.newContext();
  adminPage = await admin.newPage();
  accountId = await signUp(adminPage, root);
  // sam: a console password and nothing but the right to change it.
  await adminPage.goto("/users/new");
  await adminPage.getByLabel("User name").fill(SAM);
  await adminPage.getByLabel("Provide user access to the console").check();
  await adminPage.getByRole("radio", { name: /^Custom password/ }).check();
  await adminPage.getByTestId("custom-password").fill(samPassword);
  await adminPage.getByLabel("Users must create a new password at next sign-in (recommended)").uncheck();
  await adminPage.getByRole("button", { name: "Next" }).click();
  const policies = adminPage.getByTestId("wizard-policies");
  await policies.getByLabel("Search policies by name").fill("IAMUserChangePassword");
  await policies.getByRole("checkbox", { name: /^IAMUserChangePassword\b/ }).check();
  await adminPage.getByRole("button", { name: "Next" }).click();
  await adminPage.getByRole("button", { name: "Next" }).click();
  await adminPage.getByRole("button", { name: "Create user" }).click();
  await expect(adminPage.getByTestId("created-user-name")).toHaveText(SAM);
});

test.afterAll(async () => {
  await admin.close();
});

test("a session cookie copied before sign-out no longer signs anyone in", async ({ browser }) => {
  const { context, page } = await samSession(browser);
  const copied = await sessionCookie(context);
  await signOut(page);
  const attacker = await replay(browser, copied);
  await expectSignedOut(attacker);
  await attacker.context().close();
  await context.close();
});

test("an administrator's password reset, and Revoke active sessions, sign the user out everywhere", async ({ browser }) => {
  const sam = await samSession(browser);
  await adminPage.goto(`/users/${SAM}?tab=security`);
  await adminPage.getByTestId("manage-console-access").click();
  await adminPage.getByRole("radio", { name: "Custom password" }).check();
  samPassword = "Sam-Reset-Pass-2!";
  await adminPage.getByTestId("console-custom-password").fill(samPassword);
  await adminPage.getByLabel("User must create a new password at next sign-in").uncheck();
  await adminPage.getByTestId("save-console-password").click();
  await expect(adminPage.getByTestId("manage-console-access")).toHaveAttribute("aria-expanded", "false");
  await expectSignedOut(sam.page);

  await signInAsIamUser(sam.page, accountId, SAM, samPassword);
  await adminPage.reload();
  const panel = adminPage.getByTestId("revoke-sessions");
  await panel.getByTestId("revoke-sessions-start").click();
  await expect(panel).toContainText(`Sign ${SAM} out of every console session now?`);
  await screenshot(adminPage, "sessions-revoke-confirm");
  await panel.getByTestId("revoke-sessions-confirm").click();
  await expect(panel.getByTestId("revoke-sessions-result")).toContainText(`All of ${SAM}'s console sessions were ended.`);
  await expect(panel.getByTestId("revoke-sessions-error")).toBeEmpty();
  await expectSignedOut(sam.page);
  // The administrator's own session is untouched.
  await expectSignedIn(adminPage, "Root user");
  await sam.context.close();
});

test("refreshing keeps the original sign-in time, and a session past its lifetime is not brought back", async ({ browser, request }) => {
  const sam = await samSession(browser);
  const secret = await sessionSecret();
  const issued = await sessionCookie(sam.context);
  const claims = (await decode({ token: issued.value, secret }))!.principal!;

  // GET /api/auth/session reissues the cookie with a new expiry, but the same sign-in and generation.
  const refreshed = await sam.page.request.get("/api/auth/session");
  expect((await refreshed.json()).principal).toMatchObject({ userName: SAM });
  const reissued = await sessionCookie(sam.context);
  expect(reissued.value).not.toBe(issued.value);
  expect((await decode({ token: reissued.value, secret }))!.principal).toMatchObject({ authTime: claims.authTime, generation: claims.generation });

  // The same session as it would be 12 hours and a minute after sign-in, refreshed all along.
  const old: JWT = { sub: claims.arn, principal: { ...claims, authTime: Date.now() - 12 * HOUR - 60_000 } };
  const cookie = `${SESSION_COOKIE}=${await encode({ token: old, secret })}`;
  const answer = await request.get("/api/auth/session", { headers: { cookie } });
  expect(await answer.json()).not.toHaveProperty("principal");
  const page = await request.get("/dashboard", { headers: { cookie }, maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toMatch(/\/signin$/);
  await sam.context.close();
});

test("changing your own password keeps this session and ends every other; so does Sign out other sessions", async ({ browser }) => {
  const here = await samSession(browser);
  const elsewhere = await samSession(browser);
  await here.page.goto("/me");
  await here.page.getByTestId("me-change-password").click();
  await here.page.waitForURL("**/change-password");
  await here.page.getByLabel("Current password").fill(samPassword);
  samPassword = "Sam-Chosen-Pass-3!";
  await here.page.getByLabel("New password", { exact: true }).fill(samPassword);
  await here.page.getByLabel("Confirm new password").fill(samPassword);
  await here.page.getByRole("button", { name: "Change password" }).click();
  await here.page.waitForURL("**/dashboard");
  await expectSignedIn(here.page);
  await expectSignedOut(elsewhere.page);

  await signInAsIamUser(elsewhere.page, accountId, SAM, samPassword);
  await here.page.goto("/me");
  const panel = here.page.getByTestId("revoke-sessions");
  await panel.getByTestId("revoke-sessions-start").click();
  await panel.getByTestId("revoke-sessions-confirm").click();
  await expect(panel.getByTestId("revoke-sessions-result")).toContainText("Every other console session was signed out.");
  await screenshot(here.page, "sessions-me-signed-out-others");
  await expectSignedIn(here.page);
  await expectSignedOut(elsewhere.page);
  await here.context.close();
  await elsewhere.context.close();
});

// The console's edges, as a person meets them: an address naming a user, group or policy that does
// not exist answers HTTP 404 with a page that says what is missing and leads back to its list; an
// address that matches nothing answers 404 outside the console; and an unexpected server error (here
// a database another process keeps locked) shows an apology and a reference the server log holds,
// never the error itself.

import { readFile } from "node:fs/promises";
import { stripVTControlCharacters } from "node:util";
import type { Page } from "@playwright/test";
import { withDatabaseBroken } from "./database";
import { expect, fillSignUpForm, newRootAccount, screenshot, signUp, test } from "./support";

const DATA_DIR = process.env.E2E_DATA_DIR ?? ".e2e-data";

interface Missing {
  readonly url: string;
  readonly title: string;
  readonly message: string;
  readonly back: string;
  readonly list: string;
  readonly listHeading: string;
}

const USER: Omit<Missing, "url"> = {
  title: "User not found",
  message: "No IAM user named nobody-here exists in this account.",
  back: "Back to Users",
  list: "/users",
  listHeading: "Users",
};
const GROUP: Omit<Missing, "url"> = {
  title: "User group not found",
  message: "No user group named NoSuchGroup exists in this account.",
  back: "Back to User groups",
  list: "/groups",
  listHeading: "User groups",
};
const POLICY = { title: "Policy not found", back: "Back to Policies", list: "/policies", listHeading: "Policies" };

const MISSING: readonly Missing[] = [
  { url: "/users/nobody-here", ...USER },
  { url: "/users/nobody-here/delete", ...USER },
  { url: "/groups/NoSuchGroup", ...GROUP },
  { url: "/groups/NoSuchGroup/delete", ...GROUP },
  { url: "/policies/NoSuchPolicy", ...POLICY, message: "No managed policy named NoSuchPolicy exists in this account or among the AWS managed policies." },
  { url: "/policies/arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FNoSuchPolicy", ...POLICY, message: "No managed policy has the ARN arn:aws:iam::aws:policy/NoSuchPolicy." },
];

async function expectNotFound(page: Page, url: string, title: string, message: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), `status of ${url}`).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("not-found-message")).toHaveText(message);
}

test("a missing user, group or policy answers 404, says what is missing and links back to its list", async ({ page }) => {
  await signUp(page, newRootAccount("Boundaries"));
  for (const missing of MISSING) {
    await test.step(missing.url, async () => {
      await expectNotFound(page, missing.url, missing.title, missing.message);
      // Inside the console: its navigation is still there.
      await expect(page.getByRole("navigation", { name: "Console" })).toBeVisible();
      await page.getByRole("main").getByRole("link", { name: missing.back }).click();
      await page.waitForURL(`**${missing.list}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(missing.listHeading);
    });
  }

  await test.step("the dashboard link", async () => {
    await expectNotFound(page, "/users/nobody-here", USER.title, USER.message);
    await page.getByRole("main").getByRole("link", { name: "Go to the dashboard" }).click();
    await page.waitForURL("**/dashboard");
    await expect(page.getByTestId("account-id")).toBeVisible();
  });

  await test.step("screenshots at desktop and phone width", async () => {
    await expectNotFound(page, "/users/nobody-here", USER.title, USER.message);
    await screenshot(page, "not-found-user-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByTestId("not-found-message")).toHaveText(USER.message);
    await screenshot(page, "not-found-user-phone");
  });
});

test("a link to a group deleted since the list was shown leads to the group's not-found page", async ({ page, context }) => {
  await signUp(page, newRootAccount("Stale link"));
  await page.goto("/groups/new");
  await page.getByLabel("User group name").fill("Temporary");
  await page.getByRole("button", { name: "Create user group" }).click();
  await page.waitForURL("**/groups/Temporary");
  await page.goto("/groups");
  const link = page.getByTestId("groups-table").getByRole("link", { name: "Temporary" });
  await expect(link).toBeVisible();

  const other = await context.newPage();
  await other.goto("/groups/Temporary/delete");
  await other.getByLabel("To confirm, type the group name “Temporary”").fill("Temporary");
  await other.getByTestId("delete-group-submit").click();
  await other.waitForURL("**/groups");
  await other.close();

  await link.click();
  await page.waitForURL("**/groups/Temporary");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(GROUP.title);
  await expect(page.getByTestId("not-found-message")).toHaveText("No user group named Temporary exists in this account.");
});

test("an address that matches nothing answers 404 with the ways into the console", async ({ page }) => {
  const response = await page.goto("/nonexistent");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found · Portcullis");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("link", { name: "Go to the dashboard" })).toHaveAttribute("href", "/dashboard");
  await screenshot(page, "not-found-address-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "not-found-address-phone");
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.waitForURL("**/signin");
  await expect(page.getByTestId("signin-form")).toBeVisible();
});

// What the database driver said stays on the server.
const INTERNALS = /Prisma|SocketTimeout|SQLITE|portcullis\.db|AuditEvent|relation "|driverAdapter|\bat \S+ \(/;

/** The page shows a reference, and the server log has the error under it for an administrator to find. */
async function expectReferenceInServerLog(page: Page): Promise<void> {
  const reference = (await page.getByTestId("error-reference").innerText()).trim();
  expect(reference).toMatch(/^\w+$/);
  // Node may colour the logged error (ANSI escapes) when the test runner forces colour.
  const serverLog = async () => stripVTControlCharacters(await readFile(`${DATA_DIR}/server.log`, "utf8"));
  await expect.poll(async () => (await serverLog()).includes(`digest: '${reference}'`)).toBe(true);
  expect(await page.getByTestId("unexpected-error").innerText()).not.toMatch(INTERNALS);
}

test.describe("unexpected errors @exclusive", () => {
  test("in a console page: inside the shell, a reference and nothing internal, and Try again recovers", async ({ page }) => {
    test.setTimeout(120_000);
    await signUp(page, newRootAccount("Unexpected"));
    const browserConsole: string[] = [];
    page.on("console", (message) => browserConsole.push(message.text()));
    let body = "";
    await withDatabaseBroken(async () => {
      const response = await page.goto("/dashboard");
      expect(response?.status()).toBe(500);
      body = (await response?.text()) ?? "";
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Something went wrong");
    });
    await expect(page.getByRole("navigation", { name: "Console" })).toBeVisible();
    await expectReferenceInServerLog(page);
    expect(body).not.toMatch(INTERNALS);
    expect(browserConsole.join("\n")).not.toMatch(INTERNALS);
    await screenshot(page, "unexpected-error-console");

    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByTestId("account-id")).toBeVisible();
    await expect(page.getByTestId("unexpected-error")).toHaveCount(0);
  });

  test("outside the console (signing up): the whole page, with a reference, and Try again brings the form back", async ({ page }) => {
    await page.goto("/signup");
    await fillSignUpForm(page, newRootAccount("Global error"));
    await withDatabaseBroken(async () => {
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Something went wrong", { timeout: 30_000 });
    });
    await expect(page).toHaveTitle("Something went wrong · Portcullis");
    await expectReferenceInServerLog(page);
    await screenshot(page, "unexpected-error-global");

    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByTestId("signup-form")).toBeVisible();
  });
});

// A failed sign-in never says what was wrong: a wrong password, an unknown email, an unknown user
// or an unknown account all get the same words, and the typed password is cleared. Those words do
// not blame "too many attempts" either: only a refusal by the throttle says that (unit-tested in
// tests/unit/auth/throttle.test.ts, since reaching it here would take more wrong passwords than a spec may spend).

import type { Page } from "@playwright/test";
import { expect, newRootAccount, screenshot, signOut, signUp, test } from "./support";

const account = newRootAccount("Sign-in errors");
let accountId = "";

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  accountId = await signUp(page, account);
  await signOut(page);
  await page.close();
});

async function messageAfterSignIn(page: Page, fields: Record<string, string>): Promise<string> {
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Sign in" }).click();
  const message = page.getByTestId("signin-message");
  await expect(message).toContainText("Incorrect credentials");
  await expect(message).not.toContainText(/too many|attempts|wait/i);
  // Still on the sign-in page, ready for another try, with the password gone.
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  return (await message.innerText()).trim();
}

test("root sign-in: a wrong password and an unknown email get the same generic message", async ({ page }) => {
  await page.goto("/signin");
  const wrongPassword = await messageAfterSignIn(page, { "Root user email address": account.email, Password: "Not-The-Password-9!" });
  await expect(page.getByLabel("Root user email address")).toHaveValue(account.email);
  await screenshot(page, "signin-incorrect-credentials");

  await page.goto("/signin");
  const unknownEmail = await messageAfterSignIn(page, { "Root user email address": `nobody-${account.email}`, Password: account.password });

  expect(wrongPassword).toBe(unknownEmail);
  expect(wrongPassword).not.toMatch(/password|email|exist|not found/i);
});

test("IAM-user sign-in: an unknown user and an unknown account get the same generic message", async ({ page }) => {
  await page.goto(`/signin?account=${accountId}`);
  const unknownUser = await messageAfterSignIn(page, { "IAM user name": "nobody", Password: account.password });

  await page.goto("/signin?account=000000000000");
  const unknownAccount = await messageAfterSignIn(page, { "IAM user name": "nobody", Password: account.password });

  await page.goto("/signin");
  const rootMessage = await messageAfterSignIn(page, { "Root user email address": account.email, Password: "Wrong-Password-1!" });

  expect(unknownUser).toBe(unknownAccount);
  expect(unknownUser).toBe(rootMessage);
});

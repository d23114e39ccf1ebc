// Shared steps for the end-to-end specs: unique names per run, signing up, signing in and out as
// people do it (through the forms), and full-page screenshots for review.

import { expect, type Page } from "@playwright/test";

export const SCREENSHOTS = "test-results/screenshots";

/** A suffix that keeps account names and emails unique across runs and spec files. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export interface RootAccount {
  readonly accountName: string;
  readonly email: string;
  readonly password: string;
}

export function newRootAccount(label: string): RootAccount {
  const suffix = uniqueSuffix();
  return { accountName: `${label} ${suffix}`, email: `root-${suffix}@example.test`, password: "Portcullis-Root-2026!" };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

export async function fillSignUpForm(page: Page, account: RootAccount): Promise<void> {
  await page.getByLabel("Account name").fill(account.accountName);
  await page.getByLabel("Root user email address").fill(account.email);
  await page.getByLabel("Root user password", { exact: true }).fill(account.password);
  await page.getByLabel("Confirm root user password").fill(account.password);
}

/** Creates the account through /signup and returns its 12-digit ID, read from the dashboard. */
export async function signUp(page: Page, account: RootAccount): Promise<string> {
  await page.goto("/signup");
  await fillSignUpForm(page, account);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/dashboard");
  const accountId = page.getByTestId("account-id");
  await expect(accountId).toHaveText(/^\s*\d{12}\s*$/);
  return (await accountId.innerText()).trim();
}

export async function signInAsRoot(page: Page, account: RootAccount): Promise<void> {
  await page.goto("/signin");
  await expect(page.getByRole("radio", { name: "Root user" })).toBeChecked();
  await page.getByLabel("Root user email address").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("header-principal")).toHaveText("Root user");
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("sign-out").click();
  await page.waitForURL("**/signin");
  await expect(page.getByTestId("signin-form")).toBeVisible();
}

/** Signs an IAM user in through the sign-in URL root hands out (/signin?account=ID). */
export async function signInAsIamUser(page: Page, accountId: string, userName: string, password: string): Promise<void> {
  await page.goto(`/signin?account=${accountId}`);
  await expect(page.getByRole("radio", { name: "IAM user" })).toBeChecked();
  await expect(page.getByLabel("Account ID (12 digits) or account alias")).toHaveValue(accountId);
  await page.getByLabel("IAM user name").fill(userName);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("header-principal")).toHaveText(`IAM user ${userName}`);
}

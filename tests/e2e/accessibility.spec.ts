// The forms people meet first work from the keyboard and name every control for assistive
// technology: the sign-in form, the sign-up form and the first step of the create-user wizard.

import { expect, test, type Page } from "@playwright/test";
import { newRootAccount, signOut, signUp } from "./support";

/** Every visible form control has a non-empty accessible name (its label, legend or aria-label). */
async function expectEveryControlNamed(page: Page, scope: string, minimum: number): Promise<void> {
  const controls = page.locator(`${scope} :is(input:not([type=hidden]), select, textarea, button):visible`);
  const count = await controls.count();
  expect(count, `visible controls in ${scope}`).toBeGreaterThanOrEqual(minimum);
  for (let i = 0; i < count; i++) {
    const control = controls.nth(i);
    const description = await control.evaluate((el) => el.outerHTML.slice(0, 120));
    await expect(control, `accessible name of ${description}`).toHaveAccessibleName(/\S/);
  }
}

test("the sign-in form is operable from the keyboard alone", async ({ page }) => {
  const account = newRootAccount("Keyboard");
  await signUp(page, account);
  await signOut(page);

  await page.goto("/signin");
  const root = page.getByRole("radio", { name: "Root user" });
  const iamUser = page.getByRole("radio", { name: "IAM user" });
  await expect(root).toBeChecked();

  // The first Tab reaches the chosen kind; arrow keys switch kinds, and the fields follow.
  await page.keyboard.press("Tab");
  await expect(root).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(iamUser).toBeChecked();
  await expect(page.getByLabel("Account ID (12 digits) or account alias")).toBeVisible();
  await expect(page.getByLabel("IAM user name")).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(root).toBeChecked();
  await expect(root).toBeFocused();

  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Root user email address")).toBeFocused();
  await page.keyboard.type(account.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(account.password);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeFocused();

  // Enter in a field submits the form.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("header-principal")).toHaveText("Root user");
});

test("every control on /signin and /signup has an accessible name", async ({ page }) => {
  await page.goto("/signin");
  await expectEveryControlNamed(page, "[data-testid=signin-form]", 5);
  await page.getByRole("radio", { name: "IAM user" }).check();
  await expectEveryControlNamed(page, "[data-testid=signin-form]", 6);

  await page.goto("/signup");
  await expectEveryControlNamed(page, "[data-testid=signup-form]", 5);
  for (const label of ["Account name", "Root user email address", "Root user password", "Confirm root user password"]) {
    await expect(page.getByLabel(label, { exact: true })).toHaveAttribute("required", "");
  }
});

test("every control on the create-user wizard's first step has an accessible name", async ({ page }) => {
  await signUp(page, newRootAccount("Wizard labels"));
  await page.goto("/users/new");
  const wizard = "[data-testid=create-user-wizard]";
  await expect(page.getByRole("heading", { name: "Specify user details" })).toBeVisible();
  await expectEveryControlNamed(page, wizard, 4);

  // Console access reveals the password choices; they are labelled too.
  await page.getByLabel("Provide user access to the console").check();
  await page.getByRole("radio", { name: /^Custom password/ }).check();
  await expect(page.getByRole("group", { name: "Console password" })).toBeVisible();
  await expectEveryControlNamed(page, wizard, 9);
  await expect(page.getByTestId("custom-password")).toHaveAccessibleName("Custom password");
  await expect(page.getByRole("button", { name: "Show password" })).toBeVisible();

  // A name AWS would refuse is reported next to the field and tied to it.
  const userName = page.getByRole("textbox", { name: "User name" });
  await userName.fill("not a valid name!");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(userName).toHaveAttribute("aria-invalid", "true");
  await expect(userName).toHaveAccessibleDescription(/Enter 1–64 characters/);
});

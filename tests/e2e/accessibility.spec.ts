// The forms people meet first work from the keyboard and name every control for assistive
// technology: the sign-in form, the sign-up form, the first step of the create-user wizard, and
// the search pickers that choose policies, users and groups. The not-found pages keep their
// landmarks and heading, and their ways back are reachable from the keyboard.

import type { Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, newRootAccount, signOut, signUp, test } from "./support";

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

test("every control of a search picker has an accessible name", async ({ page }) => {
  await signUp(page, newRootAccount("Picker labels"));
  await page.goto("/groups/new");
  const picker = page.getByRole("group", { name: "Attach permissions policies (optional, up to 10)" });
  await expect(page.getByTestId("create-group-policies-status")).toHaveText(/^Showing \d+ of \d+$/);
  await picker.getByRole("checkbox").first().check();
  await expect(picker.getByText("Selected (1)")).toBeVisible();
  // The search box, every result's checkbox and the selected choice's Remove button.
  await expectEveryControlNamed(page, "[data-testid=create-group-policies]", 3);
  await expect(picker.getByRole("searchbox", { name: "Search policies by name" })).toBeVisible();
});

/** axe-core finds nothing against WCAG 2.1 A and AA or its best practices on the page as it is now. */
/** Presses Tab until `target` has focus, as someone finding a link from the keyboard would. */
async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let i = 0; i < limit && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
}

test("the not-found pages pass axe, have their landmarks and one heading, and their ways back are reachable from the keyboard", async ({ page }) => {
  await signUp(page, newRootAccount("Not found"));
  await page.goto("/users/nobody-here");
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Console" })).toBeVisible();
  const main = page.getByRole("main");
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("User not found");
  await expectNoAxeViolations(page);
  await tabTo(page, main.getByRole("link", { name: "Back to Users" }));
  await page.keyboard.press("Enter");
  await page.waitForURL("**/users");

  // Outside the console: the product's banner and a main region, without the console's navigation.
  await page.goto("/nonexistent");
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Console" })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(page.getByRole("main").getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expectNoAxeViolations(page);
  await tabTo(page, page.getByRole("link", { name: "Go to the dashboard" }));
  await page.keyboard.press("Enter");
  await page.waitForURL("**/dashboard");
});

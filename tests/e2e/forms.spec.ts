// Forms as a newcomer meets them in the first hour: every change says what it did in a notice, a
// failed step keeps what was typed, the password rules are shown and ticked while a password is
// chosen, a user created without a password gets a page that says what to do next, the attach panel
// starts afresh after attaching, the sign-in page remembers the IAM user on this device (never the
// password), the MFA secret key is grouped for typing with a Copy button, and one wrong password
// reads as a wrong password, not as "too many attempts". One wrong password in all.

import type { BrowserContext, Page } from "@playwright/test";
import { Authenticator, expect, newRootAccount, screenshot, signInAsRoot, signOut, signUp, test } from "./support";

test.describe.configure({ mode: "serial" });

const root = newRootAccount("Forms");
const GROUP = "Developers";
const BOB = "bob";
const CAROL = "carol";
const BOB_FIRST_PASSWORD = "Bob-First-Pass-1!";
const BOB_NEW_PASSWORD = "Bob-Chosen-Pass-2?";
const DEVICE = "bob-phone";
let accountId = "";
let context: BrowserContext;
let page: Page;

const notices = () => page.getByRole("status", { name: "Notices" });
/** One of the password rules listed under a password field (its text ends "(met)" or "(not met yet)"). */
const rule = (scope: Page, text: string) => scope.getByRole("listitem").filter({ hasText: text });

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  page = await context.newPage();
  accountId = await signUp(page, root);
});

test.afterAll(async () => {
  await context.close();
});

test("creating a group says so in the Notices region, on the group's page", async () => {
  await page.goto("/groups/new");
  await page.getByLabel("User group name").fill(GROUP);
  await page.getByRole("checkbox", { name: "IAMReadOnlyAccess", exact: true }).check();
  await page.getByRole("button", { name: "Create user group" }).click();
  await page.waitForURL(`**/groups/${GROUP}`);
  await expect(notices()).toContainText(`User group ${GROUP} created. Add users on its Users tab and policies on its Permissions tab.`);
  await screenshot(page, "notice-group-created");
  // The notice shows once: it is gone on the next page.
  await page.goto("/groups");
  await expect(notices()).toBeEmpty();
});

test("after Attach policies the panel closes, the selection is cleared, and attached policies show checked and disabled", async () => {
  await page.goto(`/groups/${GROUP}?tab=permissions`);
  const panel = page.getByTestId("add-permissions");
  const list = page.getByTestId("attach-policies-list");
  await panel.locator("summary").click();
  // One page of results at a time, listed in full: no inner scroll box cutting rows off.
  const results = list.getByRole("list", { name: "Managed policies: search results" });
  await expect(results).toBeVisible();
  expect(await results.evaluate((element) => getComputedStyle(element).overflowY)).toBe("visible");
  await list.getByLabel("Search policies by name").fill("IAMUserChangePassword");
  await list.getByRole("checkbox", { name: "IAMUserChangePassword", exact: true }).check();
  await expect(list.getByText("Selected (1)")).toBeVisible();
  await page.getByRole("button", { name: "Attach policies" }).click();

  await expect(notices()).toContainText(`Policy IAMUserChangePassword attached to group ${GROUP}.`);
  await expect(panel).toHaveJSProperty("open", false);
  await expect(page.getByTestId("group-permissions-table").getByRole("link", { name: "IAMUserChangePassword" })).toBeVisible();

  await panel.locator("summary").click();
  await expect(list.getByText("Selected (0)")).toBeVisible();
  for (const name of ["IAMUserChangePassword", "IAMReadOnlyAccess"]) {
    await list.getByLabel("Search policies by name").fill(name);
    const option = list.getByRole("checkbox", { name, exact: true });
    await expect(option).toBeChecked();
    await expect(option).toBeDisabled();
    await expect(option).toHaveAccessibleDescription(/already attached/);
  }
});

test("a user created without console access gets a User created page, with no password and no sign-in URL", async () => {
  await page.goto("/users/new");
  await page.getByLabel("User name").fill(CAROL);
  for (let step = 0; step < 3; step++) await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create user" }).click();
  const created = page.getByTestId("user-created");
  await expect(created.getByRole("heading", { name: "User created" })).toBeVisible();
  await expect(created).toContainText(`User ${CAROL} was created without console access`);
  await expect(created.getByRole("heading", { name: "What to do next" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Retrieve password" })).toHaveCount(0);
  await expect(page.getByText("Console sign-in URL")).toHaveCount(0);
  await expect(page.getByText("/signin?account=")).toHaveCount(0);
  await expect(notices()).toContainText(`User ${CAROL} created.`);
  await screenshot(page, "wizard-user-created-without-password");
});

test("the wizard lists the account's password rules under a custom password and ticks them as it is typed", async () => {
  await page.goto("/users/new");
  await page.getByLabel("User name").fill(BOB);
  await page.getByLabel("Provide user access to the console").check();
  await page.getByRole("radio", { name: /^Custom password/ }).check();
  const password = page.getByTestId("custom-password");
  // No policy of the account's own yet: AWS's default rules.
  await expect(rule(page, "At least 8 characters")).toContainText("(not met yet)");
  await expect(rule(page, "At least three of: uppercase letters, lowercase letters, numbers, symbols")).toContainText("(not met yet)");
  await password.fill("bob");
  await expect(rule(page, "At least 8 characters")).toContainText("(not met yet)");
  await password.fill(BOB_FIRST_PASSWORD);
  await expect(rule(page, "At least 8 characters")).toContainText("(met)");
  await expect(rule(page, "At least three of: uppercase letters, lowercase letters, numbers, symbols")).toContainText("(met)");
  await expect(password).toHaveAccessibleDescription(/At least 8 characters \(met\)/);
  await screenshot(page, "wizard-password-rules");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("wizard-groups").getByRole("checkbox", { name: GROUP, exact: true }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create user" }).click();
  // With a password, the page is still AWS's Retrieve password.
  await expect(page.getByTestId("retrieve-password").getByRole("heading", { name: "Retrieve password" })).toBeVisible();
  await expect(page.getByTestId("sign-in-url")).toHaveText(new RegExp(`/signin\\?account=${accountId}$`));
});

test("the sign-in page remembers the IAM user on this device, without the password, until told to forget", async () => {
  await signOut(page);
  await page.goto(`/signin?account=${accountId}`);
  await page.getByLabel("IAM user name").fill(BOB);
  await page.getByLabel("Password", { exact: true }).fill(BOB_FIRST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/change-password");
  expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toContain(BOB_FIRST_PASSWORD);

  // Change-password lists the rules too, and ticks them.
  await page.getByLabel("Current password").fill(BOB_FIRST_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await expect(rule(page, "At least 8 characters")).toContainText("(not met yet)");
  await page.getByLabel("New password", { exact: true }).fill(BOB_NEW_PASSWORD);
  await expect(rule(page, "At least 8 characters")).toContainText("(met)");
  await screenshot(page, "change-password-rules");
  await page.getByLabel("Confirm new password").fill(BOB_NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await page.waitForURL("**/dashboard");
  await expect(notices()).toContainText("Your password was changed. Your other sessions were signed out.");

  // Signed out and back on the plain sign-in page: bob only types his password.
  await signOut(page);
  await page.goto("/signin");
  await expect(page.getByRole("radio", { name: "IAM user" })).toBeChecked();
  await expect(page.getByLabel("Account ID (12 digits) or account alias")).toHaveValue(accountId);
  await expect(page.getByLabel("IAM user name")).toHaveValue(BOB);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await expect(page.getByText("This device remembers your account and user name (never your password).")).toBeVisible();
  await screenshot(page, "signin-remembered");
  await page.getByLabel("Password", { exact: true }).fill(BOB_NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("header-principal")).toHaveText(`IAM user ${BOB}`);

  // "Not you?" forgets what the device remembered.
  await signOut(page);
  await page.goto("/signin");
  await expect(page.getByLabel("IAM user name")).toHaveValue(BOB);
  await page.getByRole("button", { name: "Use a different user" }).click();
  await expect(page.getByLabel("Account ID (12 digits) or account alias")).toHaveValue("");
  await expect(page.getByLabel("Account ID (12 digits) or account alias")).toBeFocused();
  await expect(page.getByLabel("IAM user name")).toHaveValue("");
  await page.reload();
  await expect(page.getByRole("radio", { name: "Root user" })).toBeChecked();
});

test("the first wrong password says the credentials were incorrect, not that there were too many attempts", async () => {
  await page.goto("/signin");
  await page.getByLabel("Root user email address").fill(root.email);
  await page.getByLabel("Password", { exact: true }).fill("Not-The-Root-Password-1!");
  await page.getByRole("button", { name: "Sign in" }).click();
  const message = page.getByTestId("signin-message");
  await expect(message).toContainText("Incorrect credentials");
  await expect(message).not.toContainText(/too many|attempts/i);
  await signInAsRoot(page, root);
});

test("a failed MFA step keeps the device name and the codes; the secret key is grouped in fours with Copy", async () => {
  await page.goto(`/users/${BOB}?tab=security`);
  await page.getByRole("button", { name: "Assign MFA device" }).click();
  const dialog = page.getByRole("dialog", { name: "Assign MFA device" });
  await dialog.getByLabel("Device name").fill(DEVICE);
  await dialog.getByRole("button", { name: "Next" }).click();

  await dialog.getByRole("button", { name: "Show secret key" }).click();
  const secret = dialog.getByTestId("mfa-secret");
  const grouped = (await secret.innerText()).trim();
  expect(grouped).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
  // Each group stays on one line.
  expect(await secret.locator("span").first().evaluate((group) => getComputedStyle(group).whiteSpace)).toBe("nowrap");
  await dialog.getByRole("button", { name: "Copy secret key" }).click();
  await expect(dialog.getByText("Copied")).toBeVisible();
  const seed = grouped.replace(/ /g, "");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(seed);
  await screenshot(page, "mfa-secret-grouped", "viewport");

  // Wrong codes: refused, and both codes are still there to correct.
  const device = new Authenticator(seed);
  const wrong = await device.wrongCode();
  await dialog.getByLabel("MFA code 1").fill(wrong);
  await dialog.getByLabel("MFA code 2").fill(wrong);
  await dialog.getByRole("button", { name: "Add MFA device" }).click();
  await expect(dialog.getByTestId("mfa-enroll-error")).not.toBeEmpty();
  await expect(dialog.getByLabel("MFA code 1")).toHaveValue(wrong);
  await expect(dialog.getByLabel("MFA code 2")).toHaveValue(wrong);

  const [code1, code2] = await device.consecutiveCodes();
  await dialog.getByLabel("MFA code 1").fill(code1);
  await dialog.getByLabel("MFA code 2").fill(code2);
  await dialog.getByRole("button", { name: "Add MFA device" }).click();
  await expect(dialog).toBeHidden();
  await expect(notices()).toContainText(`MFA device ${DEVICE} assigned to ${BOB}.`);

  // A second device under the same name is refused at the name step, and the name stays as typed.
  await page.getByRole("button", { name: "Assign MFA device" }).click();
  await expect(dialog.getByLabel("Device name")).toHaveValue(BOB);
  await dialog.getByLabel("Device name").fill(DEVICE);
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog.getByText(/An MFA device named bob-phone already exists/)).toBeVisible();
  await expect(dialog.getByLabel("Device name")).toHaveValue(DEVICE);
  await screenshot(page, "mfa-name-step-error-keeps-name", "viewport");
});

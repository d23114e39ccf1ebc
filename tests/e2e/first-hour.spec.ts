// A newcomer's first hour, as issue 10 tells it, driven by roles and labels only: sign up; a
// read-only Developers group and bob in it; a customer managed policy; bob signs in, resets his
// password, lists users and is shown before he tries that he may not create one; root follows the
// dashboard's advice so bob can manage his own credentials; bob enrolls MFA (a failed step keeps what
// he typed), signs in again with a code, sees a replayed code refused and creates an access key; root
// reads the audit log (the denial's explanation), finds who is without MFA, grants bob the policy
// and creates a user under /interns/. Each friction the issue lists is asserted where it was met.

import { Authenticator, expect, fillSignUpForm, newRootAccount, screenshot, signOut, submitMfaCode, test } from "./support";
import type { Page } from "@playwright/test";

const GROUP = "Developers";
const BOB = "bob";
const BOB_FIRST_PASSWORD = "Bob-First-Pass-1!";
const BOB_NEW_PASSWORD = "Bob-Chosen-Pass-2?";
const POLICY = "ReadOwnUser";
const DEVICE = "bob-phone";

const nav = (page: Page, name: string) => page.getByRole("navigation", { name: "Console" }).getByRole("link", { name, exact: true }).click();
const notices = (page: Page) => page.getByRole("status", { name: "Notices" });

test("a newcomer's first hour: every friction of issue 10, fixed where it was met", async ({ page, browser }) => {
  test.setTimeout(300_000);
  // Root and bob each use their own browser, as two people would: the sign-in page remembers each one.
  const bobsBrowser = await browser.newContext();
  await bobsBrowser.grantPermissions(["clipboard-read", "clipboard-write"]);
  const bob = await bobsBrowser.newPage();
  const root = newRootAccount("First hour");
  let accountId = "";
  let signInUrl = "";
  let device: Authenticator | undefined;

  await test.step("sign up: the dashboard is the root user's, and names the account", async () => {
    await page.goto("/signup");
    await fillSignUpForm(page, root);
    await screenshot(page, "signup");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL("**/dashboard");
    accountId = (await page.getByTestId("account-id").innerText()).trim();
    expect(accountId).toMatch(/^\d{12}$/);
    await expect(page.getByTestId("dashboard-root")).toBeVisible();
    await expect(page.getByTestId("account-name")).toHaveText(root.accountName);
    // No IAM users yet: requiring MFA for them is not "done".
    await expect(page.getByRole("main")).toContainText("Status: No IAM users yet");
    await expect(page.getByRole("link", { name: "0 users" })).toBeVisible();
    await screenshot(page, "dashboard-root");
  });

  await test.step(`create ${GROUP} with IAMReadOnlyAccess: a notice says so`, async () => {
    await page.goto("/groups/new");
    await page.getByLabel("User group name").fill(GROUP);
    await page.getByLabel("Search policies by name").fill("IAMReadOnly");
    await page.getByRole("checkbox", { name: "IAMReadOnlyAccess", exact: true }).check();
    await page.getByRole("button", { name: "Create user group" }).click();
    await page.waitForURL(`**/groups/${GROUP}`);
    await expect(notices(page)).toContainText(`User group ${GROUP} created.`);
  });

  await test.step(`create ${BOB} with a custom password he must reset: rules shown as typed, no policy attached for the reset`, async () => {
    await page.goto("/users/new");
    await page.getByLabel("User name").fill(BOB);
    await page.getByLabel("Provide user access to the console").check();
    await page.getByRole("radio", { name: /^Custom password/ }).check();
    const password = page.getByLabel("Custom password", { exact: true });
    await password.fill("short");
    const length = page.getByRole("listitem").filter({ hasText: "At least 8 characters" });
    await expect(length).toContainText("(not met yet)");
    await password.fill(BOB_FIRST_PASSWORD);
    await expect(length).toContainText("(met)");
    await page.getByLabel("Users must create a new password at next sign-in (recommended)").check();
    await screenshot(page, "wizard-1-user-details");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("checkbox", { name: GROUP, exact: true }).check();
    await screenshot(page, "wizard-2-permissions");
    await page.getByRole("button", { name: "Next" }).click();
    await screenshot(page, "wizard-3-tags");
    await page.getByRole("button", { name: "Next" }).click();
    const review = page.getByTestId("wizard-review");
    await screenshot(page, "wizard-4-review");
    await expect(review.getByRole("region", { name: "Permissions" })).toContainText(GROUP);
    await expect(review).not.toContainText("IAMUserChangePassword");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("heading", { name: "Retrieve password" })).toBeVisible();
    signInUrl = (await page.getByTestId("sign-in-url").innerText()).trim();
    await screenshot(page, "wizard-5-retrieve-password");
    await page.getByTestId("view-user").click();
    await page.waitForURL(`**/users/${BOB}`);
    // The reset is allowed by the password policy, so the dashboard's "through groups" advice holds.
    await expect(page.getByTestId("user-permissions-table")).not.toContainText("IAMUserChangePassword");
  });

  await test.step("write a customer managed policy; a JSON mistake reads as a person would say it", async () => {
    await page.goto("/policies/new");
    await page.getByRole("tab", { name: "JSON" }).click();
    const editor = page.getByRole("textbox", { name: "Policy document" });
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText('{"Version": "2012-10-17", "Statement": [');
    await expect(page.getByRole("region", { name: "Policy findings" })).toContainText("the JSON ends before the statement list is closed");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "arn:aws:iam::*:user/${aws:username}" }] }));
    await page.getByTestId("policy-name").fill(POLICY);
    await page.getByTestId("create-policy-submit").click();
    await page.waitForURL(/\/policies\/arn/);
    await expect(notices(page)).toContainText(`Policy ${POLICY} created.`);
  });

  await test.step(`${BOB} signs in, resets his password (rules shown), and lands on his own dashboard`, async () => {
    await bob.goto(signInUrl);
    await bob.getByLabel("IAM user name").fill(BOB);
    await bob.getByLabel("Password", { exact: true }).fill(BOB_FIRST_PASSWORD);
    await bob.getByRole("button", { name: "Sign in", exact: true }).click();
    await bob.waitForURL("**/change-password");
    await expect(bob.getByRole("listitem").filter({ hasText: "At least 8 characters" })).toBeVisible();
    await screenshot(bob, "change-password");
    await bob.getByLabel("Current password").fill(BOB_FIRST_PASSWORD);
    await bob.getByLabel("New password", { exact: true }).fill(BOB_NEW_PASSWORD);
    await bob.getByLabel("Confirm new password").fill(BOB_NEW_PASSWORD);
    await bob.getByRole("button", { name: "Change password" }).click();
    await bob.waitForURL("**/dashboard");
    await expect(notices(bob)).toContainText("Your password was changed.");
    // An employee's dashboard: his own credentials and what he may do, not the root checklist.
    await expect(bob.getByTestId("dashboard-employee")).toBeVisible();
    await expect(bob.getByTestId("own-mfa")).toContainText("Not enabled");
    await expect(bob.getByTestId("key-action-create-user")).toHaveAttribute("data-state", "denied");
    await screenshot(bob, "dashboard-employee-bob");
  });

  await test.step(`${BOB} lists users and is shown, before he tries, that he may not create one`, async () => {
    await nav(bob, "Users");
    await expect(bob.getByTestId("users-table").getByRole("link", { name: BOB })).toBeVisible();
    const createUser = bob.getByRole("button", { name: "Create user" });
    await expect(createUser).toBeDisabled();
    await expect(createUser).toHaveAccessibleDescription(/^iam:CreateUser is not allowed: no policy allows it\./);
  });

  await test.step(`${BOB} opens the audit log: denied, told which action and to ask an administrator`, async () => {
    await nav(bob, "Audit log");
    const denied = bob.getByTestId("access-denied");
    await expect(denied).toContainText("cloudtrail:LookupEvents");
    await expect(bob.getByTestId("access-denied-explanation")).toContainText(/no statement allows cloudtrail:LookupEvents/i);
    await expect(denied).toContainText("Ask an administrator");
    await screenshot(bob, "access-denied-bob");
  });

  await test.step(`${BOB} may not enroll MFA with read-only access, and is told so before he starts`, async () => {
    await nav(bob, "My security credentials");
    const assign = bob.getByRole("button", { name: "Assign MFA device" });
    await expect(assign).toBeDisabled();
    await expect(assign).toHaveAccessibleDescription(/iam:CreateVirtualMFADevice is not allowed/);
    await signOut(bob);
  });

  await test.step("root's dashboard names a real fix and applies it with one button", async () => {
    await page.goto("/dashboard");
    await expect(page.getByTestId("dashboard-root")).toContainText(`${BOB} cannot enroll one themselves`);
    const attach = page.getByRole("button", { name: `Attach ForceMFA-ManageOwnCredentials to group ${GROUP}` });
    await attach.click();
    await expect(notices(page)).toContainText(`Policy ForceMFA-ManageOwnCredentials attached to group ${GROUP}.`);
  });

  await test.step(`the sign-in page remembers ${BOB}'s account and user name`, async () => {
    await bob.goto("/signin");
    await expect(bob.getByRole("radio", { name: "IAM user" })).toBeChecked();
    await expect(bob.getByLabel("Account ID (12 digits) or account alias")).toHaveValue(accountId);
    await expect(bob.getByLabel("IAM user name")).toHaveValue(BOB);
    await bob.getByLabel("Password", { exact: true }).fill(BOB_NEW_PASSWORD);
    await bob.getByRole("button", { name: "Sign in", exact: true }).click();
    await bob.waitForURL("**/dashboard");
  });

  await test.step(`without MFA, ${BOB} is told that access keys wait for an MFA sign-in, not for an administrator`, async () => {
    await nav(bob, "My security credentials");
    const createKey = bob.getByRole("button", { name: "Create access key" });
    await expect(createKey).toBeDisabled();
    await expect(createKey).toHaveAccessibleDescription(/requires signing in with MFA/);
    await expect(bob.getByRole("button", { name: "Sign in again with MFA" }).first()).toBeVisible();
  });

  await test.step(`${BOB} enrolls MFA: a failed step keeps what he typed; the secret is grouped with Copy`, async () => {
    await bob.getByRole("button", { name: "Assign MFA device" }).click();
    const dialog = bob.getByRole("dialog", { name: "Assign MFA device" });
    await dialog.getByLabel("Device name").fill(DEVICE);
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog.getByRole("button", { name: "Show secret key" }).click();
    const grouped = (await dialog.getByTestId("mfa-secret").innerText()).trim();
    expect(grouped).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
    await dialog.getByRole("button", { name: "Copy secret key" }).click();
    await expect(dialog.getByText("Copied")).toBeVisible();
    device = new Authenticator(grouped.replace(/ /g, ""));
    const wrong = await device.wrongCode();
    await dialog.getByLabel("MFA code 1").fill(wrong);
    await dialog.getByLabel("MFA code 2").fill(wrong);
    await dialog.getByRole("button", { name: "Add MFA device" }).click();
    await expect(dialog.getByTestId("mfa-enroll-error")).not.toBeEmpty();
    await expect(dialog.getByLabel("MFA code 1")).toHaveValue(wrong);
    const [code1, code2] = await device.consecutiveCodes();
    await dialog.getByLabel("MFA code 1").fill(code1);
    await dialog.getByLabel("MFA code 2").fill(code2);
    await dialog.getByRole("button", { name: "Add MFA device" }).click();
    await expect(dialog).toBeHidden();
    await expect(notices(bob)).toContainText(`MFA device ${DEVICE} assigned.`);
    await expect(notices(bob)).toContainText("sign out and sign in again with a code");
    // Still signed in without MFA: removing the device waits for an MFA sign-in, and says so.
    const remove = bob.getByRole("button", { name: `Remove ${DEVICE}` });
    await expect(remove).toBeDisabled();
    await expect(remove).toHaveAccessibleDescription(/requires signing in with MFA/);
  });

  await test.step(`${BOB} signs in again with a code; a replayed code is refused; he creates an access key`, async () => {
    await bob.getByRole("button", { name: "Sign in again with MFA" }).first().click();
    await bob.waitForURL("**/signin");
    await expect(bob.getByLabel("IAM user name")).toHaveValue(BOB);
    await bob.getByLabel("Password", { exact: true }).fill(BOB_NEW_PASSWORD);
    await bob.getByRole("button", { name: "Sign in", exact: true }).click();
    const code = await device!.nextCode();
    await submitMfaCode(bob, code);
    await bob.waitForURL("**/dashboard");
    await signOut(bob);

    await bob.getByLabel("Password", { exact: true }).fill(BOB_NEW_PASSWORD);
    await bob.getByRole("button", { name: "Sign in", exact: true }).click();
    expect(device!.stillInWindow(code)).toBe(true);
    await submitMfaCode(bob, code);
    await expect(bob.getByTestId("mfa-submit")).toBeEnabled();
    await expect(bob.getByTestId("mfa-signin-message")).not.toBeEmpty();
    await expect(bob).toHaveURL(/\/signin/);
    await submitMfaCode(bob, await device!.nextCode());
    await bob.waitForURL("**/dashboard");

    await nav(bob, "My security credentials");
    await bob.getByRole("button", { name: "Create access key" }).click();
    await expect(bob.getByText(/secret access key/i).first()).toBeVisible();
    await bobsBrowser.close();
  });

  await test.step("root reads the audit log: seconds, and why bob was denied", async () => {
    await nav(page, "Audit log");
    const filters = page.getByRole("search", { name: "Filter audit events" });
    await filters.getByLabel("Principal ARN").fill(`arn:aws:iam::${accountId}:user/${BOB}`);
    await filters.getByLabel("Result").selectOption("Denied");
    await filters.getByLabel("Show read-only events").check();
    await filters.getByRole("button", { name: "Apply" }).click();
    const event = page.getByTestId("audit-event").first();
    await expect(event).toBeVisible();
    await expect(event.locator("time").first()).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} UTC$/);
    await expect(event).toContainText("Why it was denied:");
    await screenshot(page, "audit-log-denied");
    await expect(page.getByRole("link", { name: "Download CSV" })).toBeVisible();
  });

  await test.step("root finds who is without MFA on the users list, grants bob the policy, creates a user under /interns/", async () => {
    await page.goto("/users");
    const table = page.getByTestId("users-table");
    await expect(table.getByRole("columnheader", { name: "MFA" })).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: BOB })).toContainText("Virtual");
    await page.getByLabel("MFA", { exact: true }).selectOption({ label: "Without MFA" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("No matching users")).toBeVisible();

    await page.goto(`/users/${BOB}`);
    await page.getByTestId("add-permissions").locator("summary").click();
    await page.getByLabel("Search policies by name").fill(POLICY);
    await page.getByRole("checkbox", { name: POLICY, exact: true }).check();
    // On CI's loaded machine one press was lost (nothing submitted, no error; the choice still
    // there), as the wizard's Next is in roles.spec: press again while the choice is still pending.
    // Attaching is idempotent, so a press that did land is harmless to repeat.
    const attach = page.getByRole("button", { name: "Attach policies" });
    await expect(async () => {
      if (await attach.isEnabled()) await attach.click({ timeout: 5_000 });
      await expect(notices(page)).toContainText(`Policy ${POLICY} attached to user ${BOB}.`, { timeout: 10_000 });
    }).toPass({ timeout: 60_000 });
    await expect(page.getByTestId("add-permissions")).not.toHaveAttribute("open", "");

    await page.goto("/users/new");
    await page.getByLabel("User name").fill("ivy");
    await page.getByLabel("Path").fill("/interns/");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("heading", { name: "User created" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Retrieve password" })).toHaveCount(0);
    await screenshot(page, "first-hour-intern-created");
  });
});

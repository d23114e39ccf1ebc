// The console's story from end to end, as the issue tells it: a new account's root user sets up a
// read-only Developers group and a user bob in it; bob signs in with the URL he was given, must
// choose a new password, can read the user list, sees "Create user" disabled with the reason before he
// tries, is refused (and told why) the audit log; root then finds both decisions in the audit log.
// Screenshots of every main page on the way.

import { expect, fillSignUpForm, newRootAccount, screenshot, signInAsRoot, signOut, test } from "./support";

const GROUP = "Developers";
const READ_ONLY = "IAMReadOnlyAccess";
const BOB = "bob";
const BOB_FIRST_PASSWORD = "Bob-First-Pass-1!";
const BOB_NEW_PASSWORD = "Bob-Chosen-Pass-2?";

test("root sets up a read-only developer; bob reads, sees he may not write, is denied the audit log, and root audits both", async ({ page }) => {
  test.setTimeout(120_000);
  const root = newRootAccount("Scenario");
  let accountId = "";
  let signInUrl = "";

  await test.step("sign up a new account and land on its dashboard", async () => {
    await page.goto("/signup");
    await expect(page.getByRole("heading", { name: "Create a Portcullis account" })).toBeVisible();
    await screenshot(page, "signup");
    await fillSignUpForm(page, root);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL("**/dashboard");
    await expect(page.getByRole("heading", { level: 1, name: "IAM dashboard" })).toBeVisible();
    const shownId = page.getByTestId("account-id");
    await expect(shownId).toHaveText(/^\s*\d{12}\s*$/);
    accountId = (await shownId.innerText()).trim();
    await expect(page.getByTestId("header-account-id")).toContainText(accountId);
    await expect(page.getByTestId("header-principal")).toHaveText("Root user");
    await screenshot(page, "dashboard-root");
  });

  await test.step("the new account has no users and no groups yet", async () => {
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Users" }).click();
    await expect(page.getByTestId("users-empty")).toBeVisible();
    await screenshot(page, "users-empty");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "User groups" }).click();
    await expect(page.getByTestId("groups-empty")).toBeVisible();
    await screenshot(page, "groups-empty");
  });

  await test.step(`create the group ${GROUP} with ${READ_ONLY} attached`, async () => {
    await page.getByTestId("groups-empty").getByRole("link", { name: "Create group" }).click();
    await page.waitForURL("**/groups/new");
    await page.getByLabel("User group name").fill(GROUP);
    await page.getByLabel("Search policies by name").fill("ReadOnly");
    await page.getByRole("checkbox", { name: new RegExp(`^${READ_ONLY}\\b`) }).check();
    await expect(page.getByText("Selected (1)")).toBeVisible();
    await screenshot(page, "group-create");
    await page.getByRole("button", { name: "Create user group" }).click();
    await page.waitForURL(`**/groups/${GROUP}`);
    await expect(page.getByTestId("group-title")).toHaveText(GROUP);
    await expect(page.getByTestId("group-arn")).toHaveText(`arn:aws:iam::${accountId}:group/${GROUP}`);
    await page.getByTestId("tab-permissions").click();
    await expect(page.getByTestId("group-permissions-table").getByRole("link", { name: READ_ONLY })).toBeVisible();
    await screenshot(page, "group-detail-permissions");
  });

  await test.step("the groups list shows the group with one policy", async () => {
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "User groups" }).click();
    const row = page.getByTestId("groups-table").getByRole("row").filter({ hasText: GROUP });
    await expect(row.getByRole("cell").nth(2)).toHaveText("1");
    await screenshot(page, "groups-list");
  });

  await test.step(`create ${BOB} with the wizard: custom password, reset required, in ${GROUP}`, async () => {
    await page.goto("/users");
    await page.getByTestId("create-user").first().click();
    await page.waitForURL("**/users/new");
    const wizard = page.getByTestId("create-user-wizard");
    await expect(wizard.getByRole("heading", { name: "Specify user details" })).toBeVisible();
    await page.getByLabel("User name").fill(BOB);
    await page.getByLabel("Provide user access to the console").check();
    await page.getByRole("radio", { name: /^Custom password/ }).check();
    await page.getByTestId("custom-password").fill(BOB_FIRST_PASSWORD);
    const reset = page.getByLabel("Users must create a new password at next sign-in (recommended)");
    await reset.check();
    await expect(reset).toBeChecked();
    await screenshot(page, "wizard-1-user-details");
    await page.getByRole("button", { name: "Next" }).click();

    await expect(wizard.getByRole("heading", { name: "Set permissions" })).toBeVisible();
    await page.getByTestId("wizard-groups").getByRole("checkbox", { name: GROUP }).check();
    await screenshot(page, "wizard-2-permissions");
    await page.getByRole("button", { name: "Next" }).click();

    await expect(wizard.getByRole("heading", { name: "Add tags" })).toBeVisible();
    await screenshot(page, "wizard-3-tags");
    await page.getByRole("button", { name: "Next" }).click();

    const review = page.getByTestId("wizard-review");
    await expect(review).toContainText(BOB);
    await expect(review).toContainText("Enabled, custom password, new password required at next sign-in");
    await expect(review.getByRole("region", { name: "Permissions" })).toContainText(GROUP);
    // The reset is granted through the account password policy, not a policy attached to bob.
    await expect(review.getByRole("region", { name: "Permissions" })).not.toContainText("IAMUserChangePassword");
    await screenshot(page, "wizard-4-review");
    await page.getByRole("button", { name: "Create user" }).click();

    const retrieve = page.getByTestId("retrieve-password");
    await expect(retrieve.getByRole("heading", { name: "Retrieve password" })).toBeVisible();
    await expect(page.getByTestId("created-user-name")).toHaveText(BOB);
    const url = page.getByTestId("sign-in-url");
    await expect(url).toHaveText(new RegExp(`/signin\\?account=${accountId}$`));
    signInUrl = (await url.innerText()).trim();
    await expect(retrieve).toContainText("The user must create a new password at their first sign-in.");
    await screenshot(page, "wizard-5-retrieve-password");
  });

  await test.step(`${BOB}'s page lists the permissions he gets through ${GROUP}`, async () => {
    await page.getByTestId("view-user").click();
    await page.waitForURL(`**/users/${BOB}`);
    await expect(page.getByTestId("user-title")).toHaveText(BOB);
    await expect(page.getByTestId("user-console-access")).toHaveText("Enabled");
    const permissions = page.getByTestId("user-permissions-table");
    await expect(permissions.getByRole("row").filter({ hasText: READ_ONLY })).toContainText(`Group ${GROUP}`);
    await expect(permissions.getByRole("row").filter({ hasText: "IAMUserChangePassword" })).toHaveCount(0);
    await screenshot(page, "user-detail-permissions");
  });

  await test.step("users, policies and a policy's page as root", async () => {
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Users" }).click();
    await expect(page.getByTestId("users-table").getByRole("link", { name: BOB })).toBeVisible();
    await screenshot(page, "users-list");

    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Policies" }).click();
    await expect(page.getByTestId("policies-table").getByRole("link", { name: READ_ONLY })).toBeVisible();
    await screenshot(page, "policies-list");
    await page.getByTestId("policies-table").getByRole("link", { name: READ_ONLY }).click();
    await expect(page.getByTestId("policy-title")).toHaveText(READ_ONLY);
    await expect(page.getByTestId("policy-arn")).toHaveText(`arn:aws:iam::aws:policy/${READ_ONLY}`);
    await expect(page.getByTestId("policy-document")).toContainText('"iam:List*"');
    await screenshot(page, "policy-detail");
  });

  await test.step("root signs out", async () => {
    await signOut(page);
  });

  await test.step(`${BOB} signs in with the URL he was given and must set a new password`, async () => {
    await page.goto(signInUrl);
    await expect(page.getByRole("radio", { name: "IAM user" })).toBeChecked();
    await expect(page.getByLabel("Account ID (12 digits) or account alias")).toHaveValue(accountId);
    await page.getByLabel("IAM user name").fill(BOB);
    await page.getByLabel("Password", { exact: true }).fill(BOB_FIRST_PASSWORD);
    await screenshot(page, "signin-iam-user");
    await page.getByRole("button", { name: "Sign in" }).click();

    await page.waitForURL("**/change-password");
    await expect(page.getByRole("heading", { name: "Set a new password" })).toBeVisible();
    await screenshot(page, "change-password");
    await page.getByLabel("Current password").fill(BOB_FIRST_PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill(BOB_NEW_PASSWORD);
    await page.getByLabel("Confirm new password").fill(BOB_NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.waitForURL("**/dashboard");
    await expect(page.getByTestId("header-principal")).toHaveText(`IAM user ${BOB}`);
  });

  await test.step(`${BOB} can list users`, async () => {
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Users" }).click();
    await page.waitForURL("**/users");
    await expect(page.getByTestId("users-table").getByRole("link", { name: BOB })).toBeVisible();
    await expect(page.getByTestId("access-denied")).toHaveCount(0);
  });

  await test.step(`${BOB} is shown, before he tries, that he may not create a user, and why`, async () => {
    const createUser = page.getByRole("button", { name: "Create user" });
    await expect(createUser).toBeDisabled();
    await expect(createUser).toHaveAccessibleDescription(/^iam:CreateUser is not allowed: no policy allows it\./);
  });

  await test.step(`${BOB} is denied the audit log and told why`, async () => {
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit log" }).click();
    await page.waitForURL("**/audit");
    const denied = page.getByTestId("access-denied");
    await expect(denied).toBeVisible();
    await expect(denied.getByRole("heading", { name: "Access denied" })).toBeVisible();
    await expect(denied).toContainText("cloudtrail:LookupEvents");
    await expect(page.getByTestId("access-denied-explanation")).toContainText(/no statement allows cloudtrail:LookupEvents/i);
    await expect(denied).toContainText("Ask an administrator");
    await screenshot(page, "access-denied-bob");
    await signOut(page);
  });

  await test.step("root finds bob's allowed ListUsers and denied LookupEvents in the audit log", async () => {
    await screenshot(page, "signin");
    await signInAsRoot(page, root);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit log" }).click();
    await page.waitForURL("**/audit");
    const bobArn = `arn:aws:iam::${accountId}:user/${BOB}`;
    const filters = page.getByRole("search", { name: "Filter audit events" });
    await filters.getByLabel("Principal ARN").fill(bobArn);
    await filters.getByLabel("Show read-only events").check();
    await filters.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/[?&]principal=/);

    const events = page.getByTestId("audit-table").getByRole("row");
    const listUsers = events.filter({ hasText: "iam:ListUsers" }).first();
    await expect(listUsers).toContainText(bobArn);
    await expect(listUsers).toContainText("Allowed");
    // The event's own row (its action links to the event), not the explanation under it.
    const lookup = events.filter({ has: page.getByRole("link", { name: "cloudtrail:LookupEvents", exact: true }) });
    await expect(lookup).toHaveCount(1);
    await expect(lookup).toContainText("Denied");
    await expect(lookup).toContainText("AccessDenied");
    await screenshot(page, "audit-log");

    await filters.getByLabel("Result").selectOption("Denied");
    await filters.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/[?&]result=Denied/);
    // One row per event: each event's action links to it ("iam:ListUsers").
    const denied = page.getByTestId("audit-table").getByRole("row").filter({ has: page.getByRole("link", { name: /^[a-z]+:[A-Za-z]+$/ }) });
    await expect(denied).toHaveCount(1);
    await expect(denied).toContainText("cloudtrail:LookupEvents");
    await expect(denied).toContainText(bobArn);
    await screenshot(page, "audit-log-denied");
  });
});

// Each principal sees the dashboard that fits them, decided by the engine: the root user its
// checklist, an administrator (IAMFullAccess) the account's state, an employee (IAMReadOnlyAccess)
// their own credentials and what they may do. The advice about users without MFA names a fix that
// works (attach ForceMFA-ManageOwnCredentials to their group, with a button), and the users list
// shows who has MFA and filters to those without.

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createConsoleUser, expect, newRootAccount, screenshot, signInAsIamUser, signInAsRoot, signOut, signUp, test } from "./support";

const root = newRootAccount("Dashboards");
const READERS = "Readers";
const BOB = "bob";
const BOB_PASSWORD = "Bob-Dashboard-Pass-1!";
const ADA = "ada";
const ADA_PASSWORD = "Ada-Dashboard-Pass-1!";
const FORCE_MFA = "ForceMFA-ManageOwnCredentials";
const USERS_MFA_TITLE = "Require MFA for IAM users who sign in to the console";

test.describe.configure({ mode: "serial" });

let page: Page;
let accountId = "";

test.beforeAll(async ({ browser }) => {
  // A context of its own (axe-core needs one made with newContext), shared by the steps below.
  page = await (await browser.newContext()).newPage();
});

test.afterAll(async () => {
  await page.context().close();
});

/** axe-core finds nothing serious or critical against WCAG 2.1 A/AA on the page as it is now. */
async function expectAccessible(where: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${where}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}


test("a fresh account's root dashboard: the account name, plurals, and MFA for IAM users not applicable yet", async () => {
  accountId = await signUp(page, root);
  await expect(page.getByTestId("dashboard-root")).toBeVisible();
  await expect(page.getByTestId("account-name")).toHaveText(root.accountName);
  const resources = page.getByRole("region", { name: "IAM resources" });
  await expect(resources.getByRole("link", { name: "0 users", exact: true })).toBeVisible();
  await expect(resources.getByRole("link", { name: "0 user groups", exact: true })).toBeVisible();

  const recommendations = page.getByRole("region", { name: "Security recommendations" });
  await expect(recommendations.getByRole("heading", { level: 3, name: "Enable MFA for the root user", exact: true })).toBeVisible();
  const usersMfa = page.getByTestId("checklist-users-mfa");
  await expect(usersMfa.getByRole("heading", { level: 3, name: USERS_MFA_TITLE, exact: true })).toBeVisible();
  await expect(usersMfa.getByTestId("checklist-status")).toHaveText("Status: No IAM users yet");
  await expect(usersMfa).toHaveAttribute("data-done", "false");
  await expect(usersMfa).toContainText("There are no IAM users yet");
  await expect(page.getByTestId("checklist-root-mfa").getByTestId("checklist-status")).toHaveText("Status: Not done");
  await screenshot(page, "dashboard-root-fresh");
});

test("root sees bob without MFA, learns he cannot enroll one, and finds him with the users list's MFA column and filter", async () => {
  await page.goto("/groups/new");
  await page.getByLabel("User group name").fill(READERS);
  await page.getByLabel("Search policies by name").fill("IAMReadOnly");
  await page.getByRole("checkbox", { name: "IAMReadOnlyAccess", exact: true }).check();
  await page.getByRole("button", { name: "Create user group" }).click();
  await page.waitForURL(`**/groups/${READERS}`);
  await createConsoleUser(page, BOB, BOB_PASSWORD, { group: READERS });

  await page.goto("/dashboard");
  const resources = page.getByRole("region", { name: "IAM resources" });
  await expect(resources.getByRole("link", { name: "1 user", exact: true })).toBeVisible();
  await expect(resources.getByRole("link", { name: "1 user group", exact: true })).toBeVisible();
  const usersMfa = page.getByTestId("checklist-users-mfa");
  await expect(usersMfa.getByTestId("checklist-status")).toHaveText("Status: Not done");
  await expect(usersMfa).toContainText("1 IAM user has a console password but no MFA device.");
  await expect(usersMfa).toContainText(`${BOB} cannot enroll one themselves: no policy allows them iam:CreateVirtualMFADevice and iam:EnableMFADevice.`);
  await expect(usersMfa).not.toContainText("ask them");
  await expect(usersMfa.getByRole("button", { name: `Attach ${FORCE_MFA} to group ${READERS}` })).toBeEnabled();
  await screenshot(page, "dashboard-root-user-without-mfa");
  await expectAccessible("root dashboard");

  await usersMfa.getByRole("link", { name: "Show users without MFA" }).click();
  await page.waitForURL(/\/users\?.*mfa=without/);
  await expect(page.getByRole("combobox", { name: "MFA", exact: true })).toHaveValue("without");
  const table = page.getByRole("table", { name: "IAM users" });
  const bobRow = table.getByRole("row").filter({ has: page.getByRole("link", { name: BOB, exact: true }) });
  await expect(bobRow).toBeVisible();
  for (const header of ["User name", "Groups", "Last activity", "MFA", "Password age", "Console last sign-in", "Access key ID", "Active key age"]) {
    await expect(table.getByRole("columnheader", { name: new RegExp(`^${header}\\b`) })).toHaveCount(1);
  }
  await expect(bobRow).toContainText("Not enabled");
  await expect(bobRow).toContainText(READERS);
  await expect(bobRow).toContainText("Today");
  await expect(page.getByTestId("pagination-range")).toContainText("1–1 of 1 user ");

  // The filter bar from the keyboard: choose "With MFA" and apply it.
  await page.getByRole("combobox", { name: "MFA", exact: true }).selectOption({ label: "With MFA" });
  await page.getByRole("search", { name: "Find users by name" }).getByRole("button", { name: "Apply" }).press("Enter");
  await page.waitForURL(/mfa=with(&|$)/);
  await expect(page.getByTestId("users-no-match")).toContainText("No user matches: with MFA, with console access.");
  await page.getByRole("combobox", { name: "MFA", exact: true }).selectOption({ label: "Without MFA" });
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/mfa=without/);
  await expect(table.getByRole("link", { name: BOB, exact: true })).toBeVisible();
  await screenshot(page, "users-without-mfa");
  await expectAccessible("users list");

  await createConsoleUser(page, ADA, ADA_PASSWORD, { policies: ["IAMFullAccess"] });
  await signOut(page);
});

test("bob, an employee, sees his own credentials and what he may do, and may not create an alias", async () => {
  await signInAsIamUser(page, accountId, BOB, BOB_PASSWORD);
  await expect(page.getByTestId("dashboard-employee")).toBeVisible();
  const own = page.getByRole("region", { name: "Your security credentials" });
  await expect(own.getByTestId("own-password")).toContainText("Set today.");
  await expect(own.getByTestId("own-mfa")).toContainText("Not enabled.");
  await expect(own.getByTestId("own-mfa")).toContainText(`ask an administrator to attach ${FORCE_MFA} to a group you are in`);
  const assign = own.getByRole("button", { name: "Assign MFA device" });
  await expect(assign).toHaveAttribute("aria-disabled", "true");
  await expect(assign).toHaveAccessibleDescription(/iam:CreateVirtualMFADevice/);
  await expect(own.getByTestId("own-access-keys")).toContainText("None.");
  await expect(own.getByTestId("own-groups")).toHaveText(READERS);
  await expect(own.getByRole("link", { name: "Go to My security credentials" })).toHaveAttribute("href", "/me");

  const actions = page.getByRole("region", { name: "What you can do" });
  await expect(actions.getByTestId("key-action-list-users")).toHaveAttribute("data-state", "allowed");
  await expect(actions.getByTestId("key-action-create-user")).toHaveAttribute("data-state", "denied");
  await expect(actions.getByTestId("key-action-create-user")).toContainText("Create IAM users: Not allowed");
  await expect(actions.getByTestId("key-action-create-user")).toContainText("iam:CreateUser is not allowed");

  await expect(page.getByTestId("checklist-card")).toHaveCount(0);
  const createAlias = page.getByRole("button", { name: "Create alias" });
  await expect(createAlias).toBeDisabled();
  await expect(createAlias).toHaveAccessibleDescription(/iam:CreateAccountAlias is not allowed/);
  await screenshot(page, "dashboard-employee");
  await expectAccessible("employee dashboard");
  await signOut(page);
});

test("ada, an administrator, sees the account's state and fixes bob's MFA with one button", async () => {
  await signInAsIamUser(page, accountId, ADA, ADA_PASSWORD);
  await expect(page.getByTestId("dashboard-administrator")).toBeVisible();
  const state = page.getByRole("region", { name: "Account state" });
  await expect(state.getByTestId("state-users-without-mfa")).toContainText("2 users");
  await expect(state.getByTestId("state-direct-policies")).toContainText("1 user");
  await expect(state.getByTestId("state-old-access-keys")).toContainText("0 access keys");
  await expect(state.getByTestId("root-user-state")).toContainText("Root user: no MFA device, no access keys. Only the account owner");
  await expect(page.getByRole("button", { name: "Create alias" })).toBeEnabled();

  // The root user's own items are the owner's to-do list, not the administrator's.
  await expect(page.getByTestId("checklist-root-mfa")).toHaveCount(0);
  const usersMfa = page.getByTestId("checklist-users-mfa");
  await expect(usersMfa).toContainText(`${BOB} cannot enroll one themselves`);
  await expect(usersMfa).toContainText(`${ADA} may enroll one: ask them to assign an MFA device on My security credentials.`);
  await screenshot(page, "dashboard-administrator");
  await expectAccessible("administrator dashboard");

  await usersMfa.getByRole("button", { name: `Attach ${FORCE_MFA} to group ${READERS}` }).click();
  await expect(page.getByTestId("notices")).toContainText(`Policy ${FORCE_MFA} attached to group ${READERS}.`);
  await expect(usersMfa).toContainText(`${ADA} and ${BOB} may enroll one: ask each of them to assign an MFA device on My security credentials.`);
  await expect(usersMfa.getByRole("button", { name: `Attach ${FORCE_MFA} to group ${READERS}` })).toHaveCount(0);

  await page.goto(`/groups/${READERS}?tab=permissions`);
  await expect(page.getByTestId("group-permissions-table").getByRole("link", { name: FORCE_MFA })).toBeVisible();
  await signOut(page);
});

test("with the fix in place, bob may assign his own MFA device from the dashboard", async () => {
  await signInAsIamUser(page, accountId, BOB, BOB_PASSWORD);
  const own = page.getByRole("region", { name: "Your security credentials" });
  await expect(own.getByRole("link", { name: "Assign MFA device" })).toHaveAttribute("href", "/me");
  await expect(own.getByTestId("own-mfa")).not.toContainText("ask an administrator");
  // ForceMFA denies the rest until he signs in with MFA, and he has no device yet: enrolling comes first.
  await expect(page.getByTestId("key-action-list-users")).toHaveAttribute("data-state", "denied");
  await expect(page.getByTestId("key-actions-need-mfa")).toContainText("assign yourself an MFA device first");
  await signOut(page);
  await signInAsRoot(page, root);
  await expect(page.getByTestId("checklist-users-mfa")).toContainText(`${ADA} and ${BOB} may enroll one`);
});

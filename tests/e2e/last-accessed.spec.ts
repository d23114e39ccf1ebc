// The "Last accessed" tab (AWS's access advisor), as an administrator preparing a least-privilege
// review uses it: an analyst with IAMReadOnlyAccess signs in and reads the users list, then root
// opens the analyst's tab and sees IAM last used by the analyst, expands IAM's actions (ListUsers
// used, most never), pages through AdministratorAccess's services, and a new group's tab, with no policies,
// says there is nothing to report. Screenshots at desktop and phone width; axe on each.

import { createConsoleUser, expect, expectNoAxeViolations, newRootAccount, screenshot, signInAsIamUser, signInAsRoot, signOut, signUp, test, WIDTHS } from "./support";

const PASSWORD = "Analyst-Password-2026!";

test("an administrator sees which services and actions a user, a policy and a group have used", async ({ page }) => {
  test.setTimeout(180_000);
  const root = newRootAccount("Last accessed");
  const accountId = await signUp(page, root);
  await createConsoleUser(page, "analyst", PASSWORD, { policies: ["IAMReadOnlyAccess"] });
  await signOut(page);

  await signInAsIamUser(page, accountId, "analyst", PASSWORD);
  await page.goto("/users");
  await expect(page.getByTestId("users-table")).toBeVisible();
  await signOut(page);

  await signInAsRoot(page, root);
  await page.goto("/users/analyst");
  await page.getByTestId("tab-last-accessed").click();
  await page.waitForURL("**/users/analyst?tab=last-accessed");
  const table = page.getByTestId("last-accessed-table");
  await expect(table).toBeVisible();
  const iam = table.getByRole("row").filter({ hasText: "AWS Identity and Access Management (IAM)" });
  await expect(iam).toContainText("analyst (user)");
  // The Last accessed cell (the second of the row) has a time; the actions' own times are nested further in.
  await expect(iam.getByRole("cell").nth(1).locator("time")).toHaveCount(1);

  // IAM's actions: ListUsers used by the analyst; an allowed action never called says so.
  await iam.getByRole("link", { name: /^\d+ actions allowed, \d+ used$/ }).click();
  await page.waitForURL(/\/users\/analyst\?tab=last-accessed&service=iam#service-actions$/);
  const actions = page.getByTestId("last-accessed-actions-table");
  await expect(page.getByRole("heading", { name: "Actions of AWS Identity and Access Management (IAM)" })).toBeVisible();
  // The most recently attempted first; ListUsers was, by the analyst's visit to the users list.
  await expect(actions.getByRole("row").nth(1).getByRole("cell").nth(1).locator("time")).toHaveCount(1);
  await expect(actions.getByRole("row").filter({ hasText: "iam:ListUsers" })).toContainText("analyst (user)");
  await expect(actions.getByRole("row").filter({ hasText: "iam:GetAccountAuthorizationDetails" })).toContainText("Not accessed in the tracking period");

  await page.setViewportSize(WIDTHS.desktop);
  await screenshot(page, "last-accessed-user-desktop");
  await expectNoAxeViolations(page, "user last accessed, desktop");
  await page.setViewportSize(WIDTHS.phone);
  await screenshot(page, "last-accessed-user-phone");
  await expectNoAxeViolations(page, "user last accessed, phone");
  await page.setViewportSize(WIDTHS.desktop);

  // Closing the actions keeps the tab; the By column links to the user's page.
  await page.getByRole("link", { name: "Close actions" }).click();
  await page.waitForURL("**/users/analyst?tab=last-accessed");
  await expect(page.getByTestId("last-accessed-actions")).toHaveCount(0);
  await iam.getByRole("link", { name: "analyst (user)" }).click();
  await page.waitForURL("**/users/analyst");

  // A policy's tab: AdministratorAccess allows every service, 25 to a page.
  await page.goto(`/policies/${encodeURIComponent("arn:aws:iam::aws:policy/AdministratorAccess")}?tab=last-accessed`);
  await expect(page.getByTestId("last-accessed-table")).toBeVisible();
  await expect(page.getByTestId("last-accessed-row")).toHaveCount(25);
  await expect(page.getByTestId("pagination-range")).toHaveText(/^1–25 services · page 1$/);
  await page.getByTestId("pagination-next").click();
  await expect(page.getByTestId("pagination-range")).toHaveText(/^26–50 services · page 2$/);
  await expect(page.getByTestId("last-accessed-row").first()).toContainText("Not accessed in the tracking period");
  await screenshot(page, "last-accessed-policy-page-2-desktop");

  // A group with no policies: nothing is allowed, so nothing is listed.
  await page.goto("/groups/new");
  await page.getByLabel("User group name").fill("Interns");
  await page.getByRole("button", { name: "Create user group" }).click();
  await page.waitForURL("**/groups/Interns");
  await page.goto("/groups/Interns?tab=last-accessed");
  await expect(page.getByTestId("last-accessed-empty")).toContainText("No services allowed");
  await page.setViewportSize(WIDTHS.phone);
  await screenshot(page, "last-accessed-group-empty-phone");
  await expectNoAxeViolations(page, "group last accessed, empty, phone");
});

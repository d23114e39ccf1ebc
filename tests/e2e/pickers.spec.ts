// The console's pickers search the server page by page instead of loading every policy or user:
// with more customer managed policies than one page holds, root finds one by name, loads the second
// page of another search, keeps both choices across the searches and attaches both to a group in
// one submit; the group's quota of ten is refused in the picker before anything is sent.

import type { Locator, Page } from "@playwright/test";
import { createCustomerPolicies, expect, newRootAccount, screenshot, signUp, test } from "./support";

const GROUP = "Auditors";
/** More than the picker's page of 25, named so the list sorts them Reports-01 … Reports-30. */
const REPORTS = Array.from({ length: 30 }, (_, i) => `Reports-${String(i + 1).padStart(2, "0")}`);
const PAGE_SIZE = 25;

function picker(page: Page): Locator {
  return page.getByTestId("attach-policies-list");
}

function option(scope: Locator, name: string): Locator {
  return scope.getByRole("checkbox", { name: new RegExp(`^${name}\\b`) });
}

test("the attach-policies picker reaches past its first page and keeps choices across searches", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, newRootAccount("Pickers"));

  await test.step(`root creates ${REPORTS.length} customer managed policies and the group ${GROUP}`, async () => {
    await createCustomerPolicies(page, REPORTS);
    await page.goto("/groups/new");
    await page.getByLabel("User group name").fill(GROUP);
    await page.getByRole("button", { name: "Create user group" }).click();
    await page.waitForURL(`**/groups/${GROUP}`);
  });

  const list = picker(page);
  const status = page.getByTestId("attach-policies-list-status");

  await test.step("opening Add permissions loads the first page of every managed policy", async () => {
    await page.getByTestId("tab-permissions").click();
    await page.getByTestId("add-permissions").locator("summary").click();
    await expect(status).toHaveText(new RegExp(`^Showing ${PAGE_SIZE} of \\d+$`));
    const total = Number((await status.innerText()).match(/of (\d+)/)![1]);
    expect(total).toBeGreaterThanOrEqual(REPORTS.length);
    await expect(list.getByRole("checkbox")).toHaveCount(PAGE_SIZE);
  });

  await test.step("a search by name finds one policy; root chooses it", async () => {
    await list.getByLabel("Search policies by name").fill("reports-07");
    await expect(status).toHaveText("Showing 1 of 1");
    await option(list, "Reports-07").check();
    await expect(list.getByText("Selected (1)")).toBeVisible();
  });

  await test.step("a wider search has two pages: Load more brings the second, and the first choice stays", async () => {
    await list.getByLabel("Search policies by name").fill("Reports");
    await expect(status).toHaveText(`Showing ${PAGE_SIZE} of ${REPORTS.length}`);
    await expect(option(list, "Reports-30")).toHaveCount(0);
    // Reports-07 is on this page too, still checked: the choice outlived the search that found it.
    await expect(option(list, "Reports-07")).toBeChecked();
    await screenshot(page, "picker-attach-policies-first-page");
    await list.getByRole("button", { name: "Load more" }).click();
    await expect(status).toHaveText(`Showing ${REPORTS.length} of ${REPORTS.length}`);
    await expect(list.getByRole("button", { name: "Load more" })).toHaveCount(0);
    // Keyboard focus moves to the first option of the new page.
    await expect(option(list, `Reports-${PAGE_SIZE + 1}`)).toBeFocused();
    await option(list, "Reports-30").check();
    await expect(list.getByText("Selected (2)")).toBeVisible();
    await expect(list.getByTestId("attach-policies-list-selected")).toHaveText(/Reports-07.*Reports-30/);
    await screenshot(page, "picker-attach-policies-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await list.scrollIntoViewIfNeeded();
    await screenshot(page, "picker-attach-policies-phone");
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  await test.step("a search that matches nothing says so and still keeps both choices", async () => {
    await list.getByLabel("Search policies by name").fill("no-such-policy");
    await expect(status).toHaveText("Nothing matches “no-such-policy”.");
    await expect(list.getByRole("checkbox")).toHaveCount(0);
    await expect(list.getByText("Selected (2)")).toBeVisible();
  });

  await test.step("Attach policies submits both choices, from two different searches", async () => {
    await page.getByTestId("attach-policies-submit").click();
    const table = page.getByTestId("group-permissions-table");
    await expect(table.getByRole("link", { name: "Reports-07" })).toBeVisible();
    await expect(table.getByRole("link", { name: "Reports-30" })).toBeVisible();
    await expect(table.getByRole("row")).toHaveCount(3);
    // The panel folds away once the policies are attached; opened again, they have left the
    // selection and show as already attached.
    await expect(page.getByTestId("add-permissions")).toHaveJSProperty("open", false);
    await page.getByTestId("add-permissions").locator("summary").click();
    await expect(list.getByText("Selected (0)")).toBeVisible();
    await list.getByLabel("Search policies by name").fill("Reports-3");
    await expect(option(list, "Reports-30")).toBeDisabled();
    await expect(option(list, "Reports-30")).toBeChecked();
    await expect(list.getByText("already attached")).toBeVisible();
  });

  await test.step("the group's quota of 10 policies is refused in the picker: 2 attached leave 8", async () => {
    await list.getByLabel("Search policies by name").fill("Reports-1");
    await expect(status).toHaveText("Showing 10 of 10");
    for (let n = 10; n <= 17; n++) await option(list, `Reports-${n}`).check();
    await expect(list.getByText("Selected (8)")).toBeVisible();
    await option(list, "Reports-18").click();
    await expect(option(list, "Reports-18")).not.toBeChecked();
    await expect(list.getByText("At most 10 managed policies can be attached and 2 already are, so choose up to 8.")).toBeVisible();
    await screenshot(page, "picker-attach-policies-limit");
    // Taking one choice back from the Selected list makes room again.
    await list.getByRole("button", { name: "Remove Reports-10 from the selection" }).click();
    await option(list, "Reports-18").check();
    await expect(list.getByText("Selected (8)")).toBeVisible();
  });
});

test("the policy's Attach pickers search users and groups; the wizard's picker is keyboard operable", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, newRootAccount("Picker layouts"));
  await createCustomerPolicies(page, ["Layout-Policy"], "iam:GetUser", 1);
  const policyUrl = page.url();

  await test.step("the group's Add users picker when there are no users; Entities attached's Users and Groups pickers", async () => {
    await page.goto("/groups/new");
    await page.getByLabel("User group name").fill(GROUP);
    await page.getByRole("button", { name: "Create user group" }).click();
    await page.waitForURL(`**/groups/${GROUP}`);
    await page.getByTestId("add-users").locator("summary").click();
    await expect(page.getByTestId("add-users-list-status")).toHaveText("There are no users in this account yet.");
    await screenshot(page, "picker-add-users-empty");
    await page.goto(`${policyUrl}?tab=entities`);
    await page.getByTestId("attach-entities").locator("summary").click();
    const groups = page.getByTestId("attach-entities-groups");
    await expect(option(groups, GROUP)).toBeVisible();
    await expect(page.getByTestId("attach-entities-users")).toContainText("There are no users in this account.");
    await option(groups, GROUP).check();
    await screenshot(page, "picker-attach-entities-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "picker-attach-entities-phone");
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByTestId("attach-entities-submit").click();
    await expect(page.getByTestId("attached-entity-row").filter({ hasText: GROUP })).toBeVisible();
  });

  await test.step("the create-user wizard's policy picker from the keyboard alone", async () => {
    await page.goto("/users/new");
    await page.getByLabel("User name").fill("kim");
    await page.getByRole("button", { name: "Next" }).click();
    const policies = page.getByTestId("wizard-policies");
    const search = policies.getByLabel("Search policies by name");
    await search.focus();
    await page.keyboard.type("layout");
    await expect(policies.getByTestId("wizard-policies-status")).toHaveText("Showing 1 of 1");
    // Enter searches; it does not submit the wizard's step.
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Set permissions" })).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(option(policies, "Layout-Policy")).toBeFocused();
    await page.keyboard.press("Space");
    await expect(option(policies, "Layout-Policy")).toBeChecked();
    const remove = policies.getByRole("button", { name: "Remove Layout-Policy from the selection" });
    await expect(remove).toBeVisible();
    await screenshot(page, "picker-wizard-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "picker-wizard-phone");
    await page.setViewportSize({ width: 1280, height: 860 });
    // The choice outlives the step: Review names it, and Back shows it still selected.
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByTestId("wizard-review").getByRole("region", { name: "Permissions" })).toContainText("Layout-Policy");
    await page.getByRole("button", { name: "Back" }).click();
    await page.getByRole("button", { name: "Back" }).click();
    await expect(policies.getByText("Selected (1)")).toBeVisible();
    // Removing the only choice from the keyboard hands focus back to the search box.
    await remove.focus();
    await page.keyboard.press("Enter");
    await expect(policies.getByText("Selected (0)")).toBeVisible();
    await expect(search).toBeFocused();
  });
});

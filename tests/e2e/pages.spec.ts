// Every main console page, as a person sees it: axe-core finds nothing against WCAG 2.1 A/AA and its
// best practices, at desktop and at phone width, and each is saved as a screenshot
// (test-results/screenshots/page-*.png) for people to look at.

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, newRootAccount, screenshot, signUp, test } from "./support";

const WIDTHS = { desktop: { width: 1280, height: 860 }, phone: { width: 390, height: 844 } } as const;

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  expect(violations.map((v) => `${where}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("every main page passes axe and is photographed at desktop and phone width", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, newRootAccount("Pages"));

  // Something on each page to look at: a group with a policy, and a user in it with tags.
  await page.goto("/groups/new");
  await page.getByLabel("User group name").fill("Developers");
  await page.getByLabel("Search policies by name").fill("IAMReadOnly");
  await page.getByRole("checkbox", { name: /^IAMReadOnlyAccess\b/ }).check();
  await page.getByRole("button", { name: "Create user group" }).click();
  await page.waitForURL("**/groups/Developers");
  await page.goto("/users/new");
  await page.getByLabel("User name").fill("bob");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("wizard-groups").getByRole("checkbox", { name: "Developers" }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("created-user-name")).toHaveText("bob");

  const pages: [name: string, path: string][] = [
    ["dashboard", "/dashboard"],
    ["users", "/users"],
    ["user-permissions", "/users/bob?tab=permissions"],
    ["user-groups", "/users/bob?tab=groups"],
    ["user-security", "/users/bob?tab=security"],
    ["user-tags", "/users/bob?tab=tags"],
    ["user-access", "/users/bob?tab=access"],
    ["groups", "/groups"],
    ["group-users", "/groups/Developers?tab=users"],
    ["group-permissions", "/groups/Developers?tab=permissions"],
    ["policies", "/policies"],
    ["policy-permissions", "/policies/IAMReadOnlyAccess?tab=permissions"],
    ["policy-entities", "/policies/IAMReadOnlyAccess?tab=entities"],
    ["policy-versions", "/policies/IAMReadOnlyAccess?tab=versions"],
    ["audit", "/audit"],
    ["me", "/me"],
    ["password-policy", "/password-policy"],
  ];
  // At phone width, one of each kind of page: the tabs of a page share its layout.
  const onPhone = new Set(["dashboard", "users", "user-permissions", "user-security", "groups", "group-users", "policies", "policy-versions", "audit", "me"]);
  for (const [width, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    for (const [name, path] of pages.filter(([name]) => width === "desktop" || onPhone.has(name))) {
      await page.goto(path);
      await expect(page.getByRole("main")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
      await expectNoAxeViolations(page, `${path} (${width})`);
      await screenshot(page, `page-${name}-${width}`);
    }
  }
});

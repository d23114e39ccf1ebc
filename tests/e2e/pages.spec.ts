// Every main console page, as a person sees it: axe-core finds nothing against WCAG 2.1 A/AA and its
// best practices, at desktop and at phone width, in the light and the dark theme, and each is saved
// as a screenshot (test-results/screenshots/page-*.png, page-*-dark.png) for people to look at. What
// axe cannot judge is asserted too: headings nest as the page does, names are short and say one thing.

import { expect, expectNoAxeViolations, newRootAccount, screenshot, signUp, test, WIDTHS } from "./support";


test("every main page passes axe and is photographed at desktop and phone width, light and dark", async ({ page }) => {
  test.setTimeout(420_000);
  await signUp(page, newRootAccount("Pages"));

  // Something on each page to look at: a group with a policy, and a user in it with tags.
  await page.goto("/groups/new");
  await page.getByLabel("User group name").fill("Developers");
  await page.getByLabel("Search policies by name").fill("IAMReadOnly");
  // A policy's checkbox is named by the policy alone; its type and description describe it.
  const readOnly = page.getByRole("checkbox", { name: "IAMReadOnlyAccess", exact: true });
  await expect(readOnly).toHaveAccessibleDescription(/AWS managed.*Provides read only access to IAM/);
  await readOnly.check();
  await page.getByRole("button", { name: "Create user group" }).click();
  await page.waitForURL("**/groups/Developers");
  await page.goto("/users/new");
  await page.getByLabel("User name").fill("bob");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("wizard-groups").getByRole("checkbox", { name: "Developers", exact: true }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("created-user-name")).toHaveText("bob");

  // Headings follow the page's outline: an empty list inside a section is a heading one level down.
  await page.goto("/users/bob?tab=security");
  const bobsKeys = page.getByRole("region", { name: "Access keys", exact: true });
  await expect(bobsKeys.getByRole("heading", { level: 2, name: "Access keys" })).toBeVisible();
  await expect(bobsKeys.getByRole("heading", { level: 3, name: "No access keys" })).toBeVisible();
  await page.getByTestId("create-access-key").click();
  await page.getByTestId("new-access-key-done").click();
  await expect(page.getByRole("table", { name: "Access keys for bob" })).toBeVisible();
  await page.goto("/me");
  await page.getByTestId("root-key-understood").check();
  await page.getByTestId("create-access-key").click();
  await page.getByTestId("new-access-key-done").click();
  await expect(page.getByRole("table", { name: "Your access keys" })).toBeVisible();

  // Each recommendation is a heading named by its title alone; its status is read after it.
  await page.goto("/dashboard");
  const recommendations = page.getByTestId("checklist-card").getByRole("heading", { level: 3 });
  await expect(recommendations).not.toHaveCount(0);
  for (const heading of await recommendations.all()) {
    await expect(heading).not.toHaveAccessibleName(/Done$/i);
    expect(await heading.locator("xpath=ancestor::li[1]").innerText()).toMatch(/\S\s+(Done|Not done)\b/);
  }

  // The audit log's filter landmark is named for what it filters, not after one of its fields.
  await page.goto("/audit");
  await expect(page.getByRole("search", { name: "Filter audit events" })).toBeVisible();
  await expect(page.getByRole("search", { name: "Action contains" })).toHaveCount(0);

  const pages: [name: string, path: string][] = [
    ["dashboard", "/dashboard"],
    ["users", "/users"],
    ["user-permissions", "/users/bob?tab=permissions"],
    ["user-groups", "/users/bob?tab=groups"],
    ["user-security", "/users/bob?tab=security"],
    ["user-tags", "/users/bob?tab=tags"],
    ["user-access", "/users/bob?tab=access"],
    ["user-last-accessed", "/users/bob?tab=last-accessed"],
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
    ["user-new", "/users/new"],
    ["group-new", "/groups/new"],
    ["policy-new", "/policies/new"],
    ["simulator", "/simulator"],
    ["who-can", "/who-can"],
    ["credential-report", "/credential-report"],
    ["findings", "/findings"],
  ];
  // Every page is photographed at both widths; at phone width axe runs on one of each kind of page
  // (the tabs of a page share its layout). The dark theme keeps every colour pair's contrast by
  // construction (tests/unit/console/darkPalette.test.ts), so it is checked on those pages, at desktop width.
  const kinds = new Set(["dashboard", "users", "user-permissions", "user-security", "groups", "group-users", "policies", "policy-versions", "audit", "me", "simulator", "who-can", "credential-report", "findings"]);
  const passes = [
    { colorScheme: "light", width: "desktop", shows: () => true, axe: () => true },
    { colorScheme: "light", width: "phone", shows: () => true, axe: (name: string) => kinds.has(name) },
    { colorScheme: "dark", width: "desktop", shows: (name: string) => kinds.has(name), axe: () => true },
  ] as const;
  for (const { colorScheme, width, shows, axe } of passes) {
    await page.emulateMedia({ colorScheme });
    const size = WIDTHS[width];
    await page.setViewportSize(size);
    for (const [name, path] of pages.filter(([name]) => shows(name))) {
      await page.goto(path);
      await expect(page.getByRole("main")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
      if (axe(name)) await expectNoAxeViolations(page, `${path} (${width}, ${colorScheme})`);
      // Nothing widens the page past the screen: wide tables scroll inside their own region.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} (${width}) is wider than the screen`).toBeLessThanOrEqual(size.width);
      await screenshot(page, `page-${name}-${width}${colorScheme === "dark" ? "-dark" : ""}`);
    }
  }
});

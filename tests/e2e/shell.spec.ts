// The console's frame, as a keyboard user and a person in a dark room meet it: the command palette
// (Ctrl/⌘-K) finds users, groups, policies and pages and goes there; what the caller may not list
// is simply absent; copy buttons beside ARNs, IDs and the sign-in URL say "Copied"; and the dark
// theme follows the system, can be chosen and remembered, reaches the policy editor, and passes axe.

import type { Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, newRootAccount, screenshot, signInAsIamUser, signUp, test } from "./support";

const NOBODY_PASSWORD = "Nobody-Palette-2026!";

/** The relative luminance (0 black … 1 white) of a CSS colour property of `locator`, as the browser paints it. */
async function luminance(locator: Locator, property: "backgroundColor" | "color"): Promise<number> {
  return locator.evaluate((element, prop) => {
    const context = document.createElement("canvas").getContext("2d")!;
    context.fillStyle = getComputedStyle(element)[prop];
    context.fillRect(0, 0, 1, 1);
    const [r, g, b] = Array.from(context.getImageData(0, 0, 1, 1).data.slice(0, 3), (v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  }, property);
}

async function createGroup(page: Page, name: string): Promise<void> {
  await page.goto("/groups/new");
  await page.getByLabel("User group name").fill(name);
  await page.getByRole("button", { name: "Create user group" }).click();
  await page.waitForURL(`**/groups/${name}`);
}

/** A user through the wizard; with a password, one they keep (no reset at the first sign-in). */
async function createUser(page: Page, name: string, password?: string): Promise<void> {
  await page.goto("/users/new");
  await page.getByLabel("User name").fill(name);
  if (password) {
    await page.getByLabel("Provide user access to the console").check();
    await page.getByRole("radio", { name: /^Custom password/ }).check();
    await page.getByTestId("custom-password").fill(password);
    await page.getByLabel(/must create a new password at next sign-in/).uncheck();
  }
  for (let step = 0; step < 3; step++) await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("created-user-name")).toHaveText(name);
}

const palette = (page: Page) => page.getByRole("dialog", { name: "Search the console" });
const paletteInput = (page: Page) => palette(page).getByRole("combobox");

test("the command palette goes to users, groups, policies and pages from the keyboard", async ({ page }) => {
  test.setTimeout(120_000);
  const account = newRootAccount("Palette");
  const accountId = await signUp(page, account);
  await createGroup(page, "Palette-Testers");
  await createUser(page, "carol");
  await createUser(page, "nobody", NOBODY_PASSWORD);

  await test.step("Ctrl-K opens it with the focus in the search box; every console page is offered", async () => {
    await page.goto("/dashboard");
    await page.keyboard.press("Control+k");
    await expect(palette(page)).toBeVisible();
    await expect(paletteInput(page)).toBeFocused();
    await expect(paletteInput(page)).toHaveAttribute("aria-expanded", "true");
    const pages = palette(page).getByRole("group", { name: "Pages" });
    for (const name of ["Dashboard", "Users", "User groups", "Policies", "Password policy", "Audit log", "My security credentials", "Create user", "Create user group", "Create policy"]) {
      await expect(pages.getByRole("option", { name, exact: true })).toBeVisible();
    }
    await screenshot(page, "palette-pages", "viewport");
  });

  await test.step("typing searches users by name; Enter opens the one chosen", async () => {
    await paletteInput(page).fill("caro");
    const carol = palette(page).getByRole("group", { name: "Users" }).getByRole("option", { name: /^carol\b/ });
    await expect(carol).toBeVisible();
    await expect(carol).toHaveAttribute("aria-selected", "true");
    await expect(paletteInput(page)).toHaveAttribute("aria-activedescendant", (await carol.getAttribute("id"))!);
    await expect(palette(page).getByRole("status")).toContainText("1 result");
    await screenshot(page, "palette-user", "viewport");
    await page.keyboard.press("Enter");
    await page.waitForURL("**/users/carol");
    await expect(palette(page)).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("carol");
  });

  await test.step("arrow keys move through the results and wrap; Enter opens a policy", async () => {
    await page.keyboard.press("ControlOrMeta+k");
    await paletteInput(page).fill("user");
    const options = palette(page).getByRole("option");
    const selected = palette(page).getByRole("option", { selected: true });
    await expect(palette(page).getByRole("group", { name: "Policies" }).getByRole("option", { name: /^IAMUserChangePassword\b/ })).toBeVisible();
    expect(await options.count()).toBeGreaterThanOrEqual(3);
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await expect(options.last()).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowDown");
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await expect(selected).toHaveCount(1);
    await expect(paletteInput(page)).toHaveAttribute("aria-activedescendant", (await selected.getAttribute("id"))!);

    await paletteInput(page).fill("readonly");
    const readOnly = palette(page).getByRole("group", { name: "Policies" }).getByRole("option", { name: /^IAMReadOnlyAccess\b/ });
    await expect(readOnly).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/policies\/arn/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("IAMReadOnlyAccess");

    await page.keyboard.press("Control+k");
    await paletteInput(page).fill("testers");
    await palette(page).getByRole("group", { name: "User groups" }).getByRole("option", { name: /^Palette-Testers\b/ }).click();
    await page.waitForURL("**/groups/Palette-Testers");
  });

  await test.step("pages by name, and a late answer to older text never replaces the newer one", async () => {
    // The answer to "nobody" is held back until after the answer to "audit" has arrived.
    let held = false;
    await page.route("**/*", async (route) => {
      const request = route.request();
      if (!held && request.method() === "POST" && request.headers()["next-action"]) {
        held = true;
        await new Promise((resolve) => setTimeout(resolve, 1_500));
      }
      await route.fallback();
    });
    await page.keyboard.press("Control+k");
    await paletteInput(page).fill("nobody");
    await expect.poll(() => held).toBe(true);
    await paletteInput(page).fill("audit");
    await expect(palette(page).getByRole("option", { name: "Audit log", exact: true })).toHaveAttribute("aria-selected", "true");
    await expect(palette(page).getByRole("status")).toContainText("1 result");
    await page.waitForTimeout(2_000);
    await expect(palette(page).getByRole("option", { name: /^nobody\b/ })).toHaveCount(0);
    await page.unroute("**/*");
    await page.keyboard.press("Enter");
    await page.waitForURL("**/audit");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  });

  await test.step("the header button opens it; Tab stays inside; Escape closes it and gives the focus back", async () => {
    const opener = page.getByRole("banner").getByRole("button", { name: "Search" });
    await expect(opener).toHaveAttribute("aria-keyshortcuts", /Control\+K/);
    await opener.focus();
    await page.keyboard.press("Enter");
    await expect(paletteInput(page)).toBeFocused();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest("dialog")))).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(palette(page)).toHaveCount(0);
    await expect(opener).toBeFocused();
  });

  await test.step("for a user who may list nothing, the palette offers pages only, without an error", async () => {
    await page.context().clearCookies();
    await signInAsIamUser(page, accountId, "nobody", NOBODY_PASSWORD);
    await page.keyboard.press("Control+k");
    await paletteInput(page).fill("o");
    await expect(palette(page).getByRole("option", { name: "Policies", exact: true })).toBeVisible();
    await expect(palette(page).getByRole("status")).toContainText(/result/);
    await expect(palette(page).getByText(/not searched/i)).toBeVisible();
    await paletteInput(page).fill("car");
    await expect(palette(page).getByRole("status")).toContainText("No matches");
    await expect(palette(page).getByRole("option", { name: /^carol\b/ })).toHaveCount(0);
    await expect(palette(page)).not.toContainText(/Access denied|AccessDenied/);
    await screenshot(page, "palette-unlisted", "viewport");
  });
});

test.describe("copy buttons", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("every ARN, ID and the sign-in URL has a copy button that says Copied", async ({ page }) => {
    test.setTimeout(90_000);
    const accountId = await signUp(page, newRootAccount("Copy"));
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    // The confirmation sits beside its button (the button and its status share a wrapper).
    const copies = async (scope: Locator, name: string, expected: string) => {
      const button = scope.getByRole("button", { name, exact: true });
      await button.click();
      await expect(button.locator("..").getByRole("status")).toHaveText("Copied");
      await expect(button.locator("..").getByRole("status")).toBeVisible();
      expect(await clipboard()).toBe(expected);
    };

    await page.goto("/dashboard");
    await copies(page.getByTestId("account-card"), "Copy account ID", accountId);
    const signInUrl = (await page.getByTestId("signin-url").innerText()).trim();
    await copies(page.getByTestId("signin-url-card"), "Copy sign-in URL", signInUrl);
    await screenshot(page, "copy-dashboard");

    await createGroup(page, "Copiers");
    await copies(page.getByTestId("group-summary"), "Copy ARN", `arn:aws:iam::${accountId}:group/Copiers`);

    await createUser(page, "dana");
    await page.goto("/users/dana?tab=security");
    const summary = page.getByTestId("user-summary");
    await copies(summary, "Copy ARN", `arn:aws:iam::${accountId}:user/dana`);
    await expect(page.getByTestId("user-arn")).toHaveText(`arn:aws:iam::${accountId}:user/dana`);
    const userId = (await summary.getByText(/^AIDA[A-Z2-7]+$/).innerText()).trim();
    await copies(summary, "Copy user ID", userId);

    await page.getByTestId("create-access-key").click();
    const accessKeyId = (await page.getByTestId("new-access-key-id").innerText()).trim();
    await page.getByTestId("new-access-key-done").click();
    const row = page.getByTestId("access-keys-table").getByRole("row").filter({ hasText: accessKeyId });
    await copies(row, `Copy access key ID ${accessKeyId}`, accessKeyId);
    await screenshot(page, "copy-user");

    await page.goto("/policies/IAMReadOnlyAccess");
    await copies(page.getByTestId("policy-summary"), "Copy ARN", "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
  });
});

test("the dark theme follows the system, can be chosen and remembered, and reaches the policy editor", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page, newRootAccount("Dark"));
  const body = page.locator("body");

  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/dashboard");
  expect(await luminance(body, "backgroundColor")).toBeLessThan(0.05);
  expect(await luminance(page.getByRole("heading", { level: 1 }), "color")).toBeGreaterThan(0.7);
  // The top bar is dark in either theme.
  expect(await luminance(page.getByRole("banner"), "backgroundColor")).toBeLessThan(0.05);
  await expectNoAxeViolations(page, "/dashboard (dark)");

  await test.step("a chosen theme wins over the system's and is remembered", async () => {
    const theme = page.getByRole("banner").getByLabel("Theme");
    await expect(theme).toHaveValue("system");
    await theme.selectOption("light");
    expect(await luminance(body, "backgroundColor")).toBeGreaterThan(0.9);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await luminance(body, "backgroundColor")).toBeGreaterThan(0.9);
    await page.goto("/signin");
    expect(await luminance(body, "backgroundColor")).toBeGreaterThan(0.9);
    await page.goBack();
    await page.getByRole("banner").getByLabel("Theme").selectOption("system");
    expect(await luminance(body, "backgroundColor")).toBeLessThan(0.05);
    await page.emulateMedia({ colorScheme: "light" });
    expect(await luminance(body, "backgroundColor")).toBeGreaterThan(0.9);
    await page.getByRole("banner").getByLabel("Theme").selectOption("dark");
    expect(await luminance(body, "backgroundColor")).toBeLessThan(0.05);
    await page.reload();
    expect(await luminance(body, "backgroundColor")).toBeLessThan(0.05);
    await page.getByRole("banner").getByLabel("Theme").selectOption("system");
    await page.emulateMedia({ colorScheme: "dark" });
  });

  await test.step("the JSON policy editor is dark too, and its text stays readable", async () => {
    await page.goto("/policies/new");
    await page.getByRole("tab", { name: "JSON" }).click();
    const editor = page.getByTestId("policy-json-editor").locator(".cm-editor");
    await expect(editor).toBeVisible();
    expect(await luminance(editor, "backgroundColor")).toBeLessThan(0.05);
    expect(await luminance(editor.locator(".cm-content"), "color")).toBeGreaterThan(0.7);
    await expectNoAxeViolations(page, "/policies/new JSON (dark)");
    await screenshot(page, "dark-policy-editor-json");
    await page.getByRole("tab", { name: "Visual" }).click();
    await expectNoAxeViolations(page, "/policies/new visual (dark)");
    await screenshot(page, "dark-policy-editor-visual");
  });

  await test.step("the palette and the sign-in page are dark too", async () => {
    await page.keyboard.press("Control+k");
    await paletteInput(page).fill("user");
    await expect(palette(page).getByRole("option").first()).toBeVisible();
    expect(await luminance(palette(page), "backgroundColor")).toBeLessThan(0.05);
    await expectNoAxeViolations(page, "palette (dark)");
    await screenshot(page, "dark-palette", "viewport");
    await page.keyboard.press("Escape");
    await page.context().clearCookies();
    await page.goto("/signin");
    expect(await luminance(body, "backgroundColor")).toBeLessThan(0.05);
    await expectNoAxeViolations(page, "/signin (dark)");
    await screenshot(page, "dark-signin");
  });
});

test("the frame works from the keyboard: skip link first, then the top bar, then the console's sections", async ({ page }) => {
  await signUp(page, newRootAccount("Keys"));
  await page.goto("/users");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();

  await page.reload();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("banner").getByRole("link", { name: "Portcullis" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("banner").getByRole("button", { name: "Search" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("banner").getByLabel("Theme")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeFocused();
  await page.keyboard.press("Tab");
  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForURL("**/groups");
  await expect(nav.getByRole("link", { name: "User groups" })).toHaveAttribute("aria-current", "page");
});

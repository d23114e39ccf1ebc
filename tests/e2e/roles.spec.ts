// The roles list and the role page, as an administrator uses them: an empty list that says what
// roles are for, then 26 roles (more than one page) with filter and pagination and their trusted
// entities summarized; a role's summary (edit, switch-role link), its Permissions, Trust
// relationships (a live trust-policy finding, then a save), Tags, Sessions (revoke, with AWS's
// explanation) and Effective permissions tabs; and the typed delete. Roles are created the way a
// person does, through the create-role wizard. Screenshots at desktop and phone width; axe on both.

import type { Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, newRootAccount, screenshot, signUp, test, WIDTHS } from "./support";

const ROLE = "Auditor";

const notices = (page: Page) => page.getByRole("status", { name: "Notices" });

/**
 * The wizard's Next, until the next step shows `arrived`: on this shared machine a click can land
 * while the step is still settling (its policy picker loading) and be lost, so it is pressed again.
 */
async function nextStep(tab: Page, arrived: Locator): Promise<void> {
  await expect(async () => {
    if (!(await arrived.isVisible())) await tab.getByTestId("wizard-next").click({ timeout: 2_000 });
    await expect(arrived).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** The create-role wizard with its defaults (trusted by this account, no policies), and the name; `mfa` ticks Require MFA. */
async function createRole(tab: Page, name: string, options: { mfa?: boolean } = {}): Promise<void> {
  await tab.goto("/roles/new");
  if (options.mfa) await tab.getByTestId("require-mfa").check();
  await nextStep(tab, tab.getByRole("heading", { name: /Add permissions/ }));
  await nextStep(tab, tab.getByTestId("role-name"));
  await tab.getByTestId("role-name").fill(name);
  // As with Next, a click can be lost; an enabled button means no request is on its way. The waits
  // are generous: under CI's load (two servers beside the unit suite) one creation took over 5 s,
  // and pressing again while it was on its way only queued a second one.
  const submit = tab.getByTestId("create-role-submit");
  await expect(async () => {
    if (!tab.url().endsWith(`/roles/${name}`) && (await submit.isEnabled())) await submit.click({ timeout: 10_000 });
    await tab.waitForURL(`**/roles/${name}`, { timeout: 15_000 });
  }).toPass({ timeout: 90_000 });
  await expect(tab.getByTestId("role-title")).toHaveText(name);
}

/** Several roles at once, in a few tabs, so an account with more than one page of roles is quick to set up. */
async function createRoles(page: Page, names: readonly string[], tabs = 2): Promise<void> {
  const queue = [...names];
  const worker = async (tab: Page) => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) await createRole(tab, name);
  };
  const extra = await Promise.all(Array.from({ length: tabs - 1 }, () => page.context().newPage()));
  try {
    await Promise.all([page, ...extra].map(worker));
  } finally {
    await Promise.all(extra.map((tab) => tab.close()));
  }
}

/** Select-all in the trust policy editor and put `text` in its place, as a paste would. */
async function replaceTrustPolicy(page: Page, text: string): Promise<void> {
  const editor = page.getByRole("textbox", { name: "Trust policy" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

const rows = (table: Locator) => table.locator("tbody tr");

test("an administrator lists, filters and pages roles, works every tab of a role, and deletes it", async ({ page }) => {
  test.setTimeout(480_000);
  const accountId = await signUp(page, newRootAccount("Roles"));

  await test.step("an empty roles list says what roles are for and offers Create role", async () => {
    await page.goto("/roles");
    await expect(page.getByRole("link", { name: "Roles", exact: true })).toHaveAttribute("aria-current", "page");
    const empty = page.getByTestId("roles-empty");
    await expect(empty.getByRole("heading", { name: "No roles" })).toBeVisible();
    await expect(empty.getByRole("link", { name: "Create role" })).toHaveAttribute("href", "/roles/new");
    await screenshot(page, "roles-empty-desktop");
  });

  await test.step("26 roles make two pages; the filter finds one, and a name nobody has says so", async () => {
    await createRole(page, ROLE, { mfa: true });
    await createRoles(
      page,
      Array.from({ length: 25 }, (_, i) => `app-${String(i + 1).padStart(2, "0")}`),
    );
    await page.goto("/roles");
    const table = page.getByTestId("roles-table");
    await expect(rows(table)).toHaveCount(25);
    await expect(page.getByTestId("pagination-range")).toContainText("1–25 of 26 roles");
    // By name, not case-sensitive: app-01 … app-25, then Auditor on the second page.
    await expect(rows(table).first()).toContainText("app-01");
    await expect(rows(table).first()).toContainText("This account");
    await page.getByTestId("pagination-next").click();
    await expect(rows(table)).toHaveCount(1);
    await expect(rows(table)).toContainText(ROLE);
    await expect(rows(table)).toContainText("This account (MFA required)");
    await expect(rows(table)).toContainText("Never");

    await page.goto("/roles");
    await page.getByTestId("roles-filter").fill("audit");
    await page.getByTestId("roles-filter").press("Enter");
    await expect(rows(table)).toHaveCount(1);
    await expect(rows(table)).toContainText(ROLE);
    await page.getByTestId("roles-filter").fill("nobody-has-this");
    await page.getByTestId("roles-filter").press("Enter");
    await expect(page.getByTestId("roles-no-match")).toBeVisible();

    // Creation date, oldest first: Auditor was created before the others.
    await page.goto("/roles?sort=CreateDate&order=ascending");
    await expect(rows(table).first()).toContainText(ROLE);
  });

  await test.step("the summary shows the ARN, the switch-role link, and edits description and maximum session duration", async () => {
    await page.goto(`/roles/${ROLE}`);
    await expect(page.getByTestId("role-arn")).toHaveText(`arn:aws:iam::${accountId}:role/${ROLE}`);
    await expect(page.getByTestId("role-switch-link")).toHaveText(new RegExp(`/switchrole\\?account=${accountId}&roleName=${ROLE}&displayName=${ROLE}$`));
    await expect(page.getByRole("button", { name: "Copy link" })).toBeVisible();
    await expect(page.getByTestId("role-max-session")).toHaveText("1 hour");
    await page.getByTestId("edit-role").locator("summary").click();
    await page.getByTestId("edit-role-description").fill("Reads everything, changes nothing");
    await page.getByTestId("edit-role-max-session").selectOption("4");
    await page.getByTestId("edit-role-submit").click();
    await expect(notices(page)).toContainText(`Role ${ROLE} saved.`);
    await expect(page.getByTestId("role-max-session")).toHaveText("4 hours");
    await expect(page.getByTestId("role-description")).toHaveText("Reads everything, changes nothing");
  });

  await test.step("Permissions: attach a managed policy, and the boundary panel is there", async () => {
    await page.getByTestId("tab-permissions").click();
    // The boundary panel below has a policy picker of its own: this one is Add permissions'.
    const add = page.getByTestId("add-permissions");
    await add.locator("summary").click();
    await add.getByLabel("Search policies by name").fill("ReadOnlyAccess");
    await add.getByRole("checkbox", { name: "ReadOnlyAccess", exact: true }).check();
    await add.getByRole("button", { name: "Attach policies" }).click();
    await expect(notices(page)).toContainText(`Policy ReadOnlyAccess attached to role ${ROLE}.`);
    await expect(page.getByTestId("role-permissions-table")).toContainText("ReadOnlyAccess");
    await expect(page.getByTestId("permissions-boundary")).toBeVisible();
  });

  await test.step("Trust relationships: a finding blocks the save live, then a fixed policy saves", async () => {
    await page.getByTestId("tab-trust").click();
    await expect(page.getByTestId("trusted-entities-list")).toHaveText("This account (MFA required)");
    await expect(page.getByTestId("policy-document")).toContainText("aws:MultiFactorAuthPresent");
    await page.getByTestId("edit-trust-policy").click();
    await page.waitForURL(`**/roles/${ROLE}/trust-policy`);
    const withResource = JSON.stringify(
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" }] },
      null,
      2,
    );
    await replaceTrustPolicy(page, withResource);
    const errors = page.getByTestId("policy-findings").locator('[data-severity="error"]');
    await expect(errors).not.toHaveCount(0);
    await expect(page.getByTestId("save-trust-policy")).toBeDisabled();
    await screenshot(page, "role-trust-policy-finding-desktop");
    const service = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }, null, 2);
    await replaceTrustPolicy(page, service);
    await expect(errors).toHaveCount(0);
    await page.getByTestId("save-trust-policy").click();
    await page.waitForURL(new RegExp(`/roles/${ROLE}\\?tab=trust$`));
    await expect(notices(page)).toContainText(`Trust policy of role ${ROLE} saved.`);
    await expect(page.getByTestId("trusted-entities-list")).toHaveText("AWS service: ec2");
  });

  await test.step("Tags: add one and save", async () => {
    await page.getByTestId("tab-tags").click();
    await page.getByTestId("add-tag").click();
    await page.getByTestId("tag-key-0").fill("team");
    await page.getByTestId("tag-value-0").fill("audit");
    await page.getByTestId("save-tags").click();
    await expect(notices(page)).toContainText(`Tags of role ${ROLE} saved.`);
    await page.reload();
    await expect(page.getByTestId("tag-key-0")).toHaveValue("team");
  });

  await test.step("Sessions: none yet; revoking asks first, explains, and says it is done", async () => {
    await page.getByTestId("tab-sessions").click();
    await expect(page.getByTestId("role-sessions-empty")).toBeVisible();
    await page.getByTestId("revoke-role-sessions").click();
    const dialog = page.getByTestId("revoke-role-sessions-dialog");
    await expect(dialog).toContainText("This puts an inline policy AWSRevokeOlderSessions on the role that denies every action to sessions issued before now; it does not end sessions issued after.");
    await screenshot(page, "role-revoke-sessions-dialog-desktop", "viewport");
    await page.getByTestId("revoke-role-sessions-confirm").click();
    await expect(notices(page)).toContainText(`Sessions of role ${ROLE} issued before now are revoked`);
    await expect(page.getByTestId("role-sessions-revoked-before")).toBeVisible();
    await page.getByTestId("tab-permissions").click();
    await expect(page.getByTestId("role-permissions-table")).toContainText("AWSRevokeOlderSessions");
  });

  await test.step("Effective permissions: the role's policies, and the simulator decides for the role", async () => {
    await page.getByTestId("tab-access").click();
    await expect(page.getByTestId("effective-permissions-table")).toContainText("ReadOnlyAccess");
    const form = page.getByTestId("simulate-form");
    await form.getByTestId("simulate-action").fill("iam:CreateUser");
    await form.getByTestId("simulate-submit").click();
    // AWSRevokeOlderSessions denies everything to sessions issued before the revocation; a simulated
    // request carries no token issue time, so only ReadOnlyAccess's lack of iam:CreateUser decides.
    await expect(page.getByTestId("simulate-decision")).toHaveText("Implicitly denied");
    await form.getByTestId("simulate-action").fill("iam:ListUsers");
    await form.getByTestId("simulate-submit").click();
    await expect(page.getByTestId("simulate-decision")).toHaveText("Allowed");
  });

  await test.step("the roles list and the role page pass axe and are photographed at desktop and phone width", async () => {
    for (const [width, size] of Object.entries(WIDTHS)) {
      await page.setViewportSize(size);
      for (const [name, path] of [
        ["roles", "/roles"],
        ["role-permissions", `/roles/${ROLE}`],
        ["role-trust", `/roles/${ROLE}?tab=trust`],
        ["role-sessions", `/roles/${ROLE}?tab=sessions`],
      ] as const) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
        await expectNoAxeViolations(page, `${path} (${width})`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} (${width}) is wider than the screen`).toBeLessThanOrEqual(size.width);
        await screenshot(page, `${name}-${width}`);
      }
    }
    await page.setViewportSize(WIDTHS.desktop);
  });

  await test.step("delete: the typed confirmation, then the role is gone from the list", async () => {
    await page.goto(`/roles/${ROLE}`);
    await page.getByTestId("delete-role").click();
    await page.waitForURL(`**/roles/${ROLE}/delete`);
    await expect(page.getByTestId("delete-role-dependents")).toContainText("attached managed policy");
    await page.getByTestId("delete-confirmation").fill(ROLE);
    await page.getByTestId("delete-role-submit").click();
    await page.waitForURL("**/roles");
    await expect(page.getByTestId("notices")).toContainText(`Role ${ROLE} deleted, with its attached and inline policies.`);
    await expect(page.getByTestId("roles-table")).not.toContainText(ROLE);
    await expect(page.getByTestId("pagination-range")).toContainText("of 25 roles");
    await page.goto(`/roles/${ROLE}`);
    await expect(page.getByRole("heading", { name: "Role not found" })).toBeVisible();
  });
});

// Permissions boundaries from a user's Permissions tab: root sets one, the tab shows it and links
// to the policy, root changes it and removes it. While it is set, the boundary is named wherever it
// is what denies: in the simulator's answer, in the Access denied panel the user meets, in the
// reason beside a control the user may not use, and in the audit log. A user who may not change
// boundaries sees Change and Remove disabled, with the reason. A role's Permissions tab does the same.

import type { BrowserContext, Page } from "@playwright/test";
import { createConsoleUser, expect, expectNoAxeViolations, newRootAccount, screenshot, signInAsIamUser, signInAsRoot, signOut, signUp, test } from "./support";

const root = newRootAccount("Boundaries");
const BEA = "bea";
const CARL = "carl";
const PASSWORD = "Boundaries-Pass-1!";
// An IAM read-only boundary written by the account, as a trainer would write "S3 read-only" in AWS.
const READ_ONLY = "ReadOnlyBoundary";
const ROLE = "Deployer";

test.describe.configure({ mode: "serial" });

let context: BrowserContext;
let page: Page;
let accountId = "";

// Each person signs in on a browser of their own; a context made with newContext, as axe-core needs.
test.beforeEach(async ({ browser }) => {
  context = await browser.newContext();
  page = await context.newPage();
});

test.afterEach(async () => {
  await context.close();
});

/** axe-core finds nothing against WCAG 2.1 A and AA or its best practices on the page as it is now. */
async function bothWidths(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Opens Set or Change boundary, picks `policy` with the picker's search, and submits. */
async function chooseBoundary(opener: "Set boundary" | "Change boundary", search: string, policy: string): Promise<void> {
  const panel = page.getByTestId("permissions-boundary");
  await panel.locator("summary", { hasText: opener }).click();
  const picker = panel.getByTestId("permissions-boundary-picker");
  await picker.getByLabel("Search boundary policies by name").fill(search);
  await picker.getByRole("checkbox", { name: policy, exact: true }).check();
  await expect(picker.getByTestId("permissions-boundary-picker-selected")).toContainText(policy);
  await panel.getByTestId("permissions-boundary-submit").click();
}

async function simulate(action: string, resource: string): Promise<void> {
  const form = page.getByTestId("simulate-form");
  await form.getByTestId("simulate-action").fill(action);
  await form.getByTestId("simulate-resource").fill(resource);
  await form.getByTestId("simulate-submit").click();
}

test("root sets a boundary on a user, sees it on the Permissions tab, and changes it", async () => {
  test.setTimeout(120_000);
  accountId = await signUp(page, root);

  await page.goto("/policies/new");
  await page.getByRole("tab", { name: "JSON" }).click();
  const editor = page.getByRole("textbox", { name: "Policy document" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "ReadIam", Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" }] }, null, 2));
  await page.getByTestId("policy-name").fill(READ_ONLY);
  await page.getByTestId("create-policy-submit").click();
  await page.waitForURL(/\/policies\/arn/);

  // Bea's own policy allows all of IAM; the boundary will hold her to reading it.
  await createConsoleUser(page, BEA, PASSWORD, { policies: ["IAMFullAccess"] });
  await createConsoleUser(page, CARL, PASSWORD, { policies: ["IAMReadOnlyAccess"] });

  await page.goto(`/users/${BEA}`);
  const panel = page.getByTestId("permissions-boundary");
  await expect(panel.getByRole("heading", { name: "Permissions boundary" })).toBeVisible();
  await expect(panel).toContainText("sets the maximum permissions user bea's identity-based policies can grant; it grants no permissions by itself");
  await expect(panel.getByTestId("permissions-boundary-none")).toContainText("No permissions boundary is set");
  await expect(panel.getByTestId("permissions-boundary-remove")).toHaveCount(0);

  await chooseBoundary("Set boundary", "IAMReadOnly", "IAMReadOnlyAccess");
  await expect(page.getByText("Permissions boundary of user bea set to IAMReadOnlyAccess")).toBeVisible();
  await expect(panel.getByTestId("permissions-boundary-policy")).toHaveText("IAMReadOnlyAccess");
  await expect(panel.getByTestId("permissions-boundary-current")).toContainText("AWS managed");
  await expect(panel.getByTestId("permissions-boundary-policy")).toHaveAttribute("href", `/policies/${encodeURIComponent("arn:aws:iam::aws:policy/IAMReadOnlyAccess")}`);
  await expectNoAxeViolations(page);
  await bothWidths("boundary-set");

  // Change: the picker shows the current boundary, greyed, and takes one policy.
  await panel.locator("summary", { hasText: "Change boundary" }).click();
  const picker = panel.getByTestId("permissions-boundary-picker");
  await picker.getByLabel("Search boundary policies by name").fill("IAMReadOnly");
  await expect(picker.getByRole("checkbox", { name: "IAMReadOnlyAccess", exact: true })).toBeDisabled();
  await expect(picker.getByText("current boundary")).toBeVisible();
  await picker.getByLabel("Search boundary policies by name").fill(READ_ONLY);
  await picker.getByRole("checkbox", { name: READ_ONLY, exact: true }).check();
  await expectNoAxeViolations(page);
  await bothWidths("boundary-change-picker");
  await panel.getByTestId("permissions-boundary-submit").click();
  await expect(page.getByText(`Permissions boundary of user bea set to ${READ_ONLY}`)).toBeVisible();
  await expect(panel.getByTestId("permissions-boundary-policy")).toHaveText(READ_ONLY);
  await expect(panel.getByTestId("permissions-boundary-current")).toContainText("Customer managed");
});

test("the user's effective permissions show what the boundary denies, naming it", async () => {
  await signInAsRoot(page, root);
  await page.goto(`/users/${BEA}?tab=access`);
  await expect(page.getByTestId("effective-permissions-boundary")).toContainText(`Permissions boundary ${READ_ONLY}: these policies grant only what it allows too.`);
  await simulate("iam:CreateUser", "*");
  await expect(page.getByTestId("simulate-decision")).toHaveText("Implicitly denied");
  await expect(page.getByTestId("simulate-explanation")).toContainText(`a policy allows iam:CreateUser on *, but the permissions boundary "${READ_ONLY} v1`);
  await bothWidths("boundary-simulated-deny");
  await simulate("iam:ListUsers", "*");
  await expect(page.getByTestId("simulate-decision")).toHaveText("Allowed");
});

test("the capped user meets the boundary: a disabled control and an Access denied panel both name it", async () => {
  await signInAsIamUser(page, accountId, BEA, PASSWORD);
  await page.goto("/users");
  // IAMFullAccess allows CreateUser; the boundary does not, and the reason says which.
  await expect(page.getByRole("link", { name: "Create user" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create user" })).toHaveAccessibleDescription(
    `iam:CreateUser is not allowed: a policy allows it, but the permissions boundary ${READ_ONLY} v1 does not.`,
  );

  // SimulatePrincipalPolicy is not a Get or List action: the boundary denies it when she asks.
  await page.goto(`/users/${BEA}?tab=access`);
  await simulate("iam:ListUsers", "*");
  const denied = page.getByTestId("access-denied");
  await expect(denied).toContainText("iam:SimulatePrincipalPolicy");
  await expect(denied.getByTestId("access-denied-explanation")).toContainText(`but the permissions boundary "${READ_ONLY} v1`);
  await bothWidths("boundary-access-denied");
});

test("a user without iam:PutUserPermissionsBoundary sees Change and Remove disabled, with the reason", async () => {
  await signInAsIamUser(page, accountId, CARL, PASSWORD);
  await page.goto(`/users/${BEA}`);
  const panel = page.getByTestId("permissions-boundary");
  await expect(panel.getByTestId("permissions-boundary-policy")).toHaveText(READ_ONLY);
  const change = panel.getByTestId("permissions-boundary-set");
  await expect(change.getByRole("button", { name: "Change boundary" })).toHaveAttribute("aria-disabled", "true");
  await expect(change.getByTestId("permission-reason")).toContainText("iam:PutUserPermissionsBoundary is not allowed: no policy allows it.");
  await expect(panel.getByTestId("permissions-boundary-remove")).toBeDisabled();
  await expect(panel.getByTestId("permission-reason").last()).toContainText("iam:DeleteUserPermissionsBoundary is not allowed");
  await expectNoAxeViolations(page);
  await bothWidths("boundary-controls-disabled");
});

test("a role's Permissions tab sets and removes its boundary the same way", async () => {
  await signInAsRoot(page, root);
  // The create-role wizard with its defaults: trusted by this account, no policies.
  await page.goto("/roles/new");
  await page.getByTestId("wizard-next").click();
  await page.getByTestId("wizard-next").click();
  await page.getByTestId("role-name").fill(ROLE);
  await page.getByTestId("create-role-submit").click();
  await page.waitForURL(`**/roles/${ROLE}`);

  await page.goto(`/roles/${ROLE}?tab=permissions`);
  const panel = page.getByTestId("permissions-boundary");
  await expect(panel).toContainText(`sets the maximum permissions role ${ROLE}'s identity-based policies can grant`);
  await chooseBoundary("Set boundary", READ_ONLY, READ_ONLY);
  await expect(page.getByText(`Permissions boundary of role ${ROLE} set to ${READ_ONLY}: the role's policies now grant at most what ${READ_ONLY} allows.`)).toBeVisible();
  await expect(panel.getByTestId("permissions-boundary-policy")).toHaveText(READ_ONLY);
  await expect(page).toHaveURL(new RegExp(`/roles/${ROLE}\\?tab=permissions$`));
  await bothWidths("boundary-role");

  await panel.getByTestId("permissions-boundary-remove").click();
  await page.getByTestId("permissions-boundary-remove-dialog").getByRole("button", { name: "Remove boundary" }).click();
  await expect(page.getByText(`Permissions boundary removed from role ${ROLE}`)).toBeVisible();
  await expect(panel.getByTestId("permissions-boundary-none")).toBeVisible();
});

test("the audit log explains the boundary's denial, and root removes the boundary", async () => {
  await signInAsRoot(page, root);
  const beaArn = `arn:aws:iam::${accountId}:user/${BEA}`;
  await page.goto("/audit?readOnly=show&result=Denied");
  const denial = page.getByTestId("audit-event").filter({ hasText: "iam:SimulatePrincipalPolicy" }).filter({ hasText: beaArn }).first();
  await expect(denial.getByTestId("audit-denial-summary")).toContainText(`but the permissions boundary "${READ_ONLY} v1`);
  await denial.getByText("Why it was denied:").click();
  await expect(denial.getByTestId("audit-explanation")).toContainText("A policy allows it, but the permissions boundary does not.");
  await bothWidths("boundary-audit");

  await page.goto(`/users/${BEA}`);
  const panel = page.getByTestId("permissions-boundary");
  await panel.getByTestId("permissions-boundary-remove").click();
  const dialog = page.getByTestId("permissions-boundary-remove-dialog");
  await expect(dialog).toContainText(`including what ${READ_ONLY} does not allow`);
  await screenshot(page, "boundary-remove-dialog", "viewport");
  await dialog.getByRole("button", { name: "Remove boundary" }).click();
  await expect(page.getByText("Permissions boundary removed from user bea")).toBeVisible();
  await expect(panel.getByTestId("permissions-boundary-none")).toBeVisible();
  await bothWidths("boundary-removed");

  // Without the boundary, IAMFullAccess decides alone.
  await page.goto(`/users/${BEA}?tab=access`);
  await simulate("iam:CreateUser", "*");
  await expect(page.getByTestId("simulate-decision")).toHaveText("Allowed");
  await signOut(page);
});

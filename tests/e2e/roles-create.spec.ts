// The create-role wizard, as an administrator uses it: a role this account may assume only with
// MFA and AWS managed ReadOnlyAccess, a service role for EC2 with a boundary, a custom trust policy whose finding
// shows as it is typed and goes when it is fixed, and a name already taken, refused with everything
// typed still there. A read-only user finds Create role off, with the reason. Every step is checked
// with axe and photographed at desktop and phone width (test-results/screenshots/role-wizard-*).

import type { Page } from "@playwright/test";
import { createConsoleUser, expect, expectNoAxeViolations, newRootAccount, screenshot, signInAsIamUser, signOut, signUp, test } from "./support";

const PASSWORD = "Wizard-Admin-Pass-2026!";
const PHONE = { width: 390, height: 844 } as const;

const stepTitle = (page: Page) => page.getByRole("heading", { level: 2, name: /^Step \d of 3/ });
const next = (page: Page) => page.getByTestId("wizard-next").click();

/** Searches the policy picker for `name` (which `matches` policies' names contain) and chooses it. */
async function choosePolicy(page: Page, name: string, matches = 1): Promise<void> {
  const policies = page.getByTestId("role-wizard-policies");
  await policies.getByLabel("Search policies by name").fill(name);
  // The search has answered (the list shows only the matches), so nothing below is mid-transition.
  await expect(policies.getByRole("checkbox")).toHaveCount(matches);
  await policies.getByRole("checkbox", { name, exact: true }).check();
}

/** Replaces the custom trust policy editor's text, as typing it would. */
async function writeTrustPolicy(page: Page, document: object): Promise<void> {
  const editor = page.getByRole("textbox", { name: "Trust policy" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(JSON.stringify(document, null, 2));
}

test.describe.configure({ mode: "serial" });

let accountId = "";
const root = newRootAccount("Role wizard");

test("an administrator creates roles with the wizard: MFA, EC2, custom trust, and a name already taken", async ({ page }) => {
  test.setTimeout(420_000);
  accountId = await signUp(page, root);
  await createConsoleUser(page, "admin", PASSWORD, { policies: ["AdministratorAccess"] });
  await createConsoleUser(page, "reader", PASSWORD, { policies: ["IAMReadOnlyAccess"] });
  await signOut(page);
  await signInAsIamUser(page, accountId, "admin", PASSWORD);

  await test.step("a role this account may assume only with MFA, with AWS managed ReadOnlyAccess", async () => {
    await page.goto("/roles/new");
    await expect(stepTitle(page)).toHaveText(/Select trusted entity/);
    await expect(page.getByRole("radio", { name: /^AWS account/ })).toBeChecked();
    await expect(page.getByRole("radio", { name: new RegExp(`^This account \\(${accountId}\\)`) })).toBeChecked();
    const generated = page.getByTestId("generated-trust-policy");
    await expect(generated).toContainText(`arn:aws:iam::${accountId}:root`);
    await expect(generated).not.toContainText("Condition");
    await page.getByTestId("require-mfa").check();
    await expect(generated).toContainText('"aws:MultiFactorAuthPresent": "true"');
    await expectNoAxeViolations(page, "step 1, account");
    await screenshot(page, "role-wizard-1-account-desktop");

    // The external ID's advice, and its check, before going on without it.
    await page.getByTestId("require-external-id").check();
    await expect(page.getByText(/confused deputy/)).toBeVisible();
    await next(page);
    await expect(page.getByText("An external ID must be 2 to 1,224 characters.")).toBeVisible();
    await page.getByTestId("external-id").fill("has space");
    await expect(page.getByText(/An external ID may contain only/)).toBeVisible();
    await page.getByTestId("require-external-id").uncheck();
    await next(page);

    await expect(stepTitle(page)).toHaveText(/Add permissions/);
    // "ReadOnlyAccess" is also part of IAMReadOnlyAccess's name.
    await choosePolicy(page, "ReadOnlyAccess", 2);
    await expectNoAxeViolations(page, "step 2");
    await screenshot(page, "role-wizard-2-permissions-desktop");
    await next(page);

    await expect(stepTitle(page)).toHaveText(/Name, review, and create/);
    await page.getByTestId("create-role-submit").click();
    await expect(page.getByText(/^Enter 1–64 characters/)).toBeVisible();
    await page.getByTestId("role-name").fill("MfaAuditor");
    await page.getByTestId("role-description").fill("Reads IAM, only with MFA");
    await page.getByTestId("max-session-duration").selectOption("4");
    const review = page.getByTestId("review-trust-policy");
    await expect(review).toContainText('"Bool"');
    await expect(review).toContainText('"aws:MultiFactorAuthPresent": "true"');
    await expect(page.getByTestId("role-wizard-review")).toContainText(/Permissions policies\s*ReadOnlyAccess/);
    await expect(page.getByTestId("create-role-submit")).toBeEnabled();
    await expectNoAxeViolations(page, "step 3");
    await screenshot(page, "role-wizard-3-review-desktop");
    await page.getByTestId("create-role-submit").click();
    await page.waitForURL("**/roles/MfaAuditor");
    await expect(page.getByTestId("notices")).toContainText("Role MfaAuditor created.");
    await expect(page.getByRole("link", { name: "ReadOnlyAccess", exact: true })).toBeVisible();
    await screenshot(page, "role-wizard-created-desktop");

    // What was saved is what the wizard showed: the role page's Trust relationships tab.
    await page.goto("/roles/MfaAuditor?tab=trust");
    const saved = page.getByTestId("trust-policy");
    await expect(saved).toContainText('"Bool"');
    await expect(saved).toContainText('"aws:MultiFactorAuthPresent": "true"');
  });

  await test.step("a service role for EC2", async () => {
    await page.goto("/roles/new");
    await page.getByRole("radio", { name: /^AWS service/ }).check();
    await expect(page.getByRole("radio", { name: /^EC2/ })).toBeChecked();
    await expect(page.getByTestId("generated-trust-policy")).toContainText('"Service": "ec2.amazonaws.com"');
    await expectNoAxeViolations(page, "step 1, service");
    await screenshot(page, "role-wizard-1-service-desktop");
    await next(page);
    // A permissions boundary: asked for once the option is on, one managed policy.
    await page.getByTestId("use-boundary").check();
    await next(page);
    await expect(page.getByText("Choose the managed policy to use as the permissions boundary, or turn the boundary off.")).toBeVisible();
    const boundary = page.getByTestId("role-wizard-boundary");
    await boundary.getByLabel("Search boundary policies by name").fill("IAMReadOnlyAccess");
    await expect(boundary.getByRole("checkbox")).toHaveCount(1);
    await boundary.getByRole("checkbox", { name: "IAMReadOnlyAccess", exact: true }).check();
    await screenshot(page, "role-wizard-2-boundary-desktop");
    await next(page);
    await page.getByTestId("role-name").fill("Ec2Worker");
    await expect(page.getByTestId("review-trust-policy")).toContainText("ec2.amazonaws.com");
    await expect(page.getByTestId("role-wizard-review")).toContainText(/Permissions boundary\s*IAMReadOnlyAccess/);
    await expect(page.getByTestId("create-role-submit")).toBeEnabled();
    await page.getByTestId("create-role-submit").click();
    await page.waitForURL("**/roles/Ec2Worker");
    await expect(page.getByTestId("notices")).toContainText("Role Ec2Worker created.");
    await expect(page.getByTestId("permissions-boundary-policy")).toHaveText("IAMReadOnlyAccess");
  });

  await test.step("a custom trust policy: a Resource element is an error as it is typed, and fixing it clears it", async () => {
    await page.goto("/roles/new");
    await page.getByRole("radio", { name: /^Custom trust policy/ }).check();
    const statement = { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:user/admin` }, Action: "sts:AssumeRole" };
    await writeTrustPolicy(page, { Version: "2012-10-17", Statement: [{ ...statement, Resource: "*" }] });
    const errors = page.getByTestId("policy-findings").locator('[data-severity="error"]');
    await expect(errors).not.toHaveCount(0);
    await expect(errors.first()).toContainText(/Resource/);
    await screenshot(page, "role-wizard-1-custom-finding-desktop");
    await next(page);
    await expect(page.getByText("Fix the errors the policy editor lists before you go on.")).toBeVisible();
    await writeTrustPolicy(page, { Version: "2012-10-17", Statement: [statement] });
    await expect(errors).toHaveCount(0);
    await expectNoAxeViolations(page, "step 1, custom");
    await screenshot(page, "role-wizard-1-custom-fixed-desktop");
    await next(page);
    await next(page);
    await page.getByTestId("role-name").fill("AdminOnly");
    await expect(page.getByTestId("review-trust-policy")).toContainText(`arn:aws:iam::${accountId}:user/admin`);
    await expect(page.getByTestId("create-role-submit")).toBeEnabled();
    await page.getByTestId("create-role-submit").click();
    await page.waitForURL("**/roles/AdminOnly");
  });

  await test.step("a name that exists: EntityAlreadyExists, with everything typed kept", async () => {
    await page.goto("/roles/new");
    await page.getByRole("radio", { name: /^Another AWS account/ }).check();
    await page.getByTestId("other-account-id").fill("123456789012");
    await next(page);
    await choosePolicy(page, "IAMReadOnlyAccess");
    await next(page);
    await page.getByTestId("role-name").fill("mfaauditor");
    await page.getByTestId("role-description").fill("Kept after the refusal");
    await expect(page.getByTestId("create-role-submit")).toBeEnabled();
    await page.getByTestId("create-role-submit").click();
    await expect(page.getByTestId("create-role-error")).toContainText("EntityAlreadyExists");
    await expect(page.getByTestId("create-role-error")).toContainText("Role with name mfaauditor already exists.");
    await expect(page.getByTestId("create-role-nothing-created")).toBeVisible();
    await expect(page.getByTestId("role-name")).toHaveValue("mfaauditor");
    await expect(page.getByTestId("role-description")).toHaveValue("Kept after the refusal");
    await expect(page.getByTestId("review-trust-policy")).toContainText("arn:aws:iam::123456789012:root");
    await screenshot(page, "role-wizard-3-name-taken-desktop");
    // Going back finds the earlier steps as they were left.
    await page.getByTestId("wizard-back").click();
    await expect(page.getByTestId("role-wizard-policies-selected")).toContainText("IAMReadOnlyAccess");
    await page.getByTestId("wizard-back").click();
    await expect(page.getByTestId("other-account-id")).toHaveValue("123456789012");
  });

  await test.step("every step at phone width", async () => {
    await page.setViewportSize(PHONE);
    await page.goto("/roles/new");
    await page.getByTestId("require-mfa").check();
    await expectNoAxeViolations(page, "phone step 1");
    await screenshot(page, "role-wizard-1-account-phone");
    await page.getByRole("radio", { name: /^Custom trust policy/ }).check();
    await screenshot(page, "role-wizard-1-custom-phone");
    await next(page);
    await choosePolicy(page, "IAMReadOnlyAccess");
    await screenshot(page, "role-wizard-2-permissions-phone");
    await next(page);
    await page.getByTestId("role-name").fill("PhoneRole");
    await expectNoAxeViolations(page, "phone step 3");
    await screenshot(page, "role-wizard-3-review-phone");
  });
});

test("a user who may not create roles is told so, and Create role is off with the reason", async ({ page }) => {
  await signInAsIamUser(page, accountId, "reader", PASSWORD);
  await page.goto("/roles/new");
  await expect(page.getByTestId("create-role-denied")).toContainText("iam:CreateRole is not allowed");
  await next(page);
  await next(page);
  await page.getByTestId("role-name").fill("NotAllowed");
  const create = page.getByTestId("create-role-submit");
  await expect(create).toBeDisabled();
  await expect(create).toHaveAccessibleDescription(/iam:CreateRole is not allowed/);
  await expectNoAxeViolations(page, "denied");
  await screenshot(page, "role-wizard-denied-desktop");
});

// Switching role, as issue 12 tells it: an administrator creates a role this account may assume
// only with MFA, with ReadOnlyAccess; a developer without MFA tries to switch and is refused, and the
// refusal shows the trust policy's unmet MFA condition; he enrolls a device and signs in with a code;
// now the switch succeeds and the header shows the role's name, in its colour, and the session's
// ARN. Reading works, writing is refused in the session's name; "Back to dev" returns to him. Switched
// again (one click, from his recent roles), his session is revoked by the administrator, and its next
// page is denied by AWSRevokeOlderSessions. Screenshots at desktop and phone width; axe on each page.

import type { Browser, BrowserContext, Page } from "@playwright/test";
import { Authenticator, createConsoleUser, createCustomerPolicies, expect, expectNoAxeViolations, newRootAccount, screenshot, signInAsIamUser, signOut, signUp, submitIamUserPassword, submitMfaCode, test } from "./support";

const PASSWORD = "Switch-Role-Pass-2026!";
const PHONE = { width: 390, height: 844 } as const;
const ROLE = "Auditor";

async function atPhoneWidth(page: Page, name: string): Promise<void> {
  const desktop = page.viewportSize()!;
  await page.setViewportSize(PHONE);
  await screenshot(page, name);
  await page.setViewportSize(desktop);
}

async function newSignedInPage(browser: Browser, accountId: string, userName: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsIamUser(page, accountId, userName, PASSWORD);
  return { context, page };
}

test.describe.configure({ mode: "serial" });

test("a developer switches into an MFA-protected role, works in it, goes back, and loses it when it is revoked", async ({ page, browser }) => {
  test.setTimeout(480_000);
  const root = newRootAccount("Switch role");
  const accountId = await signUp(page, root);
  const sessionArn = `arn:aws:sts::${accountId}:assumed-role/${ROLE}/dev`;
  const switchLink = `/switchrole?account=${accountId}&roleName=${ROLE}&displayName=Audit&color=green`;

  await test.step("root sets up an administrator and a developer who may assume roles and manage his own MFA", async () => {
    await createCustomerPolicies(page, ["AssumeRoles"], "sts:AssumeRole", 1);
    await createCustomerPolicies(page, ["ManageOwnMfa"], "iam:*MFADevice*", 1);
    await createConsoleUser(page, "admin", PASSWORD, { policies: ["AdministratorAccess"] });
    await createConsoleUser(page, "dev", PASSWORD, { policies: ["AssumeRoles", "ManageOwnMfa"] });
    await signOut(page);
  });

  // The administrator works in a browser of her own for the rest of the story.
  const admin = await newSignedInPage(browser, accountId, "admin");
  await test.step("the administrator creates a role trusted by the account, requiring MFA, with ReadOnlyAccess", async () => {
    const a = admin.page;
    await a.goto("/roles/new");
    await a.getByTestId("require-mfa").check();
    await expect(a.getByTestId("generated-trust-policy")).toContainText('"aws:MultiFactorAuthPresent": "true"');
    await a.getByTestId("wizard-next").click();
    const policies = a.getByTestId("role-wizard-policies");
    await policies.getByLabel("Search policies by name").fill("ReadOnlyAccess");
    await expect(policies.getByRole("checkbox")).toHaveCount(2);
    await policies.getByRole("checkbox", { name: "ReadOnlyAccess", exact: true }).check();
    await a.getByTestId("wizard-next").click();
    await a.getByTestId("role-name").fill(ROLE);
    await a.getByTestId("create-role-submit").click();
    await a.waitForURL(`**/roles/${ROLE}`);
    await expect(a.getByTestId("notices")).toContainText(`Role ${ROLE} created.`);
  });

  await test.step("without MFA the developer's switch is refused, and the trust policy's MFA condition is shown", async () => {
    await signInAsIamUser(page, accountId, "dev", PASSWORD);
    await expect(page.getByTestId("header-switch-role")).toBeVisible();
    await page.goto(switchLink);
    await expect(page.getByTestId("switch-role-account")).toHaveValue(accountId);
    await expect(page.getByTestId("switch-role-name")).toHaveValue(ROLE);
    await expect(page.getByRole("radio", { name: "Green" })).toBeChecked();
    await expect(page.getByTestId("recent-roles-empty")).toBeVisible();
    await expectNoAxeViolations(page, "switch role page");
    await screenshot(page, "switch-role-form-desktop");
    await atPhoneWidth(page, "switch-role-form-phone");
    await page.getByTestId("switch-role-submit").click();
    const denied = page.getByTestId("switch-role-error").getByTestId("access-denied");
    await expect(denied).toBeVisible();
    await expect(denied.getByTestId("access-denied-principal")).toContainText(`arn:aws:iam::${accountId}:user/dev`);
    await expect(denied).toContainText("sts:AssumeRole");
    const unmet = denied.getByTestId("access-denied-unmet-conditions");
    await expect(unmet).toContainText("trust policy");
    await expect(unmet).toContainText("Bool aws:MultiFactorAuthPresent true");
    await expect(unmet).toContainText("this request has false");
    await expect(denied.getByTestId("access-denied-needs-mfa")).toBeVisible();
    // What he typed is still there, to try again once he has MFA.
    await expect(page.getByTestId("switch-role-name")).toHaveValue(ROLE);
    await expectNoAxeViolations(page, "switch role refused");
    await screenshot(page, "switch-role-denied-mfa-desktop");
  });

  let device: Authenticator;
  await test.step("the developer enrolls an MFA device and signs in again with a code", async () => {
    await page.goto("/me");
    await page.getByTestId("assign-mfa-device").click();
    const dialog = page.getByTestId("assign-mfa-dialog");
    await dialog.getByTestId("mfa-name-next").click();
    await dialog.getByTestId("mfa-show-secret").click();
    device = new Authenticator((await dialog.getByTestId("mfa-secret").innerText()).replace(/\s/g, ""));
    const [code1, code2] = await device.consecutiveCodes();
    await dialog.getByTestId("mfa-enroll-code1").fill(code1);
    await dialog.getByTestId("mfa-enroll-code2").fill(code2);
    await dialog.getByTestId("mfa-enroll-submit").click();
    await expect(dialog).toBeHidden();
    await signOut(page);
    await submitIamUserPassword(page, accountId, "dev", PASSWORD);
    await submitMfaCode(page, await device.nextCode());
    await page.waitForURL("**/dashboard");
    await expect(page.getByTestId("header-principal")).toHaveText("IAM user dev");
  });

  await test.step("with MFA the switch succeeds: the header shows the role's name in its colour and the session ARN", async () => {
    await page.goto(switchLink);
    await page.getByTestId("switch-role-submit").click();
    await page.waitForURL("**/dashboard");
    await expect(page.getByTestId("header-role")).toHaveText("Audit");
    await expect(page.getByTestId("header-role")).toHaveAttribute("data-color", "green");
    await expect(page.getByTestId("header-session-arn")).toHaveText(sessionArn);
    await expect(page.getByTestId("back-to-user")).toHaveText("Back to dev");
    await expectNoAxeViolations(page, "dashboard in a role session");
    await screenshot(page, "switch-role-session-dashboard-desktop");
    await atPhoneWidth(page, "switch-role-session-dashboard-phone");
  });

  await test.step("in the role, reading works and writing is refused in the session's name", async () => {
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Users" }).click();
    await page.waitForURL("**/users");
    await expect(page.getByTestId("users-table").getByRole("link", { name: "admin", exact: true })).toBeVisible();
    await expect(page.getByTestId("access-denied")).toHaveCount(0);
    const create = page.getByRole("link", { name: "Create user" }).or(page.getByRole("button", { name: "Create user" })).first();
    await expect(create).toHaveAttribute("aria-disabled", "true");
    await expect(page.getByText(`As ${sessionArn}: iam:CreateUser is not allowed`).first()).toBeVisible();
    await screenshot(page, "switch-role-session-users-desktop");
    await page.goto("/me");
    await expect(page.getByTestId("me-role-session")).toContainText(sessionArn);
  });

  await test.step("Back to dev returns to the user, with no new sign-in", async () => {
    await page.getByTestId("back-to-user").click();
    await page.waitForURL("**/dashboard");
    await expect(page.getByTestId("header-principal")).toHaveText("IAM user dev");
    await expect(page.getByTestId("header-role")).toHaveCount(0);
  });

  await test.step("the role is one click away in his recent roles; the audit log shows the session and who assumed it", async () => {
    await page.goto("/switchrole");
    await page.getByTestId("recent-roles").getByRole("button", { name: /^Switch to Audit/ }).click();
    await page.waitForURL("**/dashboard");
    await expect(page.getByTestId("header-session-arn")).toHaveText(sessionArn);

    await admin.page.goto("/audit?action=AssumeRole");
    const assumed = admin.page.getByTestId("audit-event").filter({ hasText: "Allowed" }).first();
    await expect(assumed).toContainText(`arn:aws:iam::${accountId}:role/${ROLE}`);
    await expect(assumed.getByTestId("audit-role-session")).toContainText("session dev");
    await admin.page.goto(`/audit?readOnly=show&principal=${encodeURIComponent(sessionArn)}`);
    const fromSession = admin.page.getByTestId("audit-event").first();
    await expect(fromSession).toContainText(sessionArn);
    await expect(fromSession.getByTestId("audit-assumed-by")).toContainText(`assumed by arn:aws:iam::${accountId}:user/dev`);
    await screenshot(admin.page, "switch-role-audit-desktop");
  });

  await test.step("the administrator revokes the role's sessions; the old session's next page is denied", async () => {
    const a = admin.page;
    await a.goto(`/roles/${ROLE}?tab=sessions`);
    await expect(a.getByTestId("role-sessions-table")).toContainText(sessionArn);
    await a.getByTestId("revoke-role-sessions").click();
    await a.getByTestId("revoke-role-sessions-confirm").click();
    await expect(a.getByTestId("role-sessions-revoked-before")).toBeVisible();
    await screenshot(a, "switch-role-revoked-sessions-desktop");

    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Users" }).click();
    await page.waitForURL("**/users");
    const denied = page.getByTestId("access-denied").first();
    await expect(denied).toBeVisible();
    await expect(denied.getByTestId("access-denied-principal")).toContainText(sessionArn);
    await expect(denied).toContainText("AWSRevokeOlderSessions");
    await expect(denied.getByTestId("access-denied-session-revoked")).toBeVisible();
    await screenshot(page, "switch-role-revoked-denied-desktop");
  });
  await admin.context.close();
});

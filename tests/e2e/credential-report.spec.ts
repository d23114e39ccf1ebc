// The credential report and unused access findings, as an auditor uses them: an administrator (an
// IAM user with AdministratorAccess) generates the credential report, filters it (no MFA, keys older
// than 90 days, unused for 90 days), downloads it and opens the file; then sees an unused access key
// finding for a key never used, on the dashboard and the findings page, and archives it. Data the
// console cannot backdate (a key created 200 days ago) is written straight to the server's database,
// as other specs arrange data. Screenshots at desktop and phone width; axe on each page.

import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { dbTime, sql } from "./database";
import { atBothWidths, createConsoleUser, createCustomerPolicies, expect, newRootAccount, screenshot, signInAsIamUser, signOut, signUp, test, WIDTHS } from "./support";

const PASSWORD = "Credential-Audit-2026!";
const DAY = 24 * 60 * 60 * 1000;

const notices = (page: Page) => page.getByRole("status", { name: "Notices" });

/** An access key ID as AWS shapes one: AKIA and 16 base32 characters. */
const accessKeyId = () => `AKIA${Array.from({ length: 16 }, () => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[Math.floor(Math.random() * 32)]).join("")}`;

/** Gives `userName` an access key created `days` ago and never used, and backdates the user as well; returns the key's ID. */
async function arrangeOldKey(accountId: string, userName: string, days: number): Promise<string> {
  const then = dbTime(new Date(Date.now() - days * DAY));
  const [user] = await sql<{ id: string }>(`SELECT "id" FROM "User" WHERE "accountId" = ? AND "name" = ?`, [accountId, userName]);
  const userId = user!.id;
  const keyId = accessKeyId();
  await sql(`INSERT INTO "AccessKey" ("id", "accountId", "userId", "secretCiphertext", "status", "createdAt") VALUES (?, ?, ?, 'not-a-secret', 'Active', ?)`, [keyId, accountId, userId, then]);
  await sql(`UPDATE "User" SET "createdAt" = ? WHERE "id" = ?`, [then, userId]);
  return keyId;
}

test("an administrator generates the credential report, filters it, downloads it and opens the file", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(WIDTHS.desktop);
  const accountId = await signUp(page, newRootAccount("Credential report"));
  await createConsoleUser(page, "auditor", PASSWORD, { policies: ["AdministratorAccess"] });
  await createConsoleUser(page, "bob", PASSWORD);
  await arrangeOldKey(accountId, "bob", 200);
  await signOut(page);
  await signInAsIamUser(page, accountId, "auditor", PASSWORD);

  await page.getByRole("navigation", { name: /main|console/i }).getByRole("link", { name: "Credential report" }).click();
  await page.waitForURL("**/credential-report");
  await expect(page.getByTestId("report-missing")).toContainText("No credential report yet");
  await expect(page.getByTestId("download-report")).toHaveCount(0);
  await atBothWidths(page, "credential-report-empty");

  await page.getByTestId("generate-report").click();
  await expect(notices(page)).toContainText("Credential report generated.");
  const rows = page.getByTestId("credential-report-table").getByTestId("credential-report-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("Root user");
  await expect(page.getByTestId("report-summary")).toContainText("the root user and 2 IAM users");
  await atBothWidths(page, "credential-report");

  // A second Generate within 4 hours keeps the report, and says so.
  await page.getByTestId("generate-report").click();
  await expect(notices(page)).toContainText("still current, so it was kept");

  // The auditor's views: nobody has MFA; only bob's 200-day-old key is old, and only bob is unused for 90 days.
  await page.getByTestId("tab-no-mfa").click();
  await expect(page.getByTestId("tab-no-mfa")).toHaveAttribute("aria-current", "page");
  await expect(rows).toHaveCount(3);
  await page.getByTestId("tab-old-keys").click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("bob");
  await expect(rows.first()).toContainText("Active");
  await page.getByTestId("tab-unused").click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("bob");
  await screenshot(page, "credential-report-unused-desktop");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-report").click()]);
  expect(download.suggestedFilename()).toMatch(/^status_reports_\d{4}-\d\d-\d\dT\d\d_\d\d_\d\d\+00_00\.csv$/);
  const lines = (await readFile((await download.path())!, "utf8")).split("\n");
  expect(lines[0]).toBe(
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
  );
  expect(lines[1]).toMatch(new RegExp(`^<root_account>,arn:aws:iam::${accountId}:root,\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00,not_supported,[^,]+,not_supported,not_supported,FALSE,`));
  // The auditor signed in with the password just now: its last use is in the file.
  expect(lines.find((line) => line.startsWith("auditor,"))).toMatch(/^auditor,[^,]+,[^,]+,TRUE,\d{4}-\d\d-\d\dT[\d:]+\+00:00,/);
  expect(lines.find((line) => line.startsWith("bob,"))).toMatch(/^bob,[^,]+,[^,]+,TRUE,no_information,[^,]+,N\/A,FALSE,TRUE,[^,]+,N\/A,N\/A,N\/A,FALSE,/);
});

test("sees an unused access key finding for a key never used, and archives it", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(WIDTHS.desktop);
  const accountId = await signUp(page, newRootAccount("Unused access"));
  await createConsoleUser(page, "carol", PASSWORD);
  const keyId = await arrangeOldKey(accountId, "carol", 120);

  await page.goto("/dashboard");
  const card = page.getByTestId("unused-access-card");
  await expect(card.getByTestId("state-findings-UnusedIAMUserAccessKey")).toContainText("1 access key");
  await screenshot(page, "dashboard-unused-access-desktop");
  await card.getByRole("link", { name: "1 access key" }).click();
  await page.waitForURL("**/findings?type=UnusedIAMUserAccessKey");

  const table = page.getByTestId("findings-table");
  const row = table.getByTestId("finding-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Unused access key");
  await expect(row).toContainText(keyId);
  await expect(row).toContainText("User carol");
  await expect(row).toContainText("Never used");
  await expect(row).toContainText("120 days");
  await atBothWidths(page, "findings-unused-key");

  // With a longer age than the key's, it is not unused yet; the form keeps the age chosen.
  await page.getByLabel("Unused for at least (days)").fill("200");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/days=200/);
  await expect(page.getByTestId("findings-empty")).toBeVisible();
  await expect(page.getByLabel("Unused for at least (days)")).toHaveValue("200");
  await page.getByLabel("Unused for at least (days)").fill("90");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/days=90/);

  await row.getByRole("button", { name: `Archive finding: Unused access key ${keyId}` }).click();
  await expect(notices(page)).toContainText("1 finding archived");
  await expect(page.getByTestId("findings-empty")).toBeVisible();
  await page.getByTestId("tab-ARCHIVED").click();
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(keyId);
  await expect(row).toContainText(`by arn:aws:iam::${accountId}:root`);
  await atBothWidths(page, "findings-archived");

  await page.goto("/dashboard");
  await expect(card.getByTestId("state-findings-UnusedIAMUserAccessKey")).toContainText("0 access keys");
});

test("a user who may list findings but not update them sees the buttons disabled, with the reason", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(WIDTHS.desktop);
  const accountId = await signUp(page, newRootAccount("Findings reader"));
  await createCustomerPolicies(page, ["FindingsReader"], "access-analyzer:ListFindings", 1);
  await createConsoleUser(page, "reader", PASSWORD, { policies: ["FindingsReader"] });
  const keyId = await arrangeOldKey(accountId, "reader", 120);
  await signOut(page);
  await signInAsIamUser(page, accountId, "reader", PASSWORD);

  await page.goto("/findings?type=UnusedIAMUserAccessKey");
  const row = page.getByTestId("findings-table").getByTestId("finding-row");
  await expect(row).toContainText(keyId);
  const archive = row.getByRole("button", { name: `Archive finding: Unused access key ${keyId}` });
  await expect(archive).toBeDisabled();
  await expect(row.getByRole("button", { name: `Resolve finding: Unused access key ${keyId}` })).toBeDisabled();
  // The reason is said once, above the table, and every disabled button points at it.
  const reason = page.getByTestId("permission-reason");
  await expect(reason).toHaveCount(1);
  await expect(reason).toContainText("access-analyzer:UpdateFindings is not allowed: no policy allows it");
  await expect(archive).toHaveAttribute("aria-describedby", (await reason.getAttribute("id"))!);
  await atBothWidths(page, "findings-read-only");
});

// Unused permission findings, as an auditor preparing a least-privilege review sees them: dana's
// policies grant IAM reads and Amazon SQS; she has used some IAM reads (she opened the users list)
// but never SQS. Root sees two on the dashboard: SQS, never used, and IAM, whose actions are
// tracked, with the reads she never made; opens them on the findings page and resolves SQS's. Data the console cannot backdate (a user created 120 days
// ago) is written straight to the server's database, as other specs arrange data. Screenshots at
// desktop and phone width; axe on each page.

import type { Page } from "@playwright/test";
import { dbTime, sql } from "./database";
import { atBothWidths, createConsoleUser, createCustomerPolicies, expect, newRootAccount, signInAsIamUser, signInAsRoot, signOut, signUp, test, WIDTHS } from "./support";

const PASSWORD = "Least-Privilege-2026!";
const DAY = 24 * 60 * 60 * 1000;

const notices = (page: Page) => page.getByRole("status", { name: "Notices" });

/** Backdates a user's creation, so its permissions are past Access Analyzer's tracking period. */
async function backdateUser(accountId: string, userName: string, days: number): Promise<void> {
  await sql(`UPDATE "User" SET "createdAt" = ? WHERE "accountId" = ? AND "name" = ?`, [dbTime(new Date(Date.now() - days * DAY)), accountId, userName]);
}

test("sees a service a user's policies grant and she never used, and IAM reads she never made, as unused permissions, and resolves one", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(WIDTHS.desktop);
  const root = newRootAccount("Unused permissions");
  const accountId = await signUp(page, root);
  await createCustomerPolicies(page, ["QueueWriter"], "sqs:SendMessage", 1);
  await createConsoleUser(page, "dana", PASSWORD, { policies: ["IAMReadOnlyAccess", "QueueWriter"] });
  await backdateUser(accountId, "dana", 120);
  await signOut(page);

  // Dana uses her IAM permissions: the users list is iam:ListUsers.
  await signInAsIamUser(page, accountId, "dana", PASSWORD);
  await page.goto("/users");
  await expect(page.getByTestId("users-table")).toBeVisible();
  await signOut(page);

  await signInAsRoot(page, root);
  const card = page.getByTestId("unused-access-card");
  await expect(card.getByTestId("state-findings-UnusedPermission")).toContainText("2 services");
  await card.getByRole("link", { name: "2 services" }).click();
  await page.waitForURL("**/findings?type=UnusedPermission");

  const rows = page.getByTestId("findings-table").getByTestId("finding-row");
  await expect(rows).toHaveCount(2);
  const sqs = rows.filter({ hasText: "Amazon SQS (sqs)" });
  await expect(sqs).toContainText("Unused permission");
  await expect(sqs).toContainText("User dana");
  await expect(sqs).toContainText("Never used");
  await expect(sqs).toContainText("120 days");
  // IAM was used today, but not each of the reads IAMReadOnlyAccess grants.
  const iam = rows.filter({ hasText: "(iam)" });
  await expect(iam).toContainText(/ · \d+ of \d+ granted actions unused/);
  await atBothWidths(page, "findings-unused-permission");

  await sqs.getByRole("button", { name: "Resolve finding: Unused permission dana sqs" }).click();
  await expect(notices(page)).toContainText("1 finding resolved");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("(iam)");
  await page.getByTestId("tab-RESOLVED").click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Amazon SQS (sqs)");

  // The finding's link opens the user's Last accessed tab, where SQS was never accessed.
  await rows.getByRole("link", { name: "User dana" }).click();
  await page.waitForURL("**/users/dana?tab=last-accessed");
  await expect(page.getByTestId("last-accessed-table").getByRole("row").filter({ hasText: "Amazon SQS" })).toContainText("Not accessed in the tracking period");
});

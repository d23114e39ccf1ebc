// The audit log and the policy editor as a newcomer meets them (issue 10, items 12 and 16). A user
// with no policy is denied listing users; root then finds that denial in the audit log, with times
// to the second, the engine's reason under the row, the full event record, and CSV and JSON
// downloads of exactly the filtered events. In the policy editor, the Visual view names a finding's
// statement and field (not a line of the hidden JSON), and a JSON syntax error reads as a sentence.

import { readFile } from "node:fs/promises";
import type { Download, Locator, Page } from "@playwright/test";
import { expect, newRootAccount, screenshot, signInAsIamUser, signUp, test } from "./support";

test.describe.configure({ mode: "serial" });

const root = newRootAccount("Audit");
const NOVA = "nova";
const NOVA_PASSWORD = "Nova-Console-Pass-4!";
/** How the table and the filters write a time: "1 Dec 2026, 12:00:05 UTC". */
const TIME_WITH_SECONDS = /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} UTC$/;

let accountId = "";
let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  accountId = await signUp(page, root);
  // nova: a console password and no policy at all.
  await page.goto("/users/new");
  await page.getByLabel("User name").fill(NOVA);
  await page.getByLabel("Provide user access to the console").check();
  await page.getByRole("radio", { name: /^Custom password/ }).check();
  await page.getByTestId("custom-password").fill(NOVA_PASSWORD);
  await page.getByLabel("Users must create a new password at next sign-in (recommended)").uncheck();
  for (let step = 0; step < 3; step++) await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("created-user-name")).toHaveText(NOVA);

  // nova, in a browser of her own, opens the users list: the engine denies iam:ListUsers.
  const novaContext = await browser.newContext();
  const nova = await novaContext.newPage();
  await signInAsIamUser(nova, accountId, NOVA, NOVA_PASSWORD);
  await nova.goto("/users");
  await expect(nova.getByText("iam:ListUsers").first()).toBeVisible();
  await novaContext.close();
});

test.afterAll(async () => {
  await page.close();
});

async function downloaded(link: Locator): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const path = await download.path();
  return { download, text: await readFile(path, "utf8") };
}

test("root finds the denial in the audit log: its time to the second, why, the record, and downloads", async () => {
  const novaArn = `arn:aws:iam::${accountId}:user/${NOVA}`;
  await page.goto("/audit");
  const filters = page.getByRole("search", { name: "Filter audit events" });
  await expect(filters.getByText("Times are UTC, written as the table shows them")).toBeVisible();
  await filters.getByLabel("Show read-only events").check();
  await filters.getByLabel("Result").selectOption("Denied");
  await filters.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/[?&]result=Denied/);

  const table = page.getByRole("region", { name: "Audit events" });
  const events = table.getByTestId("audit-event");
  await expect(events).not.toHaveCount(0);
  for (const result of await events.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-result")))) expect(result).toBe("Denied");
  const denial = events.filter({ hasText: "iam:ListUsers" }).filter({ hasText: novaArn }).first();
  await expect(denial.locator("time")).toHaveText(TIME_WITH_SECONDS);

  // The row's details say why, from the explanation the engine gave when it decided.
  await expect(denial.getByText("Why it was denied:")).toBeVisible();
  await expect(denial.getByTestId("audit-denial-summary")).toContainText(`${novaArn} has no policies, so nothing allows iam:ListUsers`);
  await denial.getByText("Why it was denied:").click();
  await expect(denial.getByTestId("audit-explanation")).toContainText("No policy allows it");
  await screenshot(page, "audit-denied-explained");

  // The filters read times as the table writes them; one the console cannot read is named.
  const shown = (await denial.locator("time").innerText()).replace(/ UTC$/, "");
  await filters.getByLabel("From (UTC)").fill(shown);
  await filters.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/[?&]from=/);
  await expect(events.filter({ hasText: "iam:ListUsers" }).filter({ hasText: novaArn }).first()).toBeVisible();
  await filters.getByLabel("From (UTC)").fill("12/01/2026");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText('From "12/01/2026" is not a time the console can read')).toBeVisible();
  await expect(filters.getByLabel("From (UTC)")).toHaveAttribute("aria-invalid", "true");
  await filters.getByLabel("From (UTC)").fill("");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(events.first()).toBeVisible();

  // Downloads hold exactly the filtered events.
  await expect(page.getByTestId("audit-export-cap")).toContainText("across every page (at most 10,000)");
  const csv = await downloaded(page.getByRole("link", { name: "Download CSV" }));
  expect(csv.download.suggestedFilename()).toMatch(new RegExp(`^portcullis-audit-${accountId}-\\d{8}T\\d{6}Z\\.csv$`));
  const [header, ...rows] = csv.text.trimEnd().split("\r\n");
  expect(header).toContain("Event time (UTC),Event ID,Principal,Action,Resource,Result");
  expect(rows.length).toBe(await events.count());
  expect(rows.every((row) => row.includes(",Denied,"))).toBe(true);
  expect(rows.some((row) => row.includes(novaArn) && row.includes("iam:ListUsers") && row.includes("has no policies"))).toBe(true);
  const json = await downloaded(page.getByRole("link", { name: "Download JSON" }));
  expect(json.download.suggestedFilename()).toMatch(/\.json$/);
  const { Records } = JSON.parse(json.text) as { Records: { eventName: string; userIdentity: { arn?: string }; additionalEventData: { result: string } }[] };
  expect(Records.length).toBe(rows.length);
  expect(Records.every((r) => r.additionalEventData.result === "Denied")).toBe(true);
  expect(Records.some((r) => r.eventName === "ListUsers" && r.userIdentity.arn === novaArn)).toBe(true);

  // Each event opens as its full record, as CloudTrail shows it.
  await events.filter({ hasText: "iam:ListUsers" }).filter({ hasText: novaArn }).first().getByRole("link", { name: "iam:ListUsers" }).click();
  await page.waitForURL(/\/audit\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("iam:ListUsers");
  await expect(page.getByTestId("audit-event-summary").locator("time")).toHaveText(TIME_WITH_SECONDS);
  await expect(page.getByRole("region", { name: "Why it was denied" })).toContainText("No policy allows it");
  const record = JSON.parse(await page.getByLabel("Event record JSON").innerText()) as { eventName: string; eventSource: string; userIdentity: { type: string; arn: string } };
  expect(record).toMatchObject({ eventName: "ListUsers", eventSource: "iam.amazonaws.com", userIdentity: { type: "IAMUser", arn: novaArn } });
  await screenshot(page, "audit-event-record");
});

test("the audit filter bar lines up at desktop and phone widths", async () => {
  for (const [name, size] of [
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    await page.goto("/audit?readOnly=show");
    const filters = page.getByRole("search", { name: "Filter audit events" });
    // Every label sits on one line above its field.
    for (const label of ["Action contains", "Principal ARN", "Result", "From (UTC)", "To (UTC)"]) {
      const field = filters.getByLabel(label, { exact: true });
      const box = await field.boundingBox();
      const text = await filters.getByText(label, { exact: true }).boundingBox();
      expect(box && text && text.y + text.height <= box.y + 1, `${label} above its field (${name})`).toBe(true);
      expect(text && text.height < 24, `${label} on one line (${name})`).toBe(true);
    }
    // Nothing runs off the side of the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, `audit-filters-${name}`, "viewport");
  }
  await page.setViewportSize({ width: 1280, height: 800 });
});

/** The CodeMirror content element: a textbox named by the editor's aria-label. */
const jsonEditor = () => page.getByRole("textbox", { name: "Policy document" });

async function replaceDocument(text: string): Promise<void> {
  await jsonEditor().click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

test("the policy editor names a finding's statement and field, and says a syntax error as a sentence", async () => {
  await page.goto("/policies/new");
  await page.getByRole("tab", { name: "JSON" }).click();
  const policy = {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "iam:ListUsers", Resource: "*" },
      { Sid: "AllowS3", Effect: "Allow", Action: "s3:GetObject", Resource: "my-bucket" },
    ],
  };
  await replaceDocument(JSON.stringify(policy, null, 2));
  const findings = page.getByRole("region", { name: "Policy findings" });
  const arnFinding = findings.getByTestId("policy-finding").filter({ hasText: "INVALID_ARN_PREFIX" });
  // The JSON view points at the line and column.
  await expect(arnFinding.getByTestId("policy-finding-location")).toHaveText(/^Ln \d+, Col \d+$/);

  // The Visual view points at the statement card and its field, and takes the focus there.
  await page.getByRole("tab", { name: "Visual" }).click();
  await expect(arnFinding.getByTestId("policy-finding-location")).toHaveText("Statement 2 (Sid AllowS3) · Resource");
  await arnFinding.getByRole("button").click();
  const statement = page.getByRole("region", { name: "Statement 2 (AllowS3)" });
  await expect(statement.getByRole("radio", { name: /^Specific/ })).toBeFocused();
  await screenshot(page, "policy-editor-visual-finding");

  // A document that stops before its statement list is closed.
  await page.getByRole("tab", { name: "JSON" }).click();
  await replaceDocument('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*"}');
  const syntax = findings.getByTestId("policy-finding").filter({ hasText: "JSON_SYNTAX_ERROR" });
  await expect(syntax).toContainText("Line 1: the JSON ends before the statement list is closed — add `]}`.");
  await expect(syntax).not.toContainText("offset");
  await page.getByRole("tab", { name: "Visual" }).click();
  await expect(page.getByTestId("policy-editor-notice")).toHaveText("The visual editor needs valid JSON. Line 1: the JSON ends before the statement list is closed — add `]}`.");

  // A missing comma names the value it should follow.
  await replaceDocument('{\n  "Version": "2012-10-17"\n  "Statement": []\n}');
  await expect(syntax).toContainText('Line 2: a comma is missing between `"2012-10-17"` and `"Statement"` — add `,` after `"2012-10-17"`.');
  await screenshot(page, "policy-editor-syntax-sentence");
});
